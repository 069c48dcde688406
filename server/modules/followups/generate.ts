// The rules that create follow-ups (回访). Each fires once per subject and period: the unique key
// (rule, subject, period) makes a second run, a second instance or an overlap a no-op.
// - Periodic (every 3 months after delivery 篇1 二.2; monthly on-site visit with equipment check and
//   coaching when the contract includes it 篇4 g.1; yearly visit 篇2; periodic call to every customer
//   篇3 (5)): a schedule row per subject and rule with its next date (kept from registry's delivery
//   changes); only the rows due within the horizon are read, inserted set-based.
// - After an event (repair completed 篇1 四.3; consultation answered 篇1 四.1): the owner's read model of
//   what happened since this job's watermark, so the work is proportional to what is new.
// - After a complaint is handled (篇1 六.5): the complaints module calls `followUpComplaintHandled`.
// An on-site follow-up is a field work order (kind inspection), planned for its due time.
import { randomUUID } from 'node:crypto';
import type { BusinessCalendar } from '../../../common/business-calendar.ts';
import { addDays, addMonths, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TCreateDueResult, TFollowUpRule, TFollowUpSettings } from '../../../common/followups-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudits } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { createPlannedWorkOrders, repairsCompleted } from '../field/index.ts';
import {
  type DeliveredProject,
  deliveredProjects,
  deliveryChangesSince,
  projectContractKinds,
  registryNow,
} from '../registry/index.ts';
import { consultationsResolvedSince } from '../tickets/index.ts';
import * as repo from './repository.ts';
import { currentPeriod, eventDueAt, flagAfter, periodicDueAt } from './rules.ts';
import { calendarOf, settingsOf } from './settings.ts';

/** Projects read and written per transaction. */
export const GENERATE_PAGE = 2000;
const EVENT_PAGE = 1000;
/** Sources are re-read this far behind their watermark: a transaction that committed late is seen. */
const OVERLAP_MS = 10 * 60_000;
/** The watermark of registry's delivery changes (database time). */
const DELIVERY_SOURCE = 'delivery';
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

const PROJECT_RULES = ['delivery_quarterly', 'onsite_monthly', 'onsite_yearly'] as const;
const PERIODIC_RULES = [...PROJECT_RULES, 'periodic_call'] as const;

/** The schedules of one delivered project (its rules, and its customer's periodic call). */
function schedulesOf(env: Env, p: DeliveredProject): repo.ScheduleRow[] {
  return PERIODIC_RULES.map((rule) => ({
    rule,
    subjectId: rule === 'periodic_call' ? p.customerId : p.projectId,
    customerId: p.customerId,
    projectId: rule === 'periodic_call' ? null : p.projectId,
    contactId: p.contactId,
    anchorOn: p.deliveredOn,
    nextOn: addMonths(p.deliveredOn, env.settings.rules[rule].intervalMonths ?? 1),
  }));
}

/** A page's schedules, once per rule and subject (a customer's several projects: its earliest delivery). */
function schedulesOfPage(env: Env, page: DeliveredProject[]): repo.ScheduleRow[] {
  const out = new Map<string, repo.ScheduleRow>();
  for (const row of page.flatMap((p) => schedulesOf(env, p))) {
    const key = `${row.rule}:${row.subjectId}`;
    const seen = out.get(key);
    if (!seen || row.anchorOn < seen.anchorOn) out.set(key, row);
  }
  return [...out.values()];
}

/**
 * Keeps the schedules in step with registry's deliveries: the first run (a new installation or the
 * upgrade) reads every delivered project once; later runs read only the projects whose delivery
 * facts changed since the watermark (database time, re-read with an overlap for late commits).
 */
async function syncDeliveries(ctx: Ctx, env: Env) {
  const started = await registryNow(ctx.db);
  const mark = await ctx.db.transaction((tx) => repo.findWatermark(tx, DELIVERY_SOURCE));
  if (!mark) {
    let after: string | null = null;
    for (;;) {
      const page = await deliveredProjects(ctx.db, after, GENERATE_PAGE);
      if (!page.length) break;
      after = page.at(-1)!.projectId;
      await ctx.db.transaction((tx) => repo.upsertSchedules(tx, schedulesOfPage(env, page)));
      if (page.length < GENERATE_PAGE) break;
    }
    await ctx.db.transaction((tx) => repo.initWatermark(tx, DELIVERY_SOURCE, started));
    return;
  }
  const since = new Date(mark.getTime() - OVERLAP_MS);
  let after: { changedAt: string; projectId: string } | null = null;
  for (;;) {
    const page = await deliveryChangesSince(ctx.db, since, after, GENERATE_PAGE);
    if (!page.length) break;
    const last = page.at(-1)!;
    after = { changedAt: last.changedAt, projectId: last.projectId };
    await ctx.db.transaction(async (tx) => {
      await repo.deleteProjectSchedules(
        tx,
        page.filter((p) => !p.deliveredOn).map((p) => p.projectId),
      );
      await repo.upsertSchedules(
        tx,
        schedulesOfPage(
          env,
          page.flatMap((p) => (p.deliveredOn ? [{ ...p, deliveredOn: p.deliveredOn }] : [])),
        ),
      );
    });
    if (page.length < GENERATE_PAGE) break;
  }
  await ctx.db.transaction((tx) => repo.setWatermark(tx, DELIVERY_SOURCE, started));
}

/**
 * One page of due schedules: each gets the follow-up of its latest period within the horizon — a
 * subject whose periods were missed (seen late, or a rule switched back on) gets one catch-up
 * follow-up for the latest period, not one per missed period — and its next date moves on.
 */
async function dueRows(tx: Executor, env: Env, due: repo.ScheduleRow[], horizonEnd: string) {
  const rules = env.settings.rules;
  const today = toLocalDate(env.now, env.cal.timeZone);
  const monthly = rules.onsite_monthly;
  const visits = due.filter((d) => d.rule === 'onsite_monthly').map((d) => d.projectId!);
  const kinds =
    visits.length && monthly.contractKinds.length
      ? await projectContractKinds(tx, visits, today)
      : new Map<string, string[]>();
  const rows: repo.NewFollowUp[] = [];
  const next: { rule: string; subjectId: string; nextOn: string }[] = [];
  for (const d of due) {
    const rule = d.rule as (typeof PERIODIC_RULES)[number];
    const setting = rules[rule];
    const interval = setting.intervalMonths ?? 1;
    const period = currentPeriod(d.anchorOn, interval, horizonEnd);
    next.push({
      rule,
      subjectId: d.subjectId,
      nextOn: addMonths(d.anchorOn, ((period?.n ?? 0) + 1) * interval),
    });
    if (!period) continue;
    // 篇4 g.1: the monthly visit only while the contract includes it (checked when due).
    if (
      rule === 'onsite_monthly' &&
      !(kinds.get(d.projectId!) ?? []).some((k) => setting.contractKinds.includes(k as never))
    )
      continue;
    rows.push(
      rowOf(env, rule, d.subjectId, String(period.n), periodicDueAt(period.nominalOn, setting, env.cal), {
        customerId: d.customerId,
        projectId: d.projectId,
        contactId: d.contactId,
        reference: period.nominalOn,
      }),
    );
  }
  return { rows, next };
}

/**
 * Every periodic rule: the schedules due within the horizon, a page per transaction. The work is
 * proportional to what is due.
 */
async function createPeriodic(ctx: Ctx, env: Env): Promise<TCreateDueResult> {
  await syncDeliveries(ctx, env);
  const horizonEnd = addDays(toLocalDate(env.now, env.cal.timeZone), env.settings.horizonDays);
  const enabled = PERIODIC_RULES.filter(
    (r) => env.settings.rules[r].enabled && env.settings.rules[r].intervalMonths,
  );
  const result = { created: 0, visits: 0 };
  for (;;) {
    const more = await ctx.db.transaction(async (tx) => {
      const due = await repo.claimDueSchedules(tx, enabled, horizonEnd, GENERATE_PAGE);
      const { rows, next } = await dueRows(tx, env, due, horizonEnd);
      await repo.advanceSchedules(tx, next);
      const r = await insertAndPlan(tx, ctx, rows);
      result.created += r.created;
      result.visits += r.visits;
      return due.length === GENERATE_PAGE;
    });
    if (!more) return result;
  }
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
    (tx, after, until) => repairsCompleted(tx, { at: after, id: null }, until, EVENT_PAGE),
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
