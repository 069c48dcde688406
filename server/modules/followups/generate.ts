// The rules that create follow-ups (回访). Each fires once per subject and period: the unique key
// (rule, subject, period) makes a second run, a second instance or an overlap a no-op.
// - Periodic (every 3 months after delivery 篇1 二.2; monthly on-site visit with equipment check and
//   coaching when the contract includes it 篇4 g.1; yearly visit 篇2; periodic call to every customer
//   篇3 (5)): the delivered projects in pages, the current period of each, inserted set-based.
// - After an event (repair completed 篇1 四.3; consultation answered 篇1 四.1): the owner's read model of
//   what happened since this job's watermark, so the work is proportional to what is new.
// - After a complaint is handled (篇1 六.5): the complaints module calls `followUpComplaintHandled`.
// An on-site follow-up is a field work order (kind inspection), planned for its due time.
import { randomUUID } from 'node:crypto';
import type { BusinessCalendar } from '../../../common/business-calendar.ts';
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TCreateDueResult, TFollowUpRule, TFollowUpSettings } from '../../../common/followups-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudits } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { createPlannedWorkOrders, repairsCompletedSince } from '../field/index.ts';
import { type DeliveredProject, deliveredProjects, projectContractKinds } from '../registry/index.ts';
import { consultationsResolvedSince } from '../tickets/index.ts';
import * as repo from './repository.ts';
import { currentPeriod, eventDueAt, flagAfter, periodicDueAt } from './rules.ts';
import { calendarOf, settingsOf } from './settings.ts';

/** Projects read and written per transaction. */
export const GENERATE_PAGE = 2000;
const EVENT_PAGE = 1000;
/** Sources are re-read this far behind their watermark: a transaction that committed late is seen. */
const OVERLAP_MS = 10 * 60_000;
/** Where a source is first read from (a new installation or an upgrade). */
const FIRST_LOOKBACK_MS = 7 * 86_400_000;

interface Env {
  settings: TFollowUpSettings;
  cal: BusinessCalendar;
  now: Date;
}

function rowOf(
  env: Env,
  rule: TFollowUpRule,
  subjectId: string,
  periodKey: string,
  dueAt: Date,
  facts: Partial<repo.NewFollowUp> & { customerId: string },
): repo.NewFollowUp {
  return {
    id: randomUUID(),
    rule,
    subjectId,
    periodKey,
    channel: env.settings.rules[rule].channel,
    dueAt,
    flagAt: flagAfter(0, dueAt, env.settings),
    createdAt: env.now,
    updatedAt: env.now,
    ...facts,
  };
}

const VISIT_SUMMARY: Partial<Record<TFollowUpRule, string>> = {
  onsite_monthly: '上门回访：设备检查与操作人员培训（设备回访单）',
  onsite_yearly: '年度上门回访',
  delivery_quarterly: '定期上门回访',
};

/** Inserts the rows not there yet; the new on-site ones get their planned work order. */
async function insertAndPlan(tx: Executor, ctx: Ctx, all: repo.NewFollowUp[]) {
  // What is there already is left out before building the insert (a rerun writes nothing); the
  // unique key still decides between two runs at once.
  const have = await repo.existingKeys(
    tx,
    [...new Set(all.map((r) => r.rule as TFollowUpRule))],
    [...new Set(all.flatMap((r) => (r.subjectId ? [r.subjectId] : [])))],
  );
  const rows = all.filter((r) => !have.has(`${r.rule}:${r.subjectId}:${r.periodKey}`));
  const created = await repo.insertFollowUps(tx, rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const visits = created.flatMap((c) => {
    const row = byId.get(c.id);
    if (c.channel !== 'on_site' || !c.projectId || !row) return [];
    return [
      {
        id: randomUUID(),
        followUpId: c.id,
        kind: 'inspection' as const,
        customerId: row.customerId,
        projectId: c.projectId,
        assetIds: [],
        summary: VISIT_SUMMARY[row.rule as TFollowUpRule] ?? '上门回访',
        scheduledAt: row.dueAt,
      },
    ];
  });
  if (created.length)
    await writeAudits(
      tx,
      ctx,
      created.map((c) => ({
        action: 'followups.create',
        entityType: 'follow_up',
        entityId: c.id,
        after: byId.get(c.id),
      })),
    );
  if (visits.length) {
    await repo.setVisitWorkOrders(
      tx,
      visits.map((v) => ({ id: v.followUpId, workOrderId: v.id })),
    );
    // Last: the WO series' counter row stays locked until the commit.
    await createPlannedWorkOrders(tx, ctx, visits);
  }
  return { created: created.length, visits: visits.length };
}

/** The project rules' follow-ups of one page of delivered projects. */
async function projectRows(tx: Executor, env: Env, page: DeliveredProject[], horizonEnd: string) {
  const rules = env.settings.rules;
  const today = toLocalDate(env.now, env.cal.timeZone);
  const monthly = rules.onsite_monthly;
  const kinds =
    monthly.enabled && monthly.contractKinds.length
      ? await projectContractKinds(
          tx,
          page.map((p) => p.projectId),
          today,
        )
      : new Map<string, string[]>();
  const rows: repo.NewFollowUp[] = [];
  for (const p of page) {
    for (const rule of ['delivery_quarterly', 'onsite_monthly', 'onsite_yearly'] as const) {
      const setting = rules[rule];
      if (!setting.enabled || !setting.intervalMonths) continue;
      if (
        rule === 'onsite_monthly' &&
        !(kinds.get(p.projectId) ?? []).some((k) => setting.contractKinds.includes(k as never))
      )
        continue;
      const period = currentPeriod(p.deliveredOn, setting.intervalMonths, horizonEnd);
      if (!period) continue;
      rows.push(
        rowOf(env, rule, p.projectId, String(period.n), periodicDueAt(period.nominalOn, setting, env.cal), {
          customerId: p.customerId,
          projectId: p.projectId,
          contactId: p.contactId,
          reference: period.nominalOn,
        }),
      );
    }
  }
  return rows;
}

/** Every periodic rule over the delivered projects, a page per transaction. */
async function createPeriodic(ctx: Ctx, env: Env): Promise<TCreateDueResult> {
  const horizonEnd = addDays(toLocalDate(env.now, env.cal.timeZone), env.settings.horizonDays);
  const firstDelivery = new Map<string, { on: string; contactId: string | null }>();
  const result = { created: 0, visits: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await deliveredProjects(ctx.db, after, GENERATE_PAGE);
    if (!page.length) break;
    after = page.at(-1)!.projectId;
    for (const p of page) {
      const seen = firstDelivery.get(p.customerId);
      if (!seen || p.deliveredOn < seen.on)
        firstDelivery.set(p.customerId, { on: p.deliveredOn, contactId: p.contactId });
    }
    const r = await ctx.db.transaction(async (tx) =>
      insertAndPlan(tx, ctx, await projectRows(tx, env, page, horizonEnd)),
    );
    result.created += r.created;
    result.visits += r.visits;
    if (page.length < GENERATE_PAGE) break;
  }
  // 篇3 (5): every customer who bought from us, counted from its first delivery.
  const call = env.settings.rules.periodic_call;
  if (call.enabled && call.intervalMonths) {
    const rows: repo.NewFollowUp[] = [];
    for (const [customerId, first] of firstDelivery) {
      const period = currentPeriod(first.on, call.intervalMonths, horizonEnd);
      if (!period) continue;
      rows.push(
        rowOf(
          env,
          'periodic_call',
          customerId,
          String(period.n),
          periodicDueAt(period.nominalOn, call, env.cal),
          {
            customerId,
            contactId: first.contactId,
            reference: period.nominalOn,
          },
        ),
      );
    }
    for (let i = 0; i < rows.length; i += GENERATE_PAGE) {
      const r = await ctx.db.transaction(async (tx) =>
        insertAndPlan(tx, ctx, rows.slice(i, i + GENERATE_PAGE)),
      );
      result.created += r.created;
    }
  }
  return result;
}

/** Reads one event source from its watermark in pages; each page and its watermark in one transaction. */
async function drainSource<T>(
  ctx: Ctx,
  env: Env,
  source: string,
  read: (tx: Executor, after: Date, until: Date) => Promise<T[]>,
  stamp: (row: T) => Date,
  toRow: (row: T) => repo.NewFollowUp | null,
): Promise<TCreateDueResult> {
  const result = { created: 0, visits: 0 };
  for (;;) {
    const more = await ctx.db.transaction(async (tx) => {
      const mark = await repo.lockWatermark(tx, source, new Date(env.now.getTime() - FIRST_LOOKBACK_MS));
      // The overlap (seen before, except a late commit) and then what is new since the watermark.
      const late = await read(tx, new Date(mark.getTime() - OVERLAP_MS), mark);
      const fresh = await read(tx, mark, env.now);
      const r = await insertAndPlan(
        tx,
        ctx,
        [...late, ...fresh].flatMap((row) => toRow(row) ?? []),
      );
      result.created += r.created;
      result.visits += r.visits;
      const last = fresh.at(-1);
      if (last) await repo.setWatermark(tx, source, stamp(last));
      return fresh.length === EVENT_PAGE;
    });
    if (!more) return result;
  }
}

async function createFromEvents(ctx: Ctx, env: Env): Promise<TCreateDueResult> {
  const { repair, consultation } = env.settings.rules;
  const a = await drainSource(
    ctx,
    env,
    'repair',
    (tx, after, until) => repairsCompletedSince(tx, after, until, EVENT_PAGE),
    (r) => r.recordedAt,
    (r) =>
      repair.enabled
        ? rowOf(env, 'repair', r.workOrderId, '', eventDueAt(r.completedAt, repair, env.cal), {
            customerId: r.customerId,
            projectId: r.projectId,
            ticketId: r.ticketId,
            workOrderId: r.workOrderId,
            reference: r.number,
          })
        : null,
  );
  const b = await drainSource(
    ctx,
    env,
    'consultation',
    (tx, after, until) => consultationsResolvedSince(tx, after, until, EVENT_PAGE),
    (r) => r.resolvedAt,
    (r) =>
      consultation.enabled
        ? rowOf(env, 'consultation', r.ticketId, '', eventDueAt(r.resolvedAt, consultation, env.cal), {
            customerId: r.customerId,
            projectId: r.projectId,
            contactId: r.contactId,
            ticketId: r.ticketId,
            reference: r.number,
          })
        : null,
  );
  return { created: a.created + b.created, visits: a.visits + b.visits };
}

/** The job: every rule's follow-ups that are due (or due within the horizon), each once. */
export async function createDueFollowUps(ctx: Ctx): Promise<TCreateDueResult> {
  const env: Env = {
    settings: await settingsOf(ctx.db),
    cal: calendarOf(ctx.timeZone),
    now: ctx.clock.now(),
  };
  const events = await createFromEvents(ctx, env);
  const periodic = await createPeriodic(ctx, env);
  return { created: events.created + periodic.created, visits: events.visits + periodic.visits };
}

// ---------- the complaints module's port (篇1 六.5) ----------
export interface HandledComplaint {
  complaintId: string;
  customerId: string;
  projectId?: string | null;
  contactId?: string | null;
  /** The complaint's number, shown on the call list. */
  reference: string;
  handledAt: Date;
  /** A complaint that reopens is handled again: each round gets its own feedback follow-up. */
  round?: number;
}

/**
 * What the complaints module calls in the transaction that records a complaint as handled: the
 * feedback follow-up due within 24 h (the rule's delay), once per complaint and round; null when the
 * rule is switched off. The follow-up's outcome (reached, satisfied 1–5) is what the complaint's
 * "satisfied?" step reads back (`followUpOutcomeOf`).
 */
export type ComplaintFollowUpPort = (
  tx: Executor,
  ctx: Ctx,
  complaint: HandledComplaint,
) => Promise<{ id: string; dueAt: Date } | null>;

export const followUpComplaintHandled: ComplaintFollowUpPort = async (tx, ctx, c) => {
  const settings = await settingsOf(tx);
  const rule = settings.rules.complaint;
  if (!rule.enabled) return null;
  const env: Env = { settings, cal: calendarOf(ctx.timeZone), now: ctx.clock.now() };
  const row = rowOf(
    env,
    'complaint',
    c.complaintId,
    String(c.round ?? 1),
    eventDueAt(c.handledAt, rule, env.cal),
    {
      customerId: c.customerId,
      projectId: c.projectId ?? null,
      contactId: c.contactId ?? null,
      reference: c.reference,
    },
  );
  const created = await insertAndPlan(tx, ctx, [row]);
  return created.created ? { id: row.id!, dueAt: row.dueAt } : null;
};
