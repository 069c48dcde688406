// The SQL of MTBF's rollup (analytics_failures_daily, analytics_assets; docs/analytics.md "Rollups"):
// replacing days and assets, and the sums a request reads — one aggregate over the period's stored
// failures per asset, one over the installed base, both on analytics' own tables.
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { analyticsAssets, analyticsFailuresDaily } from './schema.ts';

export type FailureRow = typeof analyticsFailuresDaily.$inferInsert;
export type AssetRow = typeof analyticsAssets.$inferInsert;

/** Replaces the failure rows of the given days (whole days, recomputed). */
export async function replaceFailureDays(db: Executor, days: readonly string[], rows: FailureRow[]) {
  await db.execute(
    sql`delete from analytics_failures_daily where day = any(${sql.param([...days])}::date[])`,
  );
  for (let i = 0; i < rows.length; i += 1000)
    await db.insert(analyticsFailuresDaily).values(rows.slice(i, i + 1000));
}

/** The products the given assets had when last stored (absent: not stored yet). */
export async function storedProducts(
  db: Executor,
  assetIds: readonly string[],
): Promise<Map<string, string>> {
  if (!assetIds.length) return new Map();
  const r = await db.execute<{ asset_id: string; product_id: string }>(sql`
    select asset_id, product_id from analytics_assets where asset_id = any(${uuidArray(assetIds)})`);
  return new Map(r.rows.map((x) => [x.asset_id, x.product_id]));
}

/** Stores the assets as they are now (inserted or replaced). */
export async function upsertAssets(db: Executor, rows: AssetRow[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(analyticsAssets)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: analyticsAssets.assetId,
        set: {
          serial: sql`excluded.serial`,
          customerId: sql`excluded.customer_id`,
          projectId: sql`excluded.project_id`,
          productId: sql`excluded.product_id`,
          model: sql`excluded.model`,
          since: sql`excluded.since`,
          inService: sql`excluded.in_service`,
        },
      });
}

export interface MtbfQuery {
  /** The period's first local day, its instants [from, to) and the organisation's zone (installed hours). */
  fromDay: string;
  fromAt: Date;
  toAt: Date;
  timeZone: string;
  /** The stored local days read (null: none). */
  stored: { from: string; to: string } | null;
  /** Failures per asset computed per request (the days since the watermark's day). */
  live: { assetId: string; failures: number }[];
  customerId?: string;
  projectId?: string;
  productId?: string;
  /** The groups kept per breakdown, the lowest MTBF first (null: all). */
  groupLimit: number | null;
  /** The assets listed, worst first. */
  assetLimit: number;
}

export interface MtbfGroupSums {
  group: 'total' | 'product' | 'model' | 'project';
  key: string | null;
  failures: number;
  hours: number;
}

export interface MtbfAssetSums {
  assetId: string;
  serial: string;
  failures: number;
  hours: number;
}

const GROUPS = ['project', 'model', 'product', 'total'] as const;

/**
 * MTBF's sums from the rollup in one pass over the stored assets: each asset's failures (the period's
 * stored days and the live ones; the work order's customer and project filter) and installed hours (if
 * in the installed base under the asset's customer, project, product), summed per product, model and
 * project — the `groupLimit` lowest MTBF of each, with how many groups each has — and the assets with
 * the lowest MTBF. The order is mtbfTables' (measures.ts): MTBF rounded to tenths as JavaScript rounds
 * (⌊h / n × 10 + ½⌋ in float8), then the key by byte (`collate "C"`).
 */
export async function mtbfSums(
  db: Executor,
  q: MtbfQuery,
): Promise<{
  groups: MtbfGroupSums[];
  counts: { byProduct: number; byModel: number; byProject: number; byAsset: number };
  assets: MtbfAssetSums[];
}> {
  // installedHours' expression (registry), over the stored assets; for an asset installed by the
  // period's first day the same expression with the period's start (no time-zone conversion per row).
  const toAt = sql`${q.toAt.toISOString()}::timestamptz`;
  const fromAt = sql`${q.fromAt.toISOString()}::timestamptz`;
  const hours = sql`case when a.since <= ${q.fromDay}::date
      then greatest(0, extract(epoch from (${toAt} - ${fromAt})) / 3600.0)
      else greatest(0, extract(epoch from (${toAt}
             - greatest(${fromAt}, (a.since::timestamp at time zone ${q.timeZone})))) / 3600.0) end`;
  const base: SQL[] = [sql`a.in_service`, sql`a.since is not null`];
  if (q.customerId) base.push(sql`a.customer_id = ${q.customerId}::uuid`);
  if (q.projectId) base.push(sql`a.project_id = ${q.projectId}::uuid`);
  const inBase = sql.join(base, sql` and `);
  const stored: SQL[] = q.stored
    ? [sql`day >= ${q.stored.from}::date`, sql`day <= ${q.stored.to}::date`]
    : [sql`false`];
  if (q.customerId) stored.push(sql`customer_id = ${q.customerId}::uuid`);
  if (q.projectId) stored.push(sql`project_id = ${q.projectId}::uuid`);
  const mtbfOrder = sql`floor(hours / n * 10 + 0.5)`;
  // f: the stored failures per asset, aggregated alone (its row estimate from the table's statistics:
  // a hash join, not an index lookup per failed asset); l: the live ones. r: one row per asset with
  // failures or in the installed base — read twice (groups, worst assets), so kept narrow.
  const r = await db.execute<{
    gmask: number;
    key: string | null;
    n: number;
    hours: number;
    groups: string | null;
    serial: string | null;
  }>(sql`
    with f as (
      select asset_id, sum(n)::int as n from analytics_failures_daily
       where ${sql.join(stored, sql` and `)} group by asset_id),
    l as (
      select * from unnest(${uuidArray(q.live.map((x) => x.assetId))},
                           ${sql.param(q.live.map((x) => x.failures))}::int[]) as l(asset_id, n)),
    r as (
      select a.asset_id, a.product_id, a.model, a.project_id, coalesce(f.n, 0) + coalesce(l.n, 0) as n,
             case when ${inBase} then ${hours} else 0 end::float8 as hours
        from analytics_assets a
        left join f on f.asset_id = a.asset_id
        left join l on l.asset_id = a.asset_id
       where (${inBase} or f.n is not null or l.n is not null)
       ${q.productId ? sql`and a.product_id = ${q.productId}::uuid` : sql``}),
    g as (
      select grouping(product_id, model, project_id)::int as gmask,
             coalesce(product_id::text, model, project_id::text) as key,
             sum(n)::int as n, sum(hours)::float8 as hours, count(*) filter (where n > 0)::int as failed
        from r group by grouping sets ((), (product_id), (model), (project_id))
      having sum(n) > 0 or grouping(product_id, model, project_id) = 7),
    k as (
      select g.*, count(*) over (partition by gmask) as groups,
             row_number() over (partition by gmask
                                order by case when n > 0 then ${mtbfOrder} end, key collate "C") as rank
        from g),
    w as (
      select asset_id, n, hours from r where n > 0 order by ${mtbfOrder}, asset_id limit ${q.assetLimit})
    select gmask, key, n, hours, case when gmask = 7 then failed else groups end as groups, null as serial
      from k ${q.groupLimit === null ? sql`` : sql`where rank <= ${q.groupLimit} or gmask = 7`}
    union all
    select 8, w.asset_id::text, w.n, w.hours, null,
           (select serial from analytics_assets s where s.asset_id = w.asset_id)
      from w`);
  // grouping(): the bit of each column grouped away (product 4, model 2, project 1); 8: an asset.
  const groupOf = (m: number) => GROUPS[[6, 5, 3, 7].indexOf(m)]!;
  const rows = r.rows.map((x) => ({ ...x, gmask: Number(x.gmask) }));
  const countOf = (m: number) => Number(rows.find((x) => x.gmask === m)?.groups ?? 0);
  return {
    groups: rows
      .filter((x) => x.gmask !== 8)
      .map((x) => ({
        group: groupOf(x.gmask),
        key: x.gmask === 7 ? null : x.key,
        failures: Number(x.n),
        hours: Number(x.hours ?? 0),
      })),
    counts: { byProduct: countOf(3), byModel: countOf(5), byProject: countOf(6), byAsset: countOf(7) },
    assets: rows
      .filter((x) => x.gmask === 8)
      .map((x) => ({
        assetId: x.key!,
        serial: x.serial ?? '',
        failures: Number(x.n),
        hours: Number(x.hours),
      })),
  };
}
