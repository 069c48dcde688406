// The storekeeper's dashboard's SQL (docs/analytics.md, "Spare parts"): consumption from the ledger
// (issues − unused returns) with who paid for it (field's charge sheets, through charge-port.ts) and
// where it went (registry's equipment placement), stock values rebuilt from the levels and the ledger.
import { type SQL, sql } from 'drizzle-orm';
import type { TAnalyticsGranularity } from '../../../common/analytics-api.ts';
import type { Executor } from '../../db/pool.ts';
import { assetPlacementSql } from '../registry/index.ts';
import { workOrderPartCharges } from './charge-port.ts';

export interface ConsumptionFilter {
  start: Date;
  end: Date;
  timeZone: string;
  locationId?: string | undefined;
  partId?: string | undefined;
  projectId?: string | undefined;
  productId?: string | undefined;
  basis?: 'free' | 'charged' | 'unsettled' | undefined;
}

// One row per issue or unused return in the period, with its value, payer and placement. A part fitted
// to other equipment of the visit than the first follows that equipment's reason on the sheet.
function consumptionRows(f: ConsumptionFilter): SQL {
  const where: SQL[] = [
    sql`m.kind in ('issue', 'return_unused')`,
    sql`m.at >= ${f.start.toISOString()}::timestamptz`,
    sql`m.at < ${f.end.toISOString()}::timestamptz`,
  ];
  if (f.partId) where.push(sql`m.part_id = ${f.partId}`);
  if (f.locationId) where.push(sql`coalesce(m.from_location_id, m.to_location_id) = ${f.locationId}`);
  const outer: SQL[] = [sql`true`];
  if (f.projectId) outer.push(sql`c.project_id = ${f.projectId}`);
  if (f.productId) outer.push(sql`c.product_id = ${f.productId}`);
  if (f.basis) outer.push(sql`c.basis = ${f.basis}`);
  return sql`select * from (
    select m.id, m.at, m.kind, m.part_id, p.part_number, p.name as part_name,
      (case when m.kind = 'issue' then 1 else -1 end) * m.quantity as quantity,
      (case when m.kind = 'issue' then 1 else -1 end) * m.quantity * coalesce(p.cost_fen, 0) as value_fen,
      p.cost_fen is null as uncosted,
      coalesce(m.from_location_id, m.to_location_id) as location_id,
      m.work_order_ref, m.ticket_id,
      (m.at at time zone ${f.timeZone})::date as day,
      coalesce(ap.project_id, wc.project_id) as project_id, ap.project_name,
      ap.product_id, ap.product_name,
      case
        when wc.settled is not true then 'unsettled'
        when m.asset_id is distinct from wc.first_asset_id and p.part_number = any(wc.charged_parts) then 'charged'
        when m.asset_id is distinct from wc.first_asset_id and p.part_number = any(wc.free_parts) then 'free'
        when wc.parts_free then 'free'
        else 'charged'
      end as basis
    from stock_movements m
    join parts p on p.id = m.part_id
    left join (${workOrderPartCharges()}) wc on wc.work_order_ref = m.work_order_ref
    left join (${assetPlacementSql()}) ap on ap.asset_id = coalesce(m.asset_id, wc.first_asset_id)
    where ${sql.join(where, sql` and `)}
  ) c where ${sql.join(outer, sql` and `)}`;
}

function periodKey(g: TAnalyticsGranularity): SQL {
  if (g === 'day') return sql`to_char(day, 'YYYY-MM-DD')`;
  if (g === 'week') return sql`to_char(date_trunc('week', day::timestamp)::date, 'YYYY-MM-DD')`;
  return sql`to_char(day, 'YYYY-MM')`;
}

export type ConsumptionGroupRow = {
  grp: 'total' | 'period' | 'part' | 'project' | 'product';
  key: string | null;
  label: string | null;
  quantity: number;
  cost_fen: number;
  free_fen: number;
  charged_fen: number;
  unsettled_fen: number;
  uncosted_quantity: number;
};

/** The period's consumption summed per group in one pass (GROUPING SETS). */
export async function consumptionGroups(
  db: Executor,
  f: ConsumptionFilter,
  granularity: TAnalyticsGranularity,
): Promise<ConsumptionGroupRow[]> {
  const r = await db.execute<ConsumptionGroupRow>(sql`
    with c as (${consumptionRows(f)}),
    k as (select c.*, ${periodKey(granularity)} as period,
      part_number || ' ' || part_name as part_label from c)
    select
      case when grouping(period) = 0 then 'period'
        when grouping(part_id) = 0 then 'part'
        when grouping(project_id) = 0 then 'project'
        when grouping(product_id) = 0 then 'product'
        else 'total' end as grp,
      coalesce(period, part_id::text, project_id::text, product_id::text) as key,
      case when grouping(period) = 0 then null
        when grouping(part_id) = 0 then min(part_label)
        when grouping(project_id) = 0 then min(project_name)
        when grouping(product_id) = 0 then min(product_name) end as label,
      coalesce(sum(quantity), 0)::int as quantity,
      coalesce(sum(value_fen), 0)::bigint::float8 as cost_fen,
      coalesce(sum(value_fen) filter (where basis = 'free'), 0)::float8 as free_fen,
      coalesce(sum(value_fen) filter (where basis = 'charged'), 0)::float8 as charged_fen,
      coalesce(sum(value_fen) filter (where basis = 'unsettled'), 0)::float8 as unsettled_fen,
      coalesce(sum(quantity) filter (where uncosted), 0)::int as uncosted_quantity
    from k
    group by grouping sets ((), (period), (part_id), (project_id), (product_id))`);
  return r.rows.map((row) => ({
    ...row,
    cost_fen: Number(row.cost_fen),
    free_fen: Number(row.free_fen),
    charged_fen: Number(row.charged_fen),
    unsettled_fen: Number(row.unsettled_fen),
  }));
}

export type ConsumptionRecordRow = {
  id: number;
  at: Date;
  kind: 'issue' | 'return_unused';
  part_id: string;
  part_number: string;
  part_name: string;
  quantity: number;
  value_fen: number;
  location_name: string | null;
  work_order_ref: string | null;
  ticket_id: string | null;
  project_name: string | null;
  product_name: string | null;
  basis: 'free' | 'charged' | 'unsettled';
  total: number;
};

/** The movements behind a consumption figure, newest first. */
export async function consumptionRecords(
  db: Executor,
  f: ConsumptionFilter,
  limit: number,
  offset: number,
): Promise<ConsumptionRecordRow[]> {
  const r = await db.execute<ConsumptionRecordRow>(sql`
    with c as (${consumptionRows(f)})
    select c.id::float8 as id, c.at, c.kind, c.part_id, c.part_number, c.part_name, c.quantity,
      c.value_fen::float8 as value_fen, l.name as location_name, c.work_order_ref, c.ticket_id,
      c.project_name, c.product_name, c.basis, count(*) over ()::int as total
    from c left join stock_locations l on l.id = c.location_id
    order by c.at desc, c.id desc limit ${limit} offset ${offset}`);
  return r.rows.map((row) => ({ ...row, id: Number(row.id), value_fen: Number(row.value_fen) }));
}

export type TurnsRow = {
  location_id: string;
  location_name: string;
  location_kind: string;
  part_id: string;
  part_label: string;
  cost_fen: number;
  opening: number;
  closing: number;
  consumed: number;
};

// Movements that change what is on hand (reserve and release only change what is held).
const ON_HAND_KINDS = sql`m.kind not in ('reserve', 'release') and m.condition = 'good'`;

/**
 * Good stock per location and part at the period's start and end (today's level minus what came in
 * since, plus what went out since) and the quantity consumed there (issues − unused returns) in it.
 * Reads the ledger from the period's start only (stock_movements_from_idx / _to_idx cover `at`).
 */
export async function turnsRows(
  db: Executor,
  f: { start: Date; end: Date; locationId?: string | undefined; partId?: string | undefined },
): Promise<TurnsRow[]> {
  const start = f.start.toISOString();
  const end = f.end.toISOString();
  const levelWhere: SQL[] = [sql`s.condition = 'good'`];
  const moveWhere: SQL[] = [ON_HAND_KINDS, sql`m.at >= ${start}::timestamptz`];
  if (f.partId) {
    levelWhere.push(sql`s.part_id = ${f.partId}`);
    moveWhere.push(sql`m.part_id = ${f.partId}`);
  }
  const locTo = f.locationId ? sql` and m.to_location_id = ${f.locationId}` : sql``;
  const locFrom = f.locationId ? sql` and m.from_location_id = ${f.locationId}` : sql``;
  if (f.locationId) levelWhere.push(sql`s.location_id = ${f.locationId}`);
  const mw = sql.join(moveWhere, sql` and `);
  const r = await db.execute<TurnsRow>(sql`
    with lv as (
      select s.location_id, s.part_id, sum(s.on_hand)::int as on_hand from stock_levels s
      where ${sql.join(levelWhere, sql` and `)} group by 1, 2),
    side as (
      select m.to_location_id as location_id, m.part_id, m.at, m.quantity as delta,
        case when m.kind = 'return_unused' then -m.quantity else 0 end as consumed
      from stock_movements m where m.to_location_id is not null and ${mw}${locTo}
      union all
      select m.from_location_id, m.part_id, m.at, -m.quantity,
        case when m.kind = 'issue' then m.quantity else 0 end
      from stock_movements m where m.from_location_id is not null and ${mw}${locFrom}),
    mv as (
      select location_id, part_id, sum(delta)::int as since_start,
        coalesce(sum(delta) filter (where at >= ${end}::timestamptz), 0)::int as since_end,
        coalesce(sum(consumed) filter (where at < ${end}::timestamptz), 0)::int as consumed
      from side group by 1, 2),
    j as (
      select coalesce(lv.location_id, mv.location_id) as location_id,
        coalesce(lv.part_id, mv.part_id) as part_id,
        coalesce(lv.on_hand, 0) - coalesce(mv.since_start, 0) as opening,
        coalesce(lv.on_hand, 0) - coalesce(mv.since_end, 0) as closing,
        coalesce(mv.consumed, 0) as consumed
      from lv full join mv on mv.location_id = lv.location_id and mv.part_id = lv.part_id)
    select j.location_id, l.name as location_name, l.kind as location_kind, j.part_id,
      p.part_number || ' ' || p.name as part_label, coalesce(p.cost_fen, 0) as cost_fen,
      j.opening, j.closing, j.consumed
    from j join stock_locations l on l.id = j.location_id join parts p on p.id = j.part_id
    where j.opening <> 0 or j.closing <> 0 or j.consumed <> 0`);
  return r.rows;
}

export type ReorderAlertRow = {
  id: string;
  part_id: string;
  part_number: string;
  part_name: string;
  location_id: string;
  location_name: string;
  available: number;
  reorder_point: number;
  suggested_quantity: number;
  created_at: Date;
};

/** Open replenishment alerts (replenishment_alerts_open_idx), the oldest first. */
export async function openReorderAlerts(
  db: Executor,
  f: { locationId?: string | undefined; partId?: string | undefined },
  limit: number,
): Promise<ReorderAlertRow[]> {
  const where: SQL[] = [sql`a.status = 'open'`];
  if (f.locationId) where.push(sql`a.location_id = ${f.locationId}`);
  if (f.partId) where.push(sql`a.part_id = ${f.partId}`);
  const r = await db.execute<ReorderAlertRow>(sql`
    select a.id, a.part_id, p.part_number, p.name as part_name, a.location_id, l.name as location_name,
      a.available, a.reorder_point, a.suggested_quantity, a.created_at
    from replenishment_alerts a join parts p on p.id = a.part_id join stock_locations l on l.id = a.location_id
    where ${sql.join(where, sql` and `)} order by a.created_at asc limit ${limit}`);
  return r.rows;
}
