// Read models for analytics' measures (docs/analytics.md): equipment at its n-th repair (the repair count
// kept by `recordRepairs`, index assets_repair_count_idx), each asset's dimensions, and the installed time
// of the equipment in service over a period (MTBF's numerator), grouped in one pass.
import { sql } from 'drizzle-orm';
import { type Executor, uuidArray } from '../../db/pool.ts';

export interface RepairedAsset {
  assetId: string;
  serial: string;
  name: string | null;
  customerId: string;
  projectId: string;
  productId: string;
  repairCount: number;
}

/** Equipment whose repair count is at least `min` (the count `recordRepairs` keeps), most repaired first. */
export async function assetsWithRepairs(
  db: Executor,
  q: { min: number; customerId?: string; projectId?: string; productId?: string; limit: number },
): Promise<RepairedAsset[]> {
  const r = await db.execute<{
    id: string;
    serial: string;
    name: string | null;
    customer_id: string;
    project_id: string;
    product_id: string;
    repair_count: number;
  }>(sql`
    select a.id, a.serial, a.name, a.customer_id, a.project_id, a.product_id, a.repair_count
      from assets a
     where a.repair_count >= ${Math.max(2, q.min)}
       ${q.customerId ? sql`and a.customer_id = ${q.customerId}::uuid` : sql``}
       ${q.projectId ? sql`and a.project_id = ${q.projectId}::uuid` : sql``}
       ${q.productId ? sql`and a.product_id = ${q.productId}::uuid` : sql``}
     order by a.repair_count desc, a.serial, a.id
     limit ${q.limit}`);
  return r.rows.map((x) => ({
    assetId: x.id,
    serial: x.serial,
    name: x.name,
    customerId: x.customer_id,
    projectId: x.project_id,
    productId: x.product_id,
    repairCount: Number(x.repair_count),
  }));
}

export interface AssetDimensions {
  serial: string;
  customerId: string;
  projectId: string;
  productId: string;
  model: string;
}

/** An asset's dimensions as SQL answers them (assets joined to their product). */
type AssetDimensionsRow = {
  id: string;
  serial: string;
  customer_id: string;
  project_id: string;
  product_id: string;
  model: string;
};

export async function assetDimensions(
  db: Executor,
  assetIds: readonly string[],
): Promise<Map<string, AssetDimensions>> {
  const out = new Map<string, AssetDimensions>();
  if (!assetIds.length) return out;
  const r =
    await db.execute<AssetDimensionsRow>(sql`select a.id, a.serial, a.customer_id, a.project_id, a.product_id, p.model
           from assets a join products p on p.id = a.product_id
          where a.id = any(${uuidArray(assetIds)})`);
  for (const x of r.rows)
    out.set(x.id, {
      serial: x.serial,
      customerId: x.customer_id,
      projectId: x.project_id,
      productId: x.product_id,
      model: x.model,
    });
  return out;
}

/** Where an asset's installed time starts: installation, else commissioning, else acceptance (local day). */
const SINCE = sql`coalesce(a.install_date, a.commissioning_date, a.acceptance_date)`;

export interface InstalledHours {
  group: 'total' | 'product' | 'model' | 'project' | 'asset';
  key: string | null;
  hours: number;
}

/**
 * Installed hours in [from, to) of the equipment in service (installed, in service, under repair) with an
 * installation date: from the start of its installation day (organisation's zone) or `from`, whichever is
 * later, to `to`. Summed in one pass for the total, per product, model and project; per asset for `assetIds`.
 */
export async function installedHours(
  db: Executor,
  q: { from: Date; to: Date; timeZone: string; customerId?: string; projectId?: string; productId?: string },
  assetIds: readonly string[],
): Promise<InstalledHours[]> {
  const hours = sql`greatest(0, extract(epoch from (${q.to.toISOString()}::timestamptz
      - greatest(${q.from.toISOString()}::timestamptz, (${SINCE}::timestamp at time zone ${q.timeZone})))) / 3600.0)`;
  const where = sql`a.status in ('installed', 'in_service', 'under_repair') and ${SINCE} is not null
       ${q.customerId ? sql`and a.customer_id = ${q.customerId}::uuid` : sql``}
       ${q.projectId ? sql`and a.project_id = ${q.projectId}::uuid` : sql``}
       ${q.productId ? sql`and a.product_id = ${q.productId}::uuid` : sql``}`;
  const r = await db.execute<{
    product: string | null;
    model: string | null;
    project: string | null;
    gmask: number;
    hours: number;
  }>(sql`
    select a.product_id::text as product, p.model, a.project_id::text as project,
           grouping(a.product_id, p.model, a.project_id)::int as gmask, sum(${hours})::float8 as hours
      from assets a join products p on p.id = a.product_id
     where ${where}
     group by grouping sets ((), (a.product_id), (p.model), (a.project_id))`);
  const out: InstalledHours[] = r.rows.map((x) => {
    const m = Number(x.gmask);
    const h = Number(x.hours ?? 0);
    if (m === 7) return { group: 'total', key: null, hours: h };
    if ((m & 4) === 0) return { group: 'product', key: x.product, hours: h };
    if ((m & 2) === 0) return { group: 'model', key: x.model, hours: h };
    return { group: 'project', key: x.project, hours: h };
  });
  if (assetIds.length) {
    const a = await db.execute<{ id: string; hours: number }>(sql`
      select a.id, ${hours}::float8 as hours from assets a where a.id = any(${uuidArray(assetIds)}) and ${where}`);
    for (const x of a.rows) out.push({ group: 'asset', key: x.id, hours: Number(x.hours) });
  }
  return out;
}

/** What analytics keeps of an asset for MTBF: its dimensions, where its installed time starts, in service. */
export interface AssetSnapshot {
  assetId: string;
  serial: string;
  customerId: string;
  projectId: string;
  productId: string;
  model: string;
  /** Installation day, else commissioning, else acceptance (local day); null: no installed time. */
  since: string | null;
  /** Installed, in service or under repair (the installed base). */
  inService: boolean;
}

/**
 * The assets written in (since, until] (index assets_updated_idx), and those of products written then (a
 * model renamed), as analytics' MTBF rollup keeps them.
 */
export async function assetsChangedBetween(
  db: Executor,
  q: { since: Date; until: Date },
): Promise<AssetSnapshot[]> {
  const since = q.since.toISOString();
  const until = q.until.toISOString();
  const r = await db.execute<AssetDimensionsRow & { since: string | null; in_service: boolean }>(sql`
    select a.id, a.serial, a.customer_id, a.project_id, a.product_id, p.model,
           to_char(${SINCE}, 'YYYY-MM-DD') as since,
           a.status in ('installed', 'in_service', 'under_repair') as in_service
      from assets a join products p on p.id = a.product_id
     where a.id in (select id from assets where updated_at > ${since}::timestamptz and updated_at <= ${until}::timestamptz
                    union
                    select id from assets where product_id in (select id from products
                     where updated_at > ${since}::timestamptz and updated_at <= ${until}::timestamptz))`);
  return r.rows.map((x) => ({
    assetId: x.id,
    serial: x.serial,
    customerId: x.customer_id,
    projectId: x.project_id,
    productId: x.product_id,
    model: x.model,
    since: x.since,
    inService: x.in_service,
  }));
}
