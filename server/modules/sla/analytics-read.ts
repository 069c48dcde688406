// Read models of SLA targets for analytics (issue 19): aggregated in SQL with GROUP BY, by local day in
// the organisation's zone and by the ticket's dimensions. The dimensions come as a SQL fragment the
// caller composes from the owners' fragments (tickets: customer, project, team, engineer; registry: the
// product), so this module never names their tables. Definitions: docs/analytics.md.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

/**
 * Columns the dimensions fragment must return, one row per ticket: ticket_id, number, subject,
 * customer_id, project_id, product_id, team, engineer_id, created_at.
 */
export type TicketDimensions = SQL;

/** The metric whose stop is the service restored (temporary solution or fix): MTTR's end. */
export const RESTORE_METRIC = 'service_restored';

export interface SlaDayRow {
  day: string;
  metric: string;
  customerId: string;
  projectId: string | null;
  productId: string | null;
  team: string;
  engineerId: string | null;
  decided: number;
  met: number;
  breached: number;
  /** Seconds late, over breached targets that stopped (met late). */
  breachSeconds: number;
}

export interface RestoreDayRow
  extends Omit<SlaDayRow, 'metric' | 'decided' | 'met' | 'breached' | 'breachSeconds'> {
  restored: number;
  restoreSeconds: number;
}

/**
 * The local days (YYYY-MM-DD) whose figures may have changed: the due day and the met day of every
 * target written in (since, until] (index sla_targets_updated_idx) — a target's row is rewritten on every
 * change (met, breached by the sweeper, paused, recomputed) — and of every target of the tickets in
 * `changedTickets` (a fragment of ticket ids from their owner: a ticket reassigned or moved to another
 * project changes the dimensions its targets are counted under).
 */
export async function slaDaysChangedSince(
  db: Executor,
  since: Date,
  until: Date,
  timeZone: string,
  changedTickets?: SQL,
): Promise<string[]> {
  const written = sql`select due_at, met_at from sla_targets
     where updated_at > ${since.toISOString()}::timestamptz and updated_at <= ${until.toISOString()}::timestamptz`;
  const ofTickets = changedTickets
    ? sql` union all select due_at, met_at from sla_targets where ticket_id in (${changedTickets})`
    : sql``;
  const r = await db.execute<{ day: string }>(sql`
    select distinct d::text as day from (${written}${ofTickets}) s,
      lateral (values ((s.due_at at time zone ${timeZone})::date), ((s.met_at at time zone ${timeZone})::date)) v(d)
     where d is not null
     order by 1`);
  return r.rows.map((x) => x.day);
}

/**
 * `col` within the local days: the range [first day's start, last day's end) for the index, then the
 * days themselves exactly.
 */
function inDays(col: SQL, days: readonly string[], timeZone: string): SQL {
  const sorted = [...days].sort();
  return sql`${col} >= ${sorted[0]!}::date::timestamp at time zone ${timeZone}
    and ${col} < (${sorted.at(-1)!}::date + 1)::timestamp at time zone ${timeZone}
    and (${col} at time zone ${timeZone})::date = any(${sql.param(sorted)}::date[])`;
}

/**
 * SLA compliance per local due day, metric and dimensions. A target is decided when it was met or
 * breached: met on time = state met and not breached; breached = breached (late stop, or the sweeper
 * found it past its deadline); cancelled and still-running targets before their deadline do not count.
 */
export async function slaDailyFigures(
  db: Executor,
  days: readonly string[],
  timeZone: string,
  dimensions: TicketDimensions,
): Promise<SlaDayRow[]> {
  if (!days.length) return [];
  const r = await db.execute<Record<string, string | number | null>>(sql`
    select (s.due_at at time zone ${timeZone})::date::text as day, s.metric,
           d.customer_id, d.project_id, d.product_id, d.team, d.engineer_id,
           count(*)::int as decided,
           count(*) filter (where s.state = 'met' and not s.breached)::int as met,
           count(*) filter (where s.breached)::int as breached,
           coalesce(sum(s.breached_by) filter (where s.breached and s.state = 'met'), 0)::bigint as breach_seconds
      from sla_targets s join (${dimensions}) d on d.ticket_id = s.ticket_id
     where ${inDays(sql`s.due_at`, days, timeZone)}
       and (s.state = 'met' or s.breached)
     group by 1, 2, 3, 4, 5, 6, 7`);
  return r.rows.map((x) => ({
    day: String(x.day),
    metric: String(x.metric),
    customerId: String(x.customer_id),
    projectId: (x.project_id as string | null) ?? null,
    productId: (x.product_id as string | null) ?? null,
    team: String(x.team),
    engineerId: (x.engineer_id as string | null) ?? null,
    decided: Number(x.decided),
    met: Number(x.met),
    breached: Number(x.breached),
    breachSeconds: Number(x.breach_seconds),
  }));
}

/**
 * Restorations per local day of the restore (the `service_restored` target met): count and the sum of
 * restore times = met_at − the ticket's creation − the restore target's paused time (waiting for the
 * customer after arrival).
 */
export async function restoreDailyFigures(
  db: Executor,
  days: readonly string[],
  timeZone: string,
  dimensions: TicketDimensions,
): Promise<RestoreDayRow[]> {
  if (!days.length) return [];
  const r = await db.execute<Record<string, string | number | null>>(sql`
    select (s.met_at at time zone ${timeZone})::date::text as day,
           d.customer_id, d.project_id, d.product_id, d.team, d.engineer_id,
           count(*)::int as restored,
           sum(greatest(0, extract(epoch from (s.met_at - d.created_at)) - coalesce((
             select sum(extract(epoch from ((p->>'to')::timestamptz - (p->>'from')::timestamptz)))
               from jsonb_array_elements(s.pauses) p where p->>'to' is not null), 0)))::bigint as restore_seconds
      from sla_targets s join (${dimensions}) d on d.ticket_id = s.ticket_id
     where s.metric = ${RESTORE_METRIC} and s.state = 'met'
       and ${inDays(sql`s.met_at`, days, timeZone)}
     group by 1, 2, 3, 4, 5, 6`);
  return r.rows.map((x) => ({
    day: String(x.day),
    customerId: String(x.customer_id),
    projectId: (x.project_id as string | null) ?? null,
    productId: (x.product_id as string | null) ?? null,
    team: String(x.team),
    engineerId: (x.engineer_id as string | null) ?? null,
    restored: Number(x.restored),
    restoreSeconds: Number(x.restore_seconds),
  }));
}

export interface SlaRecordFilter {
  /** [from, to) instants of the period's local days. */
  from: Date;
  to: Date;
  metric?: string;
  outcome: 'breached' | 'met';
  customerId?: string;
  projectId?: string;
  productId?: string;
  team?: string;
  engineerId?: string;
}

export interface SlaRecordRow {
  ticketId: string;
  number: string;
  subject: string;
  customerId: string;
  metric: string;
  dueAt: Date;
  metAt: Date | null;
  breached: boolean;
  breachSeconds: number;
}

/** The targets behind a compliance figure (same definition as `slaDailyFigures`), latest due first. */
export async function slaRecords(
  db: Executor,
  f: SlaRecordFilter,
  dimensions: TicketDimensions,
  page: { limit: number; offset: number },
): Promise<{ rows: SlaRecordRow[]; total: number }> {
  const conds: SQL[] = [
    sql`s.due_at >= ${f.from.toISOString()}::timestamptz`,
    sql`s.due_at < ${f.to.toISOString()}::timestamptz`,
    f.outcome === 'breached' ? sql`s.breached` : sql`s.state = 'met' and not s.breached`,
  ];
  if (f.metric) conds.push(sql`s.metric = ${f.metric}`);
  const dims: SQL[] = [];
  if (f.customerId) dims.push(sql`d.customer_id = ${f.customerId}::uuid`);
  if (f.projectId) dims.push(sql`d.project_id = ${f.projectId}::uuid`);
  if (f.productId) dims.push(sql`d.product_id = ${f.productId}::uuid`);
  if (f.team) dims.push(sql`d.team = ${f.team}`);
  if (f.engineerId) dims.push(sql`d.engineer_id = ${f.engineerId}::uuid`);
  const where = sql.join([...conds, ...dims], sql` and `);
  // The page walks the due index backwards and stops after it; the total is a count of its own, over
  // the targets alone when no dimension filters them (an index-only scan of sla_targets_due_outcome_idx),
  // not a window over every matching row joined to its ticket.
  const r = await db.execute<{
    ticket_id: string;
    number: string;
    subject: string;
    customer_id: string;
    metric: string;
    due_at: Date;
    met_at: Date | null;
    breached: boolean;
    breached_by: number;
  }>(sql`
    select s.ticket_id, d.number, d.subject, d.customer_id, s.metric, s.due_at, s.met_at, s.breached,
           s.breached_by
      from sla_targets s join (${dimensions}) d on d.ticket_id = s.ticket_id
     where ${where}
     order by s.due_at desc, s.id
     limit ${page.limit} offset ${page.offset}`);
  const counted = await db.execute<{ total: number }>(
    dims.length
      ? sql`select count(*)::int as total from sla_targets s join (${dimensions}) d on d.ticket_id = s.ticket_id
          where ${where}`
      : sql`select count(*)::int as total from sla_targets s where ${sql.join(conds, sql` and `)}`,
  );
  return {
    total: counted.rows[0]?.total ?? 0,
    rows: r.rows.map((x) => ({
      ticketId: x.ticket_id,
      number: x.number,
      subject: x.subject,
      customerId: x.customer_id,
      metric: x.metric,
      dueAt: new Date(x.due_at),
      metAt: x.met_at ? new Date(x.met_at) : null,
      breached: x.breached,
      // As in the figures: the overrun counts once the target stopped.
      breachSeconds: x.breached && x.met_at ? x.breached_by : 0,
    })),
  };
}
