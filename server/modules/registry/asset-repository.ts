// SQL of products, assets and contracts. Customer-scoped reads take a Scope.
import { and, asc, desc, eq, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { likePattern } from './project-repository.ts';
import { assets, contracts, depositEntries, products, projects } from './schema.ts';

// ---------- products (a catalogue, not customer data) ----------
export type ProductRow = typeof products.$inferSelect;

export async function listProducts(
  db: Executor,
  filter: { q?: string; category?: string; sizeClass?: string },
  after: CursorKey | null,
  limit: number,
): Promise<ProductRow[]> {
  const where: (SQL | undefined)[] = [
    filter.q ? sql`(${products.name} || ' ' || ${products.model}) ilike ${likePattern(filter.q)}` : undefined,
    filter.category ? eq(products.category, filter.category) : undefined,
    filter.sizeClass ? eq(products.sizeClass, filter.sizeClass as ProductRow['sizeClass']) : undefined,
    after ? sql`(lower(${products.model}), ${products.id}) > (${after.v}, ${after.id})` : undefined,
  ];
  return db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(sql`lower(${products.model})`, asc(products.id))
    .limit(limit + 1);
}

export async function findProduct(db: Executor, id: string) {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row;
}

export async function insertProduct(db: Executor, values: typeof products.$inferInsert) {
  const [row] = await db.insert(products).values(values).returning();
  return row!;
}

// ---------- assets ----------
const assetColumns = {
  asset: assets,
  projectName: projects.name,
  productModel: products.model,
  productName: products.name,
};
export type AssetRow = typeof assets.$inferSelect & {
  projectName: string;
  productModel: string;
  productName: string;
};
const flatten = (r: {
  asset: typeof assets.$inferSelect;
  projectName: string;
  productModel: string;
  productName: string;
}) => ({
  ...r.asset,
  projectName: r.projectName,
  productModel: r.productModel,
  productName: r.productName,
});

export interface AssetFilter {
  q?: string;
  customerId?: string;
  projectId?: string;
  productId?: string;
  parentId?: string;
  status?: string;
}

function assetWhere(scope: Scope, filter: AssetFilter): (SQL | undefined)[] {
  return [
    scopeFilter(assets.customerId, scope),
    filter.q
      ? // Both halves can use an index: the trigram index of assets, and (product_id, serial).
        or(
          sql`(${assets.serial} || ' ' || coalesce(${assets.name}, '') || ' ' || coalesce(${assets.location}, '')) ilike ${likePattern(filter.q)}`,
          sql`${assets.productId} in (select ${products.id} from ${products} where (${products.name} || ' ' || ${products.model}) ilike ${likePattern(filter.q)})`,
        )
      : undefined,
    filter.customerId ? eq(assets.customerId, filter.customerId) : undefined,
    filter.projectId ? eq(assets.projectId, filter.projectId) : undefined,
    filter.productId ? eq(assets.productId, filter.productId) : undefined,
    filter.parentId ? eq(assets.parentId, filter.parentId) : undefined,
    filter.status ? eq(assets.status, filter.status as AssetRow['status']) : undefined,
  ];
}

export async function listAssets(
  db: Executor,
  scope: Scope,
  filter: AssetFilter,
  after: CursorKey | null,
  limit: number,
): Promise<AssetRow[]> {
  const where = assetWhere(scope, filter);
  if (after) where.push(sql`(${assets.serial}, ${assets.id}) > (${after.v}, ${after.id})`);
  const rows = await db
    .select(assetColumns)
    .from(assets)
    .innerJoin(projects, eq(projects.id, assets.projectId))
    .innerJoin(products, eq(products.id, assets.productId))
    .where(and(...where))
    .orderBy(asc(assets.serial), asc(assets.id))
    .limit(limit + 1);
  return rows.map(flatten);
}

export async function findAsset(db: Executor, scope: Scope, id: string): Promise<AssetRow | undefined> {
  const [row] = await db
    .select(assetColumns)
    .from(assets)
    .innerJoin(projects, eq(projects.id, assets.projectId))
    .innerJoin(products, eq(products.id, assets.productId))
    .where(and(eq(assets.id, id), scopeFilter(assets.customerId, scope)));
  return row ? flatten(row) : undefined;
}

export async function insertAsset(db: Executor, values: typeof assets.$inferInsert) {
  const [row] = await db.insert(assets).values(values).returning();
  return row!;
}

export async function reparentChildren(db: Executor, fromId: string, toId: string) {
  await db
    .update(assets)
    .set({ parentId: toId })
    .where(sql`${assets.parentId} = ${fromId} and ${assets.status} not in ('replaced', 'retired')`);
}

/** The ancestors of a would-be parent, to refuse a cycle in the equipment tree. */
export async function ancestorIds(db: Executor, id: string): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from assets where id = ${id}
      union all
      select a.id, a.parent_id, up.depth + 1 from assets a join up on a.id = up.parent_id where up.depth < 50
    ) select id from up`);
  return r.rows.map((x) => x.id);
}

// ---------- contracts ----------
export type ContractRow = typeof contracts.$inferSelect;

export async function listContracts(
  db: Executor,
  scope: Scope,
  filter: { projectId?: string; customerId?: string },
) {
  return db
    .select()
    .from(contracts)
    .where(
      and(
        scopeFilter(contracts.customerId, scope),
        filter.projectId ? eq(contracts.projectId, filter.projectId) : undefined,
        filter.customerId ? eq(contracts.customerId, filter.customerId) : undefined,
      ),
    )
    .orderBy(desc(contracts.startDate), asc(contracts.id))
    .limit(500);
}

export async function findContract(db: Executor, scope: Scope, id: string, lock = false) {
  const q = db
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, id), scopeFilter(contracts.customerId, scope)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * The contract whose terms (response tier, fee schedule, repair limit, deposit) govern a project on a
 * date: the latest one started by then; on the same start date a service agreement comes before the
 * supply-and-installation contract it extends.
 */
export async function governingContract(db: Executor, projectId: string, onDate: string) {
  const [row] = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.projectId, projectId), lte(contracts.startDate, onDate)))
    .orderBy(desc(contracts.startDate), sql`case when ${contracts.kind} = 'supply_install' then 1 else 0 end`)
    .limit(1);
  return row;
}

export async function projectContracts(db: Executor, projectId: string) {
  return db
    .select()
    .from(contracts)
    .where(eq(contracts.projectId, projectId))
    .orderBy(asc(contracts.startDate));
}

export async function insertContract(db: Executor, values: typeof contracts.$inferInsert) {
  const [row] = await db.insert(contracts).values(values).returning();
  return row!;
}

export async function findDepositEntryBySource(db: Executor, sourceRef: string) {
  const [row] = await db
    .select({ id: depositEntries.id })
    .from(depositEntries)
    .where(eq(depositEntries.sourceRef, sourceRef));
  return row;
}

export async function insertDepositEntry(db: Executor, values: typeof depositEntries.$inferInsert) {
  const [row] = await db.insert(depositEntries).values(values).returning();
  return row!;
}

export async function setDepositBalance(db: Executor, contractId: string, balanceFen: number) {
  await db
    .update(contracts)
    .set({ depositBalanceFen: balanceFen, version: sql`${contracts.version} + 1`, updatedAt: sql`now()` })
    .where(eq(contracts.id, contractId));
}

export async function listDepositEntries(db: Executor, scope: Scope, contractId: string) {
  return db
    .select()
    .from(depositEntries)
    .where(and(eq(depositEntries.contractId, contractId), scopeFilter(depositEntries.customerId, scope)))
    .orderBy(asc(depositEntries.createdAt), asc(depositEntries.id));
}

/**
 * Equipment whose warranty or latent-defect period ends in (today, until]: the end dates are computed
 * in SQL from each project's supply contract (PostgreSQL's month arithmetic clamps like ours).
 */
export async function findExpiringAssets(db: Executor, today: string, until: string) {
  const r = await db.execute<{
    id: string;
    serial: string;
    customer_id: string;
    project_id: string;
    project_name: string;
    engineer_ids: string[];
    warranty_start: string;
    warranty_end: string;
    latent_end: string;
  }>(sql`
    with terms as (
      select distinct on (project_id) project_id, warranty_months, latent_defect_months
        from contracts where kind = 'supply_install' order by project_id, start_date desc
    ), windows as (
      select a.id, a.serial, a.customer_id, a.project_id, p.name as project_name, p.engineer_ids,
             coalesce(a.warranty_start, a.acceptance_date) as warranty_start,
             coalesce(a.warranty_end, (coalesce(a.warranty_start, a.acceptance_date)
               + make_interval(months => coalesce(t.warranty_months, 12)))::date) as warranty_end,
             coalesce(t.latent_defect_months, 24) as latent_months
        from assets a
        join projects p on p.id = a.project_id
        left join terms t on t.project_id = a.project_id
       where a.status not in ('replaced', 'retired')
         and coalesce(a.warranty_start, a.acceptance_date) is not null
    )
    select id, serial, customer_id, project_id, project_name, engineer_ids,
           warranty_start::text, warranty_end::text,
           (warranty_end + make_interval(months => latent_months))::date::text as latent_end
      from windows
     where (warranty_end > ${today}::date and warranty_end <= ${until}::date)
        or ((warranty_end + make_interval(months => latent_months))::date > ${today}::date
            and (warranty_end + make_interval(months => latent_months))::date <= ${until}::date)
     order by warranty_end
     limit 5000`);
  return r.rows;
}
