// Reports that write themselves (issue 19): generate a report of a period (once per kind, period and
// project — the job run twice finds it there; a manager may generate it again on demand, which
// replaces its figures), list and read them (a customer only its own projects' reports: anything else
// is a 404), keep the recipients, and email a report: the organisation's reports to the chosen
// recipients in their language, a project's report to the customer's contacts who asked for it (or
// the project's main contact), each with the PDF and the workbook attached.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type { TReportRunSummary } from '../../../common/reports-api.ts';
import {
  periodDays,
  type TGenerateReport,
  type TReportKind,
  type TReportLang,
  type TReportRecipient,
  type TReportRecipients,
  type TReportRun,
} from '../../../common/reports-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { assertReferences } from '../../platform/references.ts';
import { XLSX_TYPE } from '../../platform/xlsx-export.ts';
import { customerReaderLocale, findActiveStaffMembers, userNames } from '../accounts/index.ts';
import { contactFacts, customerFacts, projectFacts, siteContacts } from '../registry/index.ts';
import { reportFigures } from './figures.ts';
import {
  fileStem,
  type RunNames,
  reportPdf,
  reportTitle,
  reportWorkbook,
  reportXlsxBuffer,
} from './render.ts';
import * as repo from './repository.ts';

type RunRow = repo.RunRow;

async function namesOf(db: Executor, rows: readonly RunRow[]): Promise<Map<string, RunNames>> {
  const [projects, customers] = await Promise.all([
    projectFacts(
      db,
      rows.flatMap((r) => (r.projectId ? [r.projectId] : [])),
    ),
    customerFacts(
      db,
      rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    ),
  ]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        projectName: r.projectId ? (projects.get(r.projectId)?.name ?? null) : null,
        customerName: r.customerId ? (customers.get(r.customerId)?.name ?? null) : null,
      },
    ]),
  );
}

function summaryOf(r: RunRow, names: RunNames | undefined): TReportRunSummary {
  const days = periodDays(r.kind, r.period);
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    from: days.from,
    to: days.to,
    projectId: r.projectId,
    projectName: names?.projectName ?? null,
    customerName: names?.customerName ?? null,
    empty: r.empty,
    trigger: r.trigger,
    generatedAt: r.generatedAt.toISOString(),
    emailedTo: r.emailedTo,
  };
}

/** A run the caller may read: a customer user only its own projects' reports. */
async function visibleRun(ctx: Ctx, id: string): Promise<RunRow> {
  const run = await repo.runById(ctx.db, id);
  if (!run) throw notFound('Report');
  if (ctx.scope.kind === 'customer' && run.customerId !== ctx.scope.customerId) throw notFound('Report');
  return run;
}

export async function listRuns(ctx: Ctx, q: { kind?: TReportKind; limit: number }) {
  const rows =
    ctx.scope.kind === 'customer'
      ? await repo.listRuns(ctx.db, {
          kind: 'project_monthly',
          customerId: ctx.scope.customerId,
          limit: q.limit,
        })
      : await repo.listRuns(ctx.db, q);
  const names = await namesOf(ctx.db, rows);
  return { items: rows.map((r) => summaryOf(r, names.get(r.id))) };
}

export async function getRun(ctx: Ctx, id: string): Promise<TReportRun> {
  const run = await visibleRun(ctx, id);
  const names = await namesOf(ctx.db, [run]);
  return { ...summaryOf(run, names.get(run.id)), figures: run.figures };
}

export async function runFile(ctx: Ctx, blobs: BlobStore, id: string, format: 'pdf', lang: TReportLang) {
  const run = await visibleRun(ctx, id);
  const names = (await namesOf(ctx.db, [run])).get(run.id)!;
  return {
    name: `${fileStem(run)}-${lang}.${format}`,
    data: await reportPdf(ctx, blobs, run, names, lang),
    type: 'application/pdf',
  };
}

/** The workbook of a run the caller may read. */
export async function runWorkbook(ctx: Ctx, id: string, lang: TReportLang) {
  return reportWorkbook(await visibleRun(ctx, id), lang, ctx.timeZone);
}

/** The project's customer, or a 422 naming `projectId`. */
async function customerOfProject(ctx: Ctx, projectId: string): Promise<string> {
  await assertReferences(ctx, null, [{ field: 'projectId', kind: 'project', ids: projectId }]);
  const site = (await siteContacts(ctx.db, [projectId])).get(projectId);
  if (!site) throw invalidField('projectId', "not one of the customer's projects");
  return site.customerId;
}

export interface GenerateOptions {
  trigger: 'job' | 'manual';
  /** On demand, an existing report is generated again; the job leaves it alone. */
  replace: boolean;
  email: boolean;
  blobs: BlobStore;
  /** Where figures are read (the reports database when configured). */
  reads: Executor;
}

/**
 * The report of a period: made once (the unique key on kind, period and project), figures read from
 * the owning modules, emailed when asked. Returns the run and whether it was made now.
 */
export async function generateReport(
  ctx: Ctx,
  input: Pick<TGenerateReport, 'kind' | 'period' | 'projectId'>,
  opts: GenerateOptions,
): Promise<{ run: TReportRun; created: boolean }> {
  const projectId = input.kind === 'project_monthly' ? input.projectId! : null;
  const customerId = projectId ? await customerOfProject(ctx, projectId) : null;
  const existing = await repo.findRun(ctx.db, input.kind, input.period, projectId);
  let row: RunRow | null = null;
  let created = false;
  if (!existing || opts.replace) {
    const { figures, empty } = await reportFigures(
      ctx,
      opts.reads,
      input.kind,
      input.period,
      projectId,
      customerId,
    );
    const values = {
      kind: input.kind,
      period: input.period,
      projectId,
      customerId,
      figures,
      empty,
      trigger: opts.trigger,
      generatedAt: ctx.clock.now(),
      generatedBy: ctx.principal.userId,
    };
    await ctx.db.transaction(async (tx) => {
      row = existing ? await repo.replaceFigures(tx, existing.id, values) : await repo.insertRun(tx, values);
      created = !existing && row !== null;
      if (row)
        await writeAudit(tx, ctx, {
          action: existing ? 'report.regenerated' : 'report.generated',
          entityType: 'report_run',
          entityId: row.id,
          after: { kind: row.kind, period: row.period, projectId, empty, trigger: opts.trigger },
        });
    });
  }
  // Another run made it meanwhile (the insert found the key taken): read that one.
  const run = row ?? existing ?? (await repo.findRun(ctx.db, input.kind, input.period, projectId))!;
  if (opts.email && (created || opts.trigger === 'manual')) await emailReport(ctx, opts.blobs, run);
  return { run: await getRun(ctx, run.id), created };
}

interface Addressee {
  email: string;
  lang: TReportLang;
}

async function addresseesOf(ctx: Ctx, run: RunRow): Promise<Addressee[]> {
  if (run.kind === 'project_monthly') {
    const customerId = run.customerId!;
    const lang: TReportLang = (await customerReaderLocale(ctx.db, customerId))?.startsWith('en')
      ? 'en'
      : 'zh-CN';
    const chosen = await repo.subscribers(ctx.db, customerId);
    const contacts = await contactFacts(ctx.db, chosen);
    const emails = [...contacts.values()].flatMap((c) => (c.email ? [c.email] : []));
    if (!emails.length && run.projectId) {
      const main = (await siteContacts(ctx.db, [run.projectId])).get(run.projectId)?.email;
      if (main) emails.push(main);
    }
    return [...new Set(emails)].map((email) => ({ email, lang }));
  }
  const rows = (await repo.recipients(ctx.db)).filter((r) => (run.kind === 'weekly' ? r.weekly : r.monthly));
  const staff = new Map(
    (
      await findActiveStaffMembers(
        ctx.db,
        rows.flatMap((r) => (r.userId ? [r.userId] : [])),
      )
    ).map((s) => [s.id, s]),
  );
  const out = new Map<string, Addressee>();
  for (const r of rows) {
    const email = r.userId ? staff.get(r.userId)?.email : r.email;
    if (email && !out.has(email.toLowerCase())) out.set(email.toLowerCase(), { email, lang: r.lang });
  }
  return [...out.values()];
}

/** Emails the report (PDF and workbook attached, in each addressee's language); once per address. */
export async function emailReport(ctx: Ctx, blobs: BlobStore, run: RunRow): Promise<number> {
  const to = await addresseesOf(ctx, run);
  if (!to.length) return 0;
  const names = (await namesOf(ctx.db, [run])).get(run.id)!;
  const files = new Map<TReportLang, { filename: string; storageKey: string; contentType: string }[]>();
  for (const lang of new Set(to.map((a) => a.lang))) {
    const stem = `${fileStem(run)}-${lang}`;
    const pdfKey = `reports/${run.id}/${stem}-${run.generatedAt.getTime()}.pdf`;
    const xlsxKey = `reports/${run.id}/${stem}-${run.generatedAt.getTime()}.xlsx`;
    await blobs.put(pdfKey, await reportPdf(ctx, blobs, run, names, lang));
    await blobs.put(xlsxKey, await reportXlsxBuffer(ctx, run, lang));
    files.set(lang, [
      { filename: `${stem}.pdf`, storageKey: pdfKey, contentType: 'application/pdf' },
      { filename: `${stem}.xlsx`, storageKey: xlsxKey, contentType: XLSX_TYPE },
    ]);
  }
  const now = ctx.clock.now();
  const days = periodDays(run.kind, run.period);
  await ctx.db.transaction(async (tx) => {
    for (const a of to) {
      const title = reportTitle(run, a.lang);
      const about = names.projectName ? ` · ${names.projectName}` : '';
      await enqueueMessage(
        tx,
        {
          channel: 'email',
          recipient: a.email,
          template: 'reports.report',
          payload: {
            subject: `${title} ${days.from} – ${days.to}${about}`,
            text:
              a.lang === 'en'
                ? `Hello,\n\nThe ${title.toLowerCase()} for ${days.from} – ${days.to}${about} is attached (PDF and Excel).\n\nAftercare`
                : `您好：\n\n附件为 ${days.from} 至 ${days.to}${about} 的${title}（PDF 与 Excel）。\n\nAftercare`,
            attachments: files.get(a.lang),
          },
          dedupeKey: `report:${run.id}:${run.generatedAt.getTime()}:${a.email.toLowerCase()}`,
        },
        now,
      );
    }
    await repo.addEmailed(tx, run.id, to.length);
  });
  return to.length;
}

/** On demand: a period that has not started yet is refused (422 naming `period`). */
export async function generateOnDemand(
  ctx: Ctx,
  input: Pick<TGenerateReport, 'kind' | 'period' | 'projectId'>,
  opts: GenerateOptions,
) {
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  if (periodDays(input.kind, input.period).from > today) throw invalidField('period', 'has not started yet');
  return generateReport(ctx, input, opts);
}

// ---------- recipients ----------
export async function listRecipients(ctx: Ctx): Promise<{ items: TReportRecipient[] }> {
  const rows = await repo.recipients(ctx.db);
  const names = await userNames(
    ctx.db,
    rows.flatMap((r) => (r.userId ? [r.userId] : [])),
  );
  const staff = new Map(
    (
      await findActiveStaffMembers(
        ctx.db,
        rows.flatMap((r) => (r.userId ? [r.userId] : [])),
      )
    ).map((s) => [s.id, s]),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      name: r.userId ? (names.get(r.userId) ?? null) : null,
      email: r.userId ? (staff.get(r.userId)?.email ?? null) : r.email,
      lang: r.lang,
      weekly: r.weekly,
      monthly: r.monthly,
    })),
  };
}

/** Replaces the recipients; each must be reachable by email (a 422 names the entry's field). */
export async function setRecipients(ctx: Ctx, input: TReportRecipients) {
  const list = input.recipients;
  await assertReferences(
    ctx,
    null,
    list.flatMap((r, i) =>
      r.userId ? [{ field: `recipients.${i}.userId`, kind: 'staff' as const, ids: r.userId }] : [],
    ),
  );
  const staff = new Map(
    (
      await findActiveStaffMembers(
        ctx.db,
        list.flatMap((r) => (r.userId ? [r.userId] : [])),
      )
    ).map((s) => [s.id, s]),
  );
  const seen = new Set<string>();
  list.forEach((r, i) => {
    if (r.userId && !staff.get(r.userId)?.email)
      throw invalidField(`recipients.${i}.userId`, 'this staff member has no email address');
    const key = r.userId ?? r.email!.toLowerCase();
    if (seen.has(key)) throw invalidField(`recipients.${i}.${r.userId ? 'userId' : 'email'}`, 'listed twice');
    seen.add(key);
  });
  const before = await repo.recipients(ctx.db);
  await ctx.db.transaction(async (tx) => {
    await repo.replaceRecipients(
      tx,
      list.map((r) => ({
        userId: r.userId ?? null,
        email: r.userId ? null : r.email!.trim(),
        lang: r.lang,
        weekly: r.weekly,
        monthly: r.monthly,
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'report.recipients_changed',
      entityType: 'report_recipients',
      entityId: null,
      before: before.map(({ userId, email, weekly, monthly }) => ({ userId, email, weekly, monthly })),
      after: list,
    });
  });
  return listRecipients(ctx);
}

// ---------- a customer's contacts who receive its project reports ----------
function ownCustomer(ctx: Ctx, customerId: string) {
  if (ctx.scope.kind === 'customer' && ctx.scope.customerId !== customerId) throw notFound('Customer');
}

export async function listSubscribers(ctx: Ctx, customerId: string) {
  ownCustomer(ctx, customerId);
  await assertReferences(ctx, null, [{ field: 'customerId', kind: 'customer', ids: customerId }]).catch(
    () => {
      throw notFound('Customer');
    },
  );
  return { contactIds: await repo.subscribers(ctx.db, customerId) };
}

export async function setSubscribers(ctx: Ctx, customerId: string, contactIds: string[]) {
  await listSubscribers(ctx, customerId);
  await assertReferences(ctx, customerId, [{ field: 'contactIds', kind: 'contact', ids: contactIds }]);
  const unique = [...new Set(contactIds)];
  const contacts = await contactFacts(ctx.db, unique);
  unique.forEach((id) => {
    if (!contacts.get(id)?.email)
      throw invalidField(`contactIds.${contactIds.indexOf(id)}`, 'this contact has no email address');
  });
  await ctx.db.transaction(async (tx) => {
    await repo.replaceSubscribers(tx, customerId, unique);
    await writeAudit(tx, ctx, {
      action: 'report.subscribers_changed',
      entityType: 'customer',
      entityId: customerId,
      after: { contactIds: unique },
    });
  });
  return { contactIds: unique };
}
