// SQL of Excel imports: the import rows, and set-based lookups and inserts for a chunk of rows.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { type archiveEvents, assets, customers, imports, products, projects } from './schema.ts';

export type ImportRow = typeof imports.$inferSelect;

export async function insertImport(db: Executor, values: typeof imports.$inferInsert) {
  const [row] = await db.insert(imports).values(values).returning();
  return row!;
}

export async function findImport(db: Executor, id: string) {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row;
}

export async function updateImport(db: Executor, id: string, values: Partial<typeof imports.$inferInsert>) {
  await db.update(imports).set(values).where(eq(imports.id, id));
}

const lower = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];

export async function customerIdsByCode(db: Executor, codes: string[]) {
  if (!codes.length) return new Map<string, string>();
  const rows = await db
    .select({ id: customers.id, code: sql<string>`lower(${customers.code})` })
    .from(customers)
    .where(sql`lower(${customers.code}) in ${lower(codes)}`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function projectsByCode(db: Executor, codes: string[]) {
  if (!codes.length) return new Map<string, { id: string; customerId: string }>();
  const rows = await db
    .select({ id: projects.id, customerId: projects.customerId, code: sql<string>`lower(${projects.code})` })
    .from(projects)
    .where(sql`lower(${projects.code}) in ${lower(codes)}`);
  return new Map(rows.map((r) => [r.code, { id: r.id, customerId: r.customerId }]));
}

export async function productIdsByModel(db: Executor, models: string[]) {
  if (!models.length) return new Map<string, string>();
  const rows = await db
    .select({ id: products.id, model: sql<string>`lower(${products.model})` })
    .from(products)
    .where(sql`lower(${products.model}) in ${lower(models)}`);
  return new Map(rows.map((r) => [r.model, r.id]));
}

/**
 * Existing assets among (product, serial) pairs: the pairs as two array parameters joined to the
 * unique (product, serial) index, one probe per pair (a 1,000-tuple `IN` list was planned as a scan
 * that grew with the table: 11 s of a 30,000-row import).
 */
export async function existingAssetKeys(db: Executor, pairs: { productId: string; serial: string }[]) {
  if (!pairs.length) return new Set<string>();
  const result = await db.execute<{ productId: string; serial: string }>(sql`
    select a.product_id as "productId", a.serial
    from unnest(${sql.param(pairs.map((p) => p.productId))}::uuid[], ${sql.param(pairs.map((p) => p.serial))}::text[])
      as k(product_id, serial)
    join assets a on a.product_id = k.product_id and a.serial = k.serial`);
  return new Set(result.rows.map((r) => `${r.productId}|${r.serial}`));
}

export async function assetIdsBySerial(db: Executor, projectIds: string[], serials: string[]) {
  if (!serials.length) return new Map<string, string>();
  const rows = await db
    .select({ id: assets.id, projectId: assets.projectId, serial: assets.serial })
    .from(assets)
    .where(
      and(inArray(assets.projectId, [...new Set(projectIds)]), inArray(assets.serial, [...new Set(serials)])),
    );
  return new Map(rows.map((r) => [`${r.projectId}|${r.serial}`, r.id]));
}

export async function insertCustomers(db: Executor, rows: (typeof customers.$inferInsert)[]) {
  if (rows.length) await db.insert(customers).values(rows);
}

export async function insertProjects(db: Executor, rows: (typeof projects.$inferInsert)[]) {
  if (rows.length) await db.insert(projects).values(rows);
}

export async function insertProducts(db: Executor, rows: (typeof products.$inferInsert)[]) {
  if (rows.length) await db.insert(products).values(rows);
}

type NewAsset = Pick<
  typeof assets.$inferInsert,
  | 'customerId'
  | 'projectId'
  | 'productId'
  | 'serial'
  | 'name'
  | 'location'
  | 'parentId'
  | 'installDate'
  | 'commissioningDate'
  | 'acceptanceDate'
  | 'status'
>;

/** One array parameter per column: a chunk of rows costs a few parameters, not thousands. */
const column = <T, K extends keyof T>(rows: T[], key: K) => sql.param(rows.map((r) => r[key] ?? null));

export async function insertAssets(db: Executor, rows: NewAsset[]) {
  if (!rows.length) return [];
  const c = <K extends keyof NewAsset>(key: K) => column(rows, key);
  const result = await db.execute<{ id: string; customerId: string; projectId: string; serial: string }>(sql`
    insert into assets (customer_id, project_id, product_id, serial, name, location, parent_id,
      install_date, commissioning_date, acceptance_date, status)
    select * from unnest(${c('customerId')}::uuid[], ${c('projectId')}::uuid[], ${c('productId')}::uuid[],
      ${c('serial')}::text[], ${c('name')}::text[], ${c('location')}::text[], ${c('parentId')}::uuid[],
      ${c('installDate')}::date[], ${c('commissioningDate')}::date[], ${c('acceptanceDate')}::date[],
      ${c('status')}::text[])
    returning id, customer_id as "customerId", project_id as "projectId", serial`);
  return result.rows;
}

type NewArchiveRow = Omit<typeof archiveEvents.$inferInsert, 'id' | 'occurredAt' | 'details'> & {
  occurredAt: Date;
  details: Record<string, unknown>;
};

export async function insertArchiveRows(db: Executor, rows: NewArchiveRow[]) {
  if (!rows.length) return;
  const c = <K extends keyof NewArchiveRow>(key: K) => column(rows, key);
  const occurredAt = sql.param(rows.map((r) => r.occurredAt.toISOString()));
  const details = sql.param(rows.map((r) => JSON.stringify(r.details)));
  await db.execute(sql`
    insert into archive_events (customer_id, project_id, asset_id, kind, occurred_at, summary, details,
      ref_type, ref_id, actor_id, actor_label)
    select * from unnest(${c('customerId')}::uuid[], ${c('projectId')}::uuid[], ${c('assetId')}::uuid[],
      ${c('kind')}::text[], ${occurredAt}::timestamptz[], ${c('summary')}::text[], ${details}::jsonb[],
      ${c('refType')}::text[], ${c('refId')}::text[], ${c('actorId')}::uuid[], ${c('actorLabel')}::text[])`);
}
