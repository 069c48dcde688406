// SQL of Excel imports: the import rows, and set-based lookups and inserts for a chunk of rows.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { archiveEvents, assets, customers, imports, products, projects } from './schema.ts';

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

/** Existing assets among (product, serial) pairs, and parents among (project, serial) pairs. */
export async function existingAssetKeys(db: Executor, pairs: { productId: string; serial: string }[]) {
  if (!pairs.length) return new Set<string>();
  const tuples = sql.join(
    pairs.map((p) => sql`(${p.productId}::uuid, ${p.serial})`),
    sql`, `,
  );
  const rows = await db
    .select({ productId: assets.productId, serial: assets.serial })
    .from(assets)
    .where(sql`(${assets.productId}, ${assets.serial}) in (${tuples})`);
  return new Set(rows.map((r) => `${r.productId}|${r.serial}`));
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

export async function insertAssets(db: Executor, rows: (typeof assets.$inferInsert)[]) {
  if (!rows.length) return [];
  return db.insert(assets).values(rows).returning({
    id: assets.id,
    customerId: assets.customerId,
    projectId: assets.projectId,
    serial: assets.serial,
  });
}

export async function insertArchiveRows(db: Executor, rows: (typeof archiveEvents.$inferInsert)[]) {
  if (rows.length) await db.insert(archiveEvents).values(rows);
}
