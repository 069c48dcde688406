// A ticket's SLA log and its targets: milestones and status changes go into the log; the targets
// (one per metric of the policy the ticket falls under) are recomputed from it in the same
// transaction as the ticket change, every moved deadline audited.
import { randomUUID } from 'node:crypto';
import { type BusinessCalendar, calendar24x7 } from '../../../common/business-calendar.ts';
import { toLocalDate } from '../../../common/calendar-dates.ts';
import {
  applicableTargets,
  type EscalationAction,
  type LogEntry,
  levelAt,
  type Policy,
  projectTarget,
  type SlaEvent,
  selectPolicy,
  type TargetDefinition,
} from '../../../common/sla-rules.ts';
import type { TicketStatus } from '../../../common/ticket-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { findGoverningTerms, regionOf } from '../registry/index.ts';
import { slaConfig } from './config.ts';
import type { SlaTicketFacts } from './ports.ts';
import type { TargetRow } from './repository.ts';
import * as repo from './repository.ts';

export type SlaLogEntry =
  | { event: SlaEvent; at?: Date }
  | { event: 'status'; status: TicketStatus; at?: Date };

/** A target without a calendar of its own runs around the clock in the organisation's zone. */
export const calendarFor = (cals: Map<string, BusinessCalendar>, def: TargetDefinition, timeZone: string) =>
  (def.calendarId ? cals.get(def.calendarId) : undefined) ?? calendar24x7(timeZone);

/**
 * Logs what happened to a ticket and brings its targets up to date: `reselect` when a fact a policy
 * is selected on may have changed (kind, priority, emergency, complexity, project) or at creation.
 */
export async function recordSlaEvents(
  tx: Executor,
  ctx: Ctx,
  ticket: SlaTicketFacts,
  entries: SlaLogEntry[],
  options: { reselect?: boolean } = {},
) {
  await logSla(tx, ctx, ticket.id, entries);
  if (options.reselect) await applyPolicy(tx, ctx, ticket);
  else await refreshTargets(tx, ctx, ticket.id);
}

/** Appends lines to a ticket's SLA log (no recompute: call `refreshTargets` after). */
export async function logSla(tx: Executor, ctx: Ctx, ticketId: string, entries: SlaLogEntry[]) {
  const now = ctx.clock.now();
  await repo.insertEvents(
    tx,
    entries.map((e) => ({
      ticketId,
      event: e.event,
      status: e.event === 'status' ? e.status : null,
      at: e.at ?? now,
      recordedBy: ctx.principal.userId,
      recordedAt: now,
    })),
  );
}

/**
 * (Re)selects the ticket's policy and sets its targets: a metric the new policy also has keeps its
 * row (its start, pauses and fired levels — elapsed business time carries over) with the new
 * definition; a metric it no longer has is dropped unless already met; new metrics are added.
 */
export async function applyPolicy(tx: Executor, ctx: Ctx, ticket: SlaTicketFacts) {
  const config = await slaConfig.get(ctx.db, tx);
  const policy = await policyOf(tx, ctx, config.policies, ticket, await regionOf(tx, ticket));
  const defs = policy ? applicableTargets(policy, ticket.complexity) : [];
  const existing = await repo.targetsOfTicket(tx, ticket.id);
  if (!defs.length && !existing.length) return;
  for (const row of existing) {
    if (!defs.some((d) => d.metric === row.metric) && row.state !== 'met') {
      await repo.deleteTarget(tx, row.id);
      await writeAudit(tx, ctx, {
        action: 'sla.target-removed',
        entityType: 'ticket',
        entityId: ticket.id,
        before: { metric: row.metric, dueAt: row.dueAt, policyId: row.policyId },
      });
    }
  }
  const rows: Projected[] = [];
  for (const def of defs) {
    const row = existing.find((r) => r.metric === def.metric);
    if (!row) {
      rows.push(newTarget(ctx, ticket, policy!, def));
    } else if (row.state !== 'met') {
      rows.push({ ...row, policyId: policy!.id, policyVersion: policy!.version, definition: def });
    } else {
      rows.push(row);
    }
  }
  await writeProjections(tx, ctx, ticket.id, rows, existing, config.calendars);
}

/** The policy a ticket falls under; the tier comes from the contract governing the project today. */
async function policyOf(
  tx: Executor,
  ctx: Ctx,
  policies: Policy[],
  ticket: SlaTicketFacts,
  region: string | null,
): Promise<Policy | null> {
  const terms = ticket.projectId
    ? await findGoverningTerms(tx, ticket.projectId, toLocalDate(ctx.clock.now(), ctx.timeZone))
    : null;
  return selectPolicy(policies, {
    kind: ticket.kind,
    priority: ticket.priority,
    emergency: ticket.emergency,
    complexity: ticket.complexity,
    customerId: ticket.customerId,
    contractTier: terms?.responseTier ?? null,
    region,
  });
}

function newTarget(ctx: Ctx, ticket: SlaTicketFacts, policy: Policy, def: TargetDefinition): Projected {
  return {
    id: randomUUID(),
    ticketId: ticket.id,
    customerId: ticket.customerId,
    policyId: policy.id,
    policyVersion: policy.version,
    metric: def.metric,
    definition: def,
    state: 'pending',
    startedAt: null,
    dueAt: null,
    warnAt: null,
    pauses: [],
    metAt: null,
    breached: false,
    breachedBy: 0,
    nextFireAt: null,
    updatedAt: ctx.clock.now(),
    isNew: true,
  };
}

/**
 * A new ticket's SLA: its first log lines and its targets, in the caller's transaction, from what the
 * caller already holds (the ticket's facts and region): nothing just written is read back. Returns the
 * targets as stored (the earliest running deadline is the ticket's `slaDueAt`).
 */
export async function startSla(
  tx: Executor,
  ctx: Ctx,
  ticket: SlaTicketFacts,
  region: string | null,
  entries: SlaLogEntry[],
): Promise<TargetRow[]> {
  await logSla(tx, ctx, ticket.id, entries);
  const config = await slaConfig.get(ctx.db, tx);
  const policy = await policyOf(tx, ctx, config.policies, ticket, region);
  if (!policy) return [];
  const now = ctx.clock.now();
  const log: LogEntry[] = entries.map((e) =>
    e.event === 'status'
      ? { event: 'status' as const, status: e.status, at: e.at ?? now }
      : { event: e.event, at: e.at ?? now },
  );
  const rows = applicableTargets(policy, ticket.complexity).map((def) => newTarget(ctx, ticket, policy, def));
  const { inserts } = projectTargets(ctx, rows, [], config.calendars, log, new Map());
  await repo.insertTargets(tx, inserts);
  return inserts;
}

/** Recomputes the ticket's targets from its log and the current calendars; audits moved deadlines. */
export async function refreshTargets(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  cals?: Map<string, BusinessCalendar>,
): Promise<number> {
  const rows = await repo.targetsOfTicket(tx, ticketId);
  if (!rows.length) return 0;
  return writeProjections(tx, ctx, ticketId, rows, rows, cals);
}

type Projected = TargetRow & { isNew?: boolean };

/**
 * Projects each target from the log and writes what changed: new targets in one insert, changed
 * ones in one update (a reply usually touches one or two of a ticket's ten targets).
 */
async function writeProjections(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  rows: Projected[],
  stored: TargetRow[],
  cals?: Map<string, BusinessCalendar>,
): Promise<number> {
  const calendars = cals ?? (await slaConfig.get(ctx.db, tx)).calendars;
  const log = await ticketLog(tx, ticketId);
  const fired = await repo.firedLevels(
    tx,
    stored.map((r) => r.id),
  );
  const { inserts, updates, moved } = projectTargets(ctx, rows, stored, calendars, log, fired);
  for (const m of moved) {
    await writeAudit(tx, ctx, {
      action: 'sla.deadline-change',
      entityType: 'ticket',
      entityId: ticketId,
      before: { metric: m.metric, dueAt: m.before },
      after: { metric: m.metric, dueAt: m.after, durationMinutes: m.durationMinutes },
    });
  }
  await repo.insertTargets(tx, inserts);
  await repo.updateProjections(tx, updates, ctx.clock.now());
  return moved.length;
}

/** Each target projected from the log: what to insert, what to update, and the deadlines that moved. */
function projectTargets(
  ctx: Ctx,
  rows: Projected[],
  stored: TargetRow[],
  calendars: Map<string, BusinessCalendar>,
  log: LogEntry[],
  fired: Map<string, Set<string>>,
) {
  const now = ctx.clock.now();
  const moved: { metric: string; before: Date | null; after: Date | null; durationMinutes: number }[] = [];
  const inserts: TargetRow[] = [];
  const updates: TargetRow[] = [];
  for (const { isNew, ...row } of rows) {
    const def = row.definition;
    const cal = calendarFor(calendars, def, ctx.timeZone);
    const p = projectTarget(def, log, cal, now);
    const before = stored.find((r) => r.id === row.id);
    const oldDue = before?.dueAt?.getTime() ?? null;
    const newDue = p.dueAt?.getTime() ?? null;
    // A pause takes the deadline away and the resume brings it back (later): not a change of promise.
    if (oldDue !== null && newDue !== null && oldDue !== newDue && before?.state !== 'paused') {
      moved.push({
        metric: row.metric,
        before: before?.dueAt ?? null,
        after: p.dueAt,
        durationMinutes: def.durationMinutes,
      });
    }
    const next: TargetRow = {
      ...row,
      state: p.state,
      startedAt: p.startedAt,
      dueAt: p.dueAt,
      warnAt: p.warnAt,
      pauses: p.pauses.map((x) => ({ from: x.from.toISOString(), to: x.to?.toISOString() ?? null })),
      metAt: p.metAt,
      // Once marked by the sweeper, a breach stays (a met-late target is breached too).
      breached: row.breached || p.breached,
      breachedBy: p.breachedBy,
      nextFireAt: nextFire(def, cal, p, fired.get(row.id) ?? new Set(), row.breached),
      updatedAt: now,
    };
    if (isNew) inserts.push(next);
    else if (!before || differs(before, next)) updates.push(next);
  }
  return { inserts, updates, moved };
}

const time = (d: Date | null) => d?.getTime() ?? null;
function differs(a: TargetRow, b: TargetRow): boolean {
  return (
    a.state !== b.state ||
    time(a.startedAt) !== time(b.startedAt) ||
    time(a.dueAt) !== time(b.dueAt) ||
    time(a.warnAt) !== time(b.warnAt) ||
    time(a.metAt) !== time(b.metAt) ||
    time(a.nextFireAt) !== time(b.nextFireAt) ||
    a.breached !== b.breached ||
    a.breachedBy !== b.breachedBy ||
    a.policyId !== b.policyId ||
    stable(a.pauses) !== stable(b.pauses) ||
    stable(a.definition) !== stable(b.definition)
  );
}

/** JSON with sorted keys: jsonb does not keep the key order it was given. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

async function ticketLog(tx: Executor, ticketId: string): Promise<LogEntry[]> {
  const rows = await repo.eventsOfTicket(tx, ticketId);
  return rows.map((r) =>
    r.event === 'status'
      ? { event: 'status' as const, status: r.status!, at: r.at }
      : { event: r.event, at: r.at },
  );
}

/** The levels of a target: the breach itself at the deadline, then each escalation level. */
export function levelsOf(def: TargetDefinition) {
  return [
    { key: 'breach', offsetMinutes: 0, actions: [] as EscalationAction[] },
    ...def.escalations
      .map((l, i) => ({ key: `L${i}`, offsetMinutes: l.offsetMinutes, actions: l.actions }))
      // A warning "30 min before" a 15-minute target would come at its start: it does not apply.
      .filter((l) => def.durationMinutes + l.offsetMinutes > 0),
  ];
}

export function nextFire(
  def: TargetDefinition,
  cal: BusinessCalendar,
  p: Pick<ReturnType<typeof projectTarget>, 'state' | 'startedAt' | 'pauses'>,
  fired: Set<string>,
  breached: boolean,
): Date | null {
  if (p.state !== 'running' || !p.startedAt) return null;
  let next: Date | null = null;
  for (const level of levelsOf(def)) {
    if (fired.has(level.key) || (level.key === 'breach' && breached)) continue;
    const at = levelAt(def, cal, p.startedAt, p.pauses, level.offsetMinutes);
    if (!next || at < next) next = at;
  }
  return next;
}

export async function targetsOf(tx: Executor, ticketId: string) {
  return repo.targetsForDisplay(tx, ticketId);
}
