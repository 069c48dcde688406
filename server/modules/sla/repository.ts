// Every SQL statement of the SLA module (calendars, policies, targets, log, firings), and the
// fragments other modules' list queries use to read a ticket's SLA summary.
import { and, asc, eq, getTableName, gte, inArray, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/pool.ts';
import { hotInsert } from '../../db/prepared.ts';
import { slaCalendars, slaEvents, slaFirings, slaPolicies, slaTargets } from './schema.ts';

export type TargetRow = typeof slaTargets.$inferSelect;
export type CalendarRow = typeof slaCalendars.$inferSelect;
export type PolicyRow = typeof slaPolicies.$inferSelect;

// ---------- calendars and policies ----------

export async function listCalendarRows(db: Executor): Promise<CalendarRow[]> {
  return db.select().from(slaCalendars).orderBy(asc(slaCalendars.name));
}

export async function findCalendar(db: Executor, id: string): Promise<CalendarRow | undefined> {
  const [row] = await db.select().from(slaCalendars).where(eq(slaCalendars.id, id));
  return row;
}

export async function calendarIds(db: Executor): Promise<Set<string>> {
  return new Set((await db.select({ id: slaCalendars.id }).from(slaCalendars)).map((c) => c.id));
}

export async function insertCalendars(db: Executor, values: (typeof slaCalendars.$inferInsert)[]) {
  return db.insert(slaCalendars).values(values).returning();
}

export async function hasCalendar(db: Executor): Promise<boolean> {
  return (await db.select({ id: slaCalendars.id }).from(slaCalendars).limit(1)).length > 0;
}

export async function listPolicyRows(db: Executor): Promise<PolicyRow[]> {
  return db.select().from(slaPolicies).orderBy(asc(slaPolicies.position));
}

export async function findPolicy(db: Executor, id: string): Promise<PolicyRow | undefined> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  return row;
}

export async function hasPolicy(db: Executor): Promise<boolean> {
  return (await db.select({ id: slaPolicies.id }).from(slaPolicies).limit(1)).length > 0;
}

export async function insertPolicies(db: Executor, values: (typeof slaPolicies.$inferInsert)[]) {
  return db.insert(slaPolicies).values(values).returning();
}

/** At most one policy is the default (a partial unique index): clear it before setting another. */
export async function clearDefaultPolicy(db: Executor) {
  await db.update(slaPolicies).set({ isDefault: false }).where(eq(slaPolicies.isDefault, true));
}

export async function deletePolicy(db: Executor, id: string): Promise<PolicyRow | undefined> {
  const [row] = await db.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning();
  return row;
}

/** Serialises the installation of the shipped defaults across instances starting at once. */
export async function lockDefaultsInstall(db: Executor) {
  await db.execute(sql`select pg_advisory_xact_lock(7246002)`);
}

// ---------- targets, log and firings ----------

export async function targetsOfTicket(db: Executor, ticketId: string): Promise<TargetRow[]> {
  return db.select().from(slaTargets).where(eq(slaTargets.ticketId, ticketId));
}

export async function targetsForDisplay(db: Executor, ticketId: string): Promise<TargetRow[]> {
  return db
    .select()
    .from(slaTargets)
    .where(eq(slaTargets.ticketId, ticketId))
    .orderBy(asc(slaTargets.startedAt), asc(slaTargets.metric));
}

export async function deleteTarget(db: Executor, id: string) {
  await db.delete(slaTargets).where(eq(slaTargets.id, id));
}

// Every ticket writes its targets and its first events: built once (server/db/prepared.ts).
const insertTargetRows = hotInsert('sla_targets_insert', slaTargets);
const insertEventRows = hotInsert('sla_events_insert', slaEvents);

export async function insertTargets(db: Executor, rows: (typeof slaTargets.$inferInsert)[]) {
  await insertTargetRows(db, rows);
}

/** Writes the projected fields of several targets in one statement. */
export async function updateProjections(db: Executor, rows: TargetRow[], now: Date) {
  if (!rows.length) return;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const values = sql.join(
    rows.map(
      (u) => sql`(${u.id}::uuid, ${u.state}, ${iso(u.startedAt)}::timestamptz, ${iso(u.dueAt)}::timestamptz,
        ${iso(u.warnAt)}::timestamptz, ${JSON.stringify(u.pauses)}::jsonb, ${iso(u.metAt)}::timestamptz,
        ${u.breached}::boolean, ${u.breachedBy}::int, ${iso(u.nextFireAt)}::timestamptz,
        ${JSON.stringify(u.definition)}::jsonb, ${u.policyId}::uuid, ${u.policyVersion}::int)`,
    ),
    sql`, `,
  );
  await db.execute(sql`update sla_targets s set state = v.state, started_at = v.started_at,
    due_at = v.due_at, warn_at = v.warn_at, pauses = v.pauses, met_at = v.met_at, breached = v.breached,
    breached_by = v.breached_by, next_fire_at = v.next_fire_at, definition = v.definition,
    policy_id = v.policy_id, policy_version = v.policy_version, updated_at = ${now}
    from (values ${values}) as v(id, state, started_at, due_at, warn_at, pauses, met_at, breached,
      breached_by, next_fire_at, definition, policy_id, policy_version)
    where s.id = v.id`);
}

export async function insertEvents(db: Executor, rows: (typeof slaEvents.$inferInsert)[]) {
  await insertEventRows(db, rows);
}

export async function eventsOfTicket(db: Executor, ticketId: string) {
  return db
    .select()
    .from(slaEvents)
    .where(eq(slaEvents.ticketId, ticketId))
    .orderBy(asc(slaEvents.at), asc(slaEvents.id));
}

/** Tickets whose SLA log opened in [from, to), oldest first. */
export async function ticketIdsCreatedBetween(db: Executor, from: Date, to: Date, limit: number) {
  const rows = await db
    .selectDistinct({ ticketId: slaEvents.ticketId, at: slaEvents.at })
    .from(slaEvents)
    .where(and(eq(slaEvents.event, 'created'), gte(slaEvents.at, from), lt(slaEvents.at, to)))
    .orderBy(asc(slaEvents.at))
    .limit(limit);
  return rows.map((r) => r.ticketId);
}

export async function firedLevels(db: Executor, targetIds: string[]) {
  const out = new Map<string, Set<string>>();
  if (!targetIds.length) return out;
  const rows = await db.select().from(slaFirings).where(inArray(slaFirings.targetId, targetIds));
  for (const r of rows) {
    if (!out.has(r.targetId)) out.set(r.targetId, new Set());
    out.get(r.targetId)!.add(r.level);
  }
  return out;
}

/** Records that a level fired; false when another sweep already did. */
export async function insertFiring(db: Executor, targetId: string, level: string, at: Date) {
  const inserted = await db
    .insert(slaFirings)
    .values({ targetId, level, firedAt: at })
    .onConflictDoNothing()
    .returning();
  return inserted.length > 0;
}

/**
 * Claims due targets by ticket: the tickets with something due (earliest first), each under a
 * transaction-level advisory lock, then all their due targets — so the levels of one ticket that
 * fall due together fire (and are told) in one transaction. Other instances take other tickets.
 */
export async function claimDueTargets(db: Executor, now: Date, limit: number): Promise<TargetRow[]> {
  const claimed = await db.execute<{ ticket_id: string }>(sql`select ticket_id from (
      select ${slaTargets.ticketId} as ticket_id, min(${slaTargets.nextFireAt}) as due from ${slaTargets}
      where ${slaTargets.nextFireAt} is not null and ${slaTargets.nextFireAt} <= ${now}
      group by ${slaTargets.ticketId} order by due limit ${limit * 4}) d
    where pg_try_advisory_xact_lock(${SWEEP_LOCK_CLASS}, hashtext(ticket_id::text)) limit ${limit}`);
  const ticketIds = claimed.rows.map((r) => r.ticket_id);
  if (!ticketIds.length) return [];
  return db
    .select()
    .from(slaTargets)
    .where(
      and(
        inArray(slaTargets.ticketId, ticketIds),
        isNotNull(slaTargets.nextFireAt),
        lte(slaTargets.nextFireAt, now),
      ),
    )
    .orderBy(asc(slaTargets.nextFireAt), asc(slaTargets.id))
    .for('update');
}

/** The class of the sweeper's per-ticket advisory locks (accounts uses 1 and 2). */
const SWEEP_LOCK_CLASS = 3;

export async function setFiringState(
  db: Executor,
  id: string,
  values: { breached?: boolean; nextFireAt: Date | null; updatedAt?: Date },
) {
  await db.update(slaTargets).set(values).where(eq(slaTargets.id, id));
}

// ---------- fragments for the tickets list (the SLA summary of each row) ----------

// Qualified: drizzle names a column bare in a single-table query, which inside the subquery would
// mean sla_targets' own column.
const outer = (c: AnyPgColumn) => sql`${sql.identifier(getTableName(c.table))}.${sql.identifier(c.name)}`;

/** The earliest deadline of the ticket's running targets (a lookup on the (ticket_id, metric) index). */
export function slaDueAtOf(ticketId: AnyPgColumn): SQL<Date | null> {
  return sql<Date | null>`(select min(s.due_at) from sla_targets s
    where s.ticket_id = ${outer(ticketId)} and s.state = 'running')`.mapWith((v) => (v ? new Date(v) : null));
}

/**
 * The same summary as slaDueAtOf/slaBreachedOf, of targets just projected in memory (a new ticket's,
 * written with the ticket's row instead of read back).
 */
export function slaSummaryOf(targets: Pick<TargetRow, 'state' | 'dueAt' | 'breached'>[]) {
  let slaDueAt: Date | null = null;
  for (const t of targets)
    if (t.state === 'running' && t.dueAt && (!slaDueAt || t.dueAt < slaDueAt)) slaDueAt = t.dueAt;
  const slaBreached = targets.some((t) => t.breached && (t.state === 'running' || t.state === 'paused'));
  return { slaDueAt, slaBreached };
}

/** Whether a running or paused target of the ticket is breached. */
export function slaBreachedOf(ticketId: AnyPgColumn): SQL<boolean> {
  return sql<boolean>`exists (select 1 from sla_targets s where s.ticket_id = ${outer(ticketId)}
    and s.breached and s.state in ('running', 'paused'))`.mapWith(Boolean);
}

/**
 * Breaching soon: a running target past its warning but not its deadline, read on the GiST index of
 * running targets' [warning, deadline) windows (the window contains now): the work is the number of
 * targets in their warning window, never the number of running targets. (Breached — past a running
 * target's deadline — is the ticket's own summary: sla_due_at <= now.)
 */
export function slaBreachingFilter(ticketId: AnyPgColumn, now: Date): SQL {
  return sql`${outer(ticketId)} in (select s.ticket_id from sla_targets s where s.state = 'running'
      and s.warn_at is not null and s.due_at is not null
      and tstzrange(s.warn_at, greatest(s.warn_at, s.due_at)) @> ${now}::timestamptz)`;
}
