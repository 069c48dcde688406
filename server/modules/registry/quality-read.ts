// Read models for the quality module's early warning (issue 19): the installed base per customer,
// project and product, the names of the groups, the facts of the equipment an alert names, and the
// SQL fragments tickets uses to group fault reports by product in its own query.
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { assets, customers, products, projects } from './schema.ts';

/** Equipment that counts as installed (its failures have an exposure): not retired, not replaced. */
const IN_SERVICE = sql`${assets.status} in ('installed', 'in_service', 'under_repair')`;

/** The product of the asset whose id is `assetId` (a correlated sub-query for another module's GROUP BY). */
export function productOfAssetSql(assetId: SQL): SQL {
  return sql`(select qa.product_id from assets qa where qa.id = ${assetId})`;
}

/** The ids of the equipment of one product (for `asset_ids && array(...)` in another module's query). */
export function assetIdsOfProductSql(productId: string): SQL {
  return sql`(select qa.id from assets qa where qa.product_id = ${productId})`;
}

export interface InstalledUnits {
  customerId: string;
  projectId: string;
  productId: string;
  units: number;
}

/** Installed units per customer, project and product (one GROUP BY over the assets). */
export async function installedUnits(db: Executor): Promise<InstalledUnits[]> {
  return db
    .select({
      customerId: assets.customerId,
      projectId: assets.projectId,
      productId: assets.productId,
      units: sql<number>`count(*)::int`,
    })
    .from(assets)
    .where(IN_SERVICE)
    .groupBy(assets.customerId, assets.projectId, assets.productId);
}

/** Names of products (model and name), projects and customers, by id. */
export async function groupNames(
  db: Executor,
  ids: { productIds: string[]; projectIds: string[]; customerIds: string[] },
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.productIds.length) {
    const rows = await db
      .select({ id: products.id, model: products.model, name: products.name })
      .from(products)
      .where(inArray(products.id, ids.productIds));
    for (const r of rows) names.set(r.id, `${r.model} ${r.name}`);
  }
  if (ids.projectIds.length) {
    const rows = await db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(inArray(projects.id, ids.projectIds));
    for (const r of rows) names.set(r.id, r.name);
  }
  if (ids.customerIds.length) {
    const rows = await db
      .select({ id: customers.id, name: customers.name })
      .from(customers)
      .where(inArray(customers.id, ids.customerIds));
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

/** Serial, product model and customer of each asset, by id. */
export async function assetFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { serial: string; productModel: string; customerId: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: assets.id,
      serial: assets.serial,
      productModel: products.model,
      customerId: assets.customerId,
    })
    .from(assets)
    .innerJoin(products, sql`${products.id} = ${assets.productId}`)
    .where(inArray(assets.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
