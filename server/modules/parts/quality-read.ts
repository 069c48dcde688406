// Read models for the quality module's early warning by part batch (issue 19): a unit of a batch is
// installed when the ledger issues it to a piece of equipment, and it failed when the same part is issued
// to the same equipment again later by another piece of work (it was replaced again). Counted per batch
// and local month in one GROUP BY; the installed units per batch in another. The supplier × part group
// adds up its batches (each batch has one supplier). Definitions: docs/analytics.md.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

/**
 * Fitted units replaced again since the local date `fromDate` (a fitting, with the later issue of the same
 * part to the same equipment that replaced it). The work follows what is due: it starts from the issues to
 * equipment since `fromDate` (stock_movements_fitted_at_idx), takes the fittings of those (equipment,
 * part) pairs (stock_movements_fitted_idx), and looks for the next issue only of a fitting the pair has a
 * later issue for since `fromDate` — never every fitting of the history. A fitting is replaced by the
 * first later issue of another piece of work.
 */
const replacementsSince = (fromDate: string, timeZone: string) => {
  const from = sql`(${fromDate}::date::timestamp at time zone ${timeZone})`;
  return sql`with due as (
    select distinct part_id, asset_id from stock_movements
    where kind = 'issue' and asset_id is not null and at >= ${from}
  ), fitted as (
    select f.id, f.batch_id, f.part_id, f.asset_id, f.quantity, f.at, f.work_order_ref,
      max(f.at) over (partition by f.asset_id, f.part_id) as last_at
    from due d
    join stock_movements f on f.kind = 'issue' and f.asset_id = d.asset_id and f.part_id = d.part_id
  )
  select f.id, f.batch_id, f.part_id, f.asset_id, f.quantity, r.at as replaced_at,
    r.ticket_id as replaced_ticket_id, r.work_order_ref as replaced_work_order_ref
  from fitted f
  cross join lateral (
    select n.at, n.ticket_id, n.work_order_ref from stock_movements n
    where n.kind = 'issue' and n.asset_id = f.asset_id and n.part_id = f.part_id and n.at > f.at
      and (f.work_order_ref is null or n.work_order_ref is distinct from f.work_order_ref)
    order by n.at, n.id limit 1
  ) r
  where f.last_at > f.at and f.last_at >= ${from} and r.at >= ${from}`;
};

export interface BatchInstalledUnits {
  batchId: string;
  batchCode: string;
  partId: string;
  partNumber: string;
  partName: string;
  /** The batch's supplier; null: not recorded. */
  supplier: string | null;
  units: number;
}

/** Units of each batch issued to equipment (its installed base), with the batch's part. */
export async function batchInstalledUnits(db: Executor): Promise<BatchInstalledUnits[]> {
  const r = await db.execute<{
    batch_id: string;
    code: string;
    part_id: string;
    part_number: string;
    name: string;
    supplier: string | null;
    units: number;
  }>(sql`select b.id as batch_id, b.code, p.id as part_id, p.part_number, p.name, b.supplier,
      sum(m.quantity)::int as units
    from stock_movements m join stock_batches b on b.id = m.batch_id join parts p on p.id = m.part_id
    where m.kind = 'issue' and m.asset_id is not null
    group by b.id, b.code, p.id, p.part_number, p.name, b.supplier`);
  return r.rows.map((x) => ({
    batchId: x.batch_id,
    batchCode: x.code,
    partId: x.part_id,
    partNumber: x.part_number,
    partName: x.name,
    supplier: x.supplier,
    units: Number(x.units),
  }));
}

export interface BatchFailureCount {
  batchId: string;
  /** `YYYY-MM` of the replacement in the organisation's zone. */
  month: string;
  count: number;
}

/** Fitted units of each batch replaced again since the local date `fromDate`, per local month. */
export async function batchFailuresByMonth(
  db: Executor,
  fromDate: string,
  timeZone: string,
): Promise<BatchFailureCount[]> {
  const r = await db.execute<{ batch_id: string; month: string; n: number }>(
    sql`select batch_id, to_char(replaced_at at time zone ${timeZone}, 'YYYY-MM') as month, count(*)::int as n
      from (${replacementsSince(fromDate, timeZone)}) x
      group by 1, 2`,
  );
  return r.rows.map((x) => ({ batchId: x.batch_id, month: x.month, count: Number(x.n) }));
}

export interface BatchFailure {
  batchId: string;
  assetId: string;
  /** The ticket or work order of the replacement, when the issue named one. */
  ticketId: string | null;
  workOrderRef: string | null;
  replacedAt: Date;
}

/** The replacements of the batches' fitted units since the local date `fromDate`, newest first. */
export async function batchFailuresOf(
  db: Executor,
  batchIds: string[],
  fromDate: string,
  timeZone: string,
  limit: number,
): Promise<BatchFailure[]> {
  if (!batchIds.length) return [];
  const r = await db.execute<{
    batch_id: string;
    asset_id: string;
    replaced_ticket_id: string | null;
    replaced_work_order_ref: string | null;
    replaced_at: Date;
  }>(sql`select batch_id, asset_id, replaced_ticket_id, replaced_work_order_ref, replaced_at
    from (${replacementsSince(fromDate, timeZone)}) x
    where batch_id in (${sql.join(batchIds, sql`, `)})
    order by replaced_at desc, id limit ${limit}`);
  return r.rows.map((x) => ({
    batchId: x.batch_id,
    assetId: x.asset_id,
    ticketId: x.replaced_ticket_id,
    workOrderRef: x.replaced_work_order_ref,
    replacedAt: new Date(x.replaced_at),
  }));
}
