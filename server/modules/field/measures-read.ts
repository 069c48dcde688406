// Read models for analytics' measures (docs/analytics.md), each bounded by the period through an index
// (work_orders_completed_at_idx, work_orders_repair_created_idx, work_orders_ticket_idx,
// work_order_events_arrived_idx,
// work_orders_assets_idx): visits of the tickets first resolved in a period (first-time fix), repairs
// completed in a period with each asset's repair number (repeat repair), failures (MTBF), and the
// engineers' jobs, time on jobs and travel.
import { type SQL, sql } from 'drizzle-orm';
import { addDays } from '../../../common/calendar-dates.ts';
import type { TLeave } from '../../../common/field-api.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';

const iso = (d: Date) => d.toISOString();

export interface TicketVisits {
  /** On-site visits (arrivals) over the ticket's repair work orders that are not cancelled. */
  visits: number;
  /** The engineer of the ticket's last repair work order with a visit. */
  engineerId: string | null;
  workOrderNumbers: string[];
}

/**
 * Visits (arrived events) of each ticket's repair work orders, the tickets given as a fragment of their
 * owner's (column ticket_id): one statement, joined on work_orders_ticket_idx (or one pass over the work
 * orders for a long period), never a list of ids sent back and forth.
 */
export async function repairVisitsOfTickets(db: Executor, tickets: SQL): Promise<Map<string, TicketVisits>> {
  const out = new Map<string, TicketVisits>();
  const r = await db.execute<{
    ticket_id: string;
    number: string;
    engineer_id: string | null;
    visits: number;
  }>(sql`
    select w.ticket_id, w.number, w.engineer_id,
           (select count(*) from work_order_events e where e.work_order_id = w.id and e.stage = 'arrived')::int as visits
      from work_orders w
     where w.ticket_id in (select ticket_id from (${tickets}) t) and w.kind = 'repair' and w.status <> 'cancelled'
     order by w.ticket_id, w.created_at`);
  for (const x of r.rows) {
    const cur = out.get(x.ticket_id) ?? { visits: 0, engineerId: null, workOrderNumbers: [] };
    cur.visits += Number(x.visits);
    if (Number(x.visits) > 0) cur.engineerId = x.engineer_id;
    cur.workOrderNumbers.push(x.number);
    out.set(x.ticket_id, cur);
  }
  return out;
}

export interface AssetRepair {
  workOrderId: string;
  number: string;
  customerId: string;
  projectId: string | null;
  engineerId: string | null;
  assetId: string;
  completedAt: Date;
  /** This repair's number for the asset: completed repair work orders of the asset up to this one. */
  ordinal: number;
}

/** Up to this many repairs in a period, each is numbered by its own index probe (else one pass). */
const REPAIRS_PROBED = 5000;

/**
 * Repairs completed in [from, to) (repair work orders, status completed), one row per asset, with the
 * asset's repair number counted the way registry's `recordRepairs` counts (one per completed repair
 * work order naming the asset).
 */
export async function repairsCompletedWithOrdinal(
  db: Executor,
  q: { from: Date; to: Date; customerId?: string; projectId?: string; engineerId?: string },
  /** Up to how many repairs each is probed (tests choose a branch). */
  probed = REPAIRS_PROBED,
): Promise<AssetRepair[]> {
  const r = await db.execute<{
    id: string;
    number: string;
    customer_id: string;
    project_id: string | null;
    engineer_id: string | null;
    asset_id: string;
    completed_at: Date | string;
    ordinal: number;
  }>(sql`
    with period as materialized (
      select w.id, w.number, w.customer_id, w.project_id, w.engineer_id, a.asset_id, w.completed_at
        from work_orders w, unnest(w.asset_ids) as a(asset_id)
       where w.completed_at >= ${iso(q.from)}::timestamptz and w.completed_at < ${iso(q.to)}::timestamptz
         and w.kind = 'repair' and w.status = 'completed'
         ${q.customerId ? sql`and w.customer_id = ${q.customerId}::uuid` : sql``}
         ${q.projectId ? sql`and w.project_id = ${q.projectId}::uuid` : sql``}
         ${q.engineerId ? sql`and w.engineer_id = ${q.engineerId}::uuid` : sql``}),
    -- Every completed repair of those assets up to the period's end, numbered per asset in order.
    hist as (
      select p.id, a.asset_id, row_number() over (partition by a.asset_id order by p.completed_at, p.id) as ordinal
        from work_orders p, unnest(p.asset_ids) as a(asset_id)
       where p.kind = 'repair' and p.status = 'completed' and p.completed_at < ${iso(q.to)}::timestamptz
         and a.asset_id in (select asset_id from period))
    -- Few repairs (a day of the rollup job): each numbered by a probe of work_orders_assets_idx for its
    -- asset. Many (a month's drill-down at 10⁶): one pass over the completed repairs (hist), cheaper than
    -- 10⁴ probes, and far cheaper than one overlap of the index with 10⁴ assets (seconds per 10⁴ keys).
    -- The branch not taken is never executed. A work order naming two assets: in the assets' order.
    select w.id, w.number, w.customer_id, w.project_id, w.engineer_id, w.asset_id, w.completed_at, h.ordinal
      from period w cross join lateral (
        select count(*)::int as ordinal from work_orders p
         where p.asset_ids @> array[w.asset_id] and p.kind = 'repair' and p.status = 'completed'
           and (p.completed_at, p.id) <= (w.completed_at, w.id)) h
     where (select count(*) from period) <= ${probed}
    union all
    select w.id, w.number, w.customer_id, w.project_id, w.engineer_id, w.asset_id, w.completed_at, h.ordinal::int
      from period w join hist h on h.id = w.id and h.asset_id = w.asset_id
     where (select count(*) from period) > ${probed}
     order by completed_at, id, asset_id`);
  return r.rows.map((x) => ({
    workOrderId: x.id,
    number: x.number,
    customerId: x.customer_id,
    projectId: x.project_id,
    engineerId: x.engineer_id,
    assetId: x.asset_id,
    completedAt: new Date(x.completed_at),
    ordinal: Number(x.ordinal),
  }));
}

export interface AssetFailure {
  workOrderId: string;
  number: string;
  assetId: string;
  at: Date;
}

/** Failures in [from, to): repair work orders (not cancelled) opened in it, one per asset named. */
export async function failuresBetween(
  db: Executor,
  q: { from: Date; to: Date; customerId?: string; projectId?: string },
): Promise<AssetFailure[]> {
  const r = await db.execute<{ id: string; number: string; asset_id: string; created_at: Date | string }>(sql`
    select w.id, w.number, a.asset_id, w.created_at
      from work_orders w, unnest(w.asset_ids) as a(asset_id)
     where w.kind = 'repair' and w.status <> 'cancelled'
       and w.created_at >= ${iso(q.from)}::timestamptz and w.created_at < ${iso(q.to)}::timestamptz
       ${q.customerId ? sql`and w.customer_id = ${q.customerId}::uuid` : sql``}
       ${q.projectId ? sql`and w.project_id = ${q.projectId}::uuid` : sql``}`);
  return r.rows.map((x) => ({
    workOrderId: x.id,
    number: x.number,
    assetId: x.asset_id,
    at: new Date(x.created_at),
  }));
}

export interface EngineerWork {
  engineerId: string;
  jobs: number;
  minutesOnJobs: number;
  travelKm: number;
  travelMinutes: number;
}

/** The sums of engineerWorkBetween's figures over work orders `w` (travel: first arrival − first departure). */
const WORK_SUMS = sql`count(*)::int as jobs, coalesce(sum(w.time_spent_minutes), 0)::int as minutes,
  coalesce(sum(w.travel_km), 0)::float8 as km,
  coalesce(sum(greatest(0, extract(epoch from (
    (select min(e.at) from work_order_events e where e.work_order_id = w.id and e.stage = 'arrived')
  - (select min(e.at) from work_order_events e where e.work_order_id = w.id and e.stage = 'departed'))))), 0)::float8
    as travel_seconds`;

/** A row of WORK_SUMS per engineer. */
type WorkSumsRow = { engineer_id: string; jobs: number; minutes: number; km: number; travel_seconds: number };

const completedBetween = (q: { from: Date; to: Date }) =>
  sql`w.completed_at >= ${iso(q.from)}::timestamptz and w.completed_at < ${iso(q.to)}::timestamptz
    and w.status = 'completed' and w.engineer_id is not null`;

/**
 * Per engineer, the work orders (any kind) completed in [from, to): jobs, time on the jobs (the
 * completion's time spent), kilometres travelled, and travel time (first arrival − first departure).
 */
export async function engineerWorkBetween(
  db: Executor,
  q: { from: Date; to: Date; customerId?: string; projectId?: string; engineerId?: string },
): Promise<EngineerWork[]> {
  const r = await db.execute<WorkSumsRow>(sql`
    select w.engineer_id, ${WORK_SUMS}
      from work_orders w
     where ${completedBetween(q)}
       ${q.customerId ? sql`and w.customer_id = ${q.customerId}::uuid` : sql``}
       ${q.projectId ? sql`and w.project_id = ${q.projectId}::uuid` : sql``}
       ${q.engineerId ? sql`and w.engineer_id = ${q.engineerId}::uuid` : sql``}
     group by w.engineer_id`);
  return r.rows.map((x) => ({
    engineerId: x.engineer_id,
    jobs: Number(x.jobs),
    minutesOnJobs: Number(x.minutes),
    travelKm: Math.round(Number(x.km) * 10) / 10,
    travelMinutes: Math.round(Number(x.travel_seconds) / 60),
  }));
}

export interface EngineerWorkDay {
  day: string;
  customerId: string;
  projectId: string | null;
  engineerId: string;
  jobs: number;
  minutes: number;
  /** Unrounded sums: analytics adds days up before rounding, as engineerWorkBetween does. */
  km: number;
  travelSeconds: number;
}

/** engineerWorkBetween's sums per local day of completion, customer, project and engineer (analytics' rollup). */
export async function engineerWorkByDay(
  db: Executor,
  q: { from: Date; to: Date; timeZone: string },
): Promise<EngineerWorkDay[]> {
  const day = sql`to_char(w.completed_at at time zone ${q.timeZone}, 'YYYY-MM-DD')`;
  const r = await db.execute<
    WorkSumsRow & { day: string; customer_id: string; project_id: string | null }
  >(sql`
    select ${day} as day, w.customer_id, w.project_id, w.engineer_id, ${WORK_SUMS}
      from work_orders w
     where ${completedBetween(q)}
     group by 1, w.customer_id, w.project_id, w.engineer_id`);
  return r.rows.map((x) => ({
    day: x.day,
    customerId: x.customer_id,
    projectId: x.project_id,
    engineerId: x.engineer_id,
    jobs: Number(x.jobs),
    minutes: Number(x.minutes),
    km: Number(x.km),
    travelSeconds: Number(x.travel_seconds),
  }));
}

/**
 * What analytics' measure rollups recompute after work orders were written in (since, until] (index
 * work_orders_updated_idx): the local days those that are completed were completed on (jobs, repeat
 * repairs), and the completion days of the same equipment's repairs completed after a repair written
 * then but written before (a repair completed out of order renumbers them, work_orders_assets_idx); the tickets of the
 * repair work orders among them (first-time fix); the days the repair work orders were opened (MTBF's
 * failures).
 */
export async function workOrdersChanged(
  db: Executor,
  q: { since: Date; until: Date; timeZone: string },
): Promise<{ completedDays: string[]; ticketIds: string[]; openedDays: string[] }> {
  const local = (at: SQL) => sql`to_char(${at} at time zone ${q.timeZone}, 'YYYY-MM-DD')`;
  const r = await db.execute<{ day: string | null; ticket_id: string | null; opened: string | null }>(sql`
    with changed as (
      select w.id, w.kind, w.ticket_id, w.asset_ids, w.completed_at, w.created_at from work_orders w
       where w.updated_at > ${iso(q.since)}::timestamptz and w.updated_at <= ${iso(q.until)}::timestamptz)
    select distinct ${local(sql`c.completed_at`)} as day,
           case when c.kind = 'repair' then c.ticket_id end as ticket_id,
           case when c.kind = 'repair' then ${local(sql`c.created_at`)} end as opened
      from changed c
    union
    select distinct ${local(sql`p.completed_at`)}, null::uuid, null
      from changed c join work_orders p on p.asset_ids && c.asset_ids
     where c.kind = 'repair' and c.completed_at is not null and cardinality(c.asset_ids) > 0
       and p.kind = 'repair' and p.status = 'completed' and p.completed_at > c.completed_at
       -- Written before: its day was computed without this repair (written since: recomputed anyway).
       and p.updated_at <= ${iso(q.since)}::timestamptz`);
  const days = (pick: (x: (typeof r.rows)[number]) => string | null) => [
    ...new Set(r.rows.flatMap((x) => (pick(x) ? [pick(x)!] : []))),
  ];
  return {
    completedDays: days((x) => x.day),
    ticketIds: days((x) => x.ticket_id),
    openedDays: days((x) => x.opened),
  };
}

/**
 * The records of analytics' measure rows that name these assets (work_orders_assets_idx): the local
 * days their repairs were completed on, and the tickets of those repair work orders.
 */
export async function repairsOfAssets(
  db: Executor,
  q: { assetIds: readonly string[]; timeZone: string },
): Promise<{ completedDays: string[]; ticketIds: string[] }> {
  if (!q.assetIds.length) return { completedDays: [], ticketIds: [] };
  const r = await db.execute<{ day: string | null; ticket_id: string | null }>(sql`
    select distinct to_char(w.completed_at at time zone ${q.timeZone}, 'YYYY-MM-DD') as day, w.ticket_id
      from work_orders w where w.asset_ids && ${uuidArray(q.assetIds)} and w.kind = 'repair'`);
  return {
    completedDays: [...new Set(r.rows.flatMap((x) => (x.day ? [x.day] : [])))],
    ticketIds: [...new Set(r.rows.flatMap((x) => (x.ticket_id ? [x.ticket_id] : [])))],
  };
}

export interface FailureDay {
  day: string;
  assetId: string;
  customerId: string;
  projectId: string | null;
  failures: number;
}

/** failuresBetween's failures counted per local day opened, asset, and the work order's customer and project. */
export async function failuresByDay(
  db: Executor,
  q: { from: Date; to: Date; timeZone: string },
): Promise<FailureDay[]> {
  const r = await db.execute<{
    day: string;
    asset_id: string;
    customer_id: string;
    project_id: string | null;
    n: number;
  }>(sql`
    select to_char(w.created_at at time zone ${q.timeZone}, 'YYYY-MM-DD') as day, a.asset_id,
           w.customer_id, w.project_id, count(*)::int as n
      from work_orders w, unnest(w.asset_ids) as a(asset_id)
     where w.kind = 'repair' and w.status <> 'cancelled'
       and w.created_at >= ${iso(q.from)}::timestamptz and w.created_at < ${iso(q.to)}::timestamptz
     group by 1, 2, 3, 4`);
  return r.rows.map((x) => ({
    day: x.day,
    assetId: x.asset_id,
    customerId: x.customer_id,
    projectId: x.project_id,
    failures: Number(x.n),
  }));
}

/** Working minutes of a profile over local days from…to (inclusive): work days × hours, minus leave. */
export function workingMinutesOf(
  p: { workDays: number[]; workStart: number; workEnd: number; leave: TLeave[] },
  from: string,
  to: string,
): number {
  let total = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    // The profile's weekdays as the dispatcher reads them (0 = Sunday).
    if (!p.workDays.includes(new Date(`${d}T00:00:00Z`).getUTCDay())) continue;
    if (p.leave.some((l) => l.from <= d && d <= l.to)) continue;
    total += Math.max(0, p.workEnd - p.workStart);
  }
  return total;
}

/** The engineers' working minutes over local days from…to (engineers with a profile only). */
export async function engineerWorkingMinutes(
  db: Executor,
  engineerIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!engineerIds.length) return out;
  const r = await db.execute<{
    user_id: string;
    work_days: number[];
    work_start: number;
    work_end: number;
    leave: TLeave[];
  }>(sql`select user_id, work_days, work_start, work_end, leave from engineer_profiles
          where user_id = any(${uuidArray(engineerIds)})`);
  for (const x of r.rows)
    out.set(
      x.user_id,
      workingMinutesOf(
        { workDays: x.work_days, workStart: x.work_start, workEnd: x.work_end, leave: x.leave },
        from,
        to,
      ),
    );
  return out;
}
