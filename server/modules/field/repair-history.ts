// The repair history of equipment (work orders of kind repair), for the maintenance module's plan
// tuning: when each asset failed. The failure's date is when the repair work order was opened.
import { sql } from 'drizzle-orm';
import { toLocalDate } from '../../../common/calendar-dates.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';

export async function repairDatesOfAssets(
  db: Executor,
  assetIds: readonly string[],
  since: Date,
  timeZone: string,
): Promise<{ assetId: string; on: string }[]> {
  if (!assetIds.length) return [];
  const rows = await db.execute<{ asset_id: string; created_at: Date }>(
    sql`select a.asset_id, w.created_at from work_orders w, unnest(w.asset_ids) as a(asset_id)
         where w.kind = 'repair' and w.status <> 'cancelled' and w.created_at >= ${since.toISOString()}::timestamptz
           and w.asset_ids && ${uuidArray(assetIds)} and a.asset_id = any(${uuidArray(assetIds)})`,
  );
  return rows.rows.map((r) => ({ assetId: r.asset_id, on: toLocalDate(new Date(r.created_at), timeZone) }));
}
