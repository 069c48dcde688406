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
  /** The period's instants [from, to) and the organisation's zone (installed hours). */
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
  /** The assets listed, worst first (a few more than shown, so rounding cannot change the list). */
  assetLimit: number;
}

export interface MtbfGroupSums {
  group: 'total' | 'product' | 'model' | 'project';
  key: string | null;
  value: number;
}

export interface MtbfAssetSums {
  assetId: string;
  serial: string;
  failures: number;
  hours: number;
}

const GROUPS = sql`grouping sets ((), (a.product_id), (a.model), (a.project_id))`;

const groupOf = (x: {
  gmask: number;
  product: string | null;
  model: string | null;
  project: string | null;
}) => {
  const m = Number(x.gmask);
  if (m === 7) return { group: 'total' as const, key: null };
  if ((m & 4) === 0) return { group: 'product' as const, key: x.product };
  if ((m & 2) === 0) return { group: 'model' as const, key: x.model };
  return { group: 'project' as const, key: x.project };
};

type GroupRow = { gmask: number; product: string | null; model: string | null; project: string | null };

/**
 * MTBF's sums from the rollup: failures per group (the asset's product, model, project; the work
 * order's customer and project filter, the asset's product), installed hours per group (the installed
 * base under the asset's customer, project, product), and the assets with the lowest MTBF.
 */
export async function mtbfSums(
  db: Executor,
  q: MtbfQuery,
): Promise<{ failures: MtbfGroupSums[]; hours: MtbfGroupSums[]; assets: MtbfAssetSums[] }> {
  // installedHours' expression (registry), over the stored assets.
  const hours = sql`greatest(0, extract(epoch from (${q.toAt.toISOString()}::timestamptz
      - greatest(${q.fromAt.toISOString()}::timestamptz, (a.since::timestamp at time zone ${q.timeZone})))) / 3600.0)`;
  const base: SQL[] = [sql`a.in_service`, sql`a.since is not null`];
  if (q.customerId) base.push(sql`a.customer_id = ${q.customerId}::uuid`);
  if (q.projectId) base.push(sql`a.project_id = ${q.projectId}::uuid`);
  if (q.productId) base.push(sql`a.product_id = ${q.productId}::uuid`);
  const inBase = sql.join(base, sql` and `);
  const stored: SQL[] = q.stored
    ? [sql`day >= ${q.stored.from}::date`, sql`day <= ${q.stored.to}::date`]
    : [sql`false`];
  if (q.customerId) stored.push(sql`customer_id = ${q.customerId}::uuid`);
  if (q.projectId) stored.push(sql`project_id = ${q.projectId}::uuid`);
  const failed = sql`
    with f as (
      select asset_id, sum(n)::int as n from (
        select asset_id, n from analytics_failures_daily where ${sql.join(stored, sql` and `)}
        union all
        select * from unnest(${uuidArray(q.live.map((x) => x.assetId))},
                             ${sql.param(q.live.map((x) => x.failures))}::int[])) x
       group by asset_id),
    fa as materialized (
      select f.asset_id, f.n, a.serial, a.product_id, a.model, a.project_id,
             case when ${inBase} then ${hours} else 0 end::float8 as hours
        from f join analytics_assets a on a.asset_id = f.asset_id
       ${q.productId ? sql`where a.product_id = ${q.productId}::uuid` : sql``})`;
  // One pass over the period's failures: the groups' sums and the worst assets, one row set.
  const failedRows = await db.execute<
    GroupRow & {
      kind: 'group' | 'asset';
      n: number;
      asset_id: string | null;
      serial: string | null;
      hours: number | null;
    }
  >(sql`${failed},
    g as (select a.product_id::text as product, a.model, a.project_id::text as project,
                 grouping(a.product_id, a.model, a.project_id)::int as gmask, sum(a.n)::int as n
            from fa a group by ${GROUPS}),
    w as (select asset_id, serial, n, hours from fa
           order by round((hours / n)::numeric, 1), asset_id limit ${q.assetLimit})
    select 'group' as kind, product, model, project, gmask, n, null::uuid as asset_id, null as serial,
           null::float8 as hours from g
    union all
    select 'asset', null, null, null, null, n, asset_id, serial, hours from w`);
  const installed = await db.execute<GroupRow & { hours: number }>(sql`
    select a.product_id::text as product, a.model, a.project_id::text as project,
           grouping(a.product_id, a.model, a.project_id)::int as gmask, sum(${hours})::float8 as hours
      from analytics_assets a where ${inBase} group by ${GROUPS}`);
  const byGroup = failedRows.rows.filter((x) => x.kind === 'group');
  const worst = failedRows.rows.filter((x) => x.kind === 'asset');
  return {
    failures: byGroup.map((x) => ({ ...groupOf(x), value: Number(x.n) })),
    hours: installed.rows.map((x) => ({ ...groupOf(x), value: Number(x.hours ?? 0) })),
    assets: worst.map((x) => ({
      assetId: x.asset_id!,
      serial: x.serial ?? '',
      failures: Number(x.n),
      hours: Number(x.hours),
    })),
  };
}
