// Every SQL statement of the registry module. Customer-scoped reads take a Scope.
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { customers } from './schema.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerSort = 'name' | 'code' | 'createdAt';

const sortColumn = {
  name: customers.name,
  code: sql`lower(${customers.code})`,
  createdAt: customers.createdAt,
} as const;

export async function listCustomers(
  db: Executor,
  scope: Scope,
  filter: { q?: string; type?: string; region?: string; sort: CustomerSort },
  after: CursorKey | null,
  limit: number,
): Promise<CustomerRow[]> {
  const conditions: SQL[] = [scopeFilter(customers.id, scope)];
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(
      or(ilike(customers.name, like), ilike(customers.code, like), ilike(customers.contactPhone, like))!,
    );
  }
  if (filter.type) conditions.push(eq(customers.type, filter.type as CustomerRow['type']));
  if (filter.region) conditions.push(eq(customers.region, filter.region));
  const column = sortColumn[filter.sort];
  if (after) {
    const value = filter.sort === 'createdAt' ? new Date(String(after.v)) : after.v;
    conditions.push(sql`(${column}, ${customers.id}) > (${value}, ${after.id})`);
  }
  return db
    .select()
    .from(customers)
    .where(and(...conditions))
    .orderBy(column, asc(customers.id))
    .limit(limit + 1);
}

export async function findCustomer(db: Executor, scope: Scope, id: string): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), scopeFilter(customers.id, scope)));
  return row;
}

export async function insertCustomer(
  db: Executor,
  values: typeof customers.$inferInsert,
): Promise<CustomerRow> {
  const [row] = await db.insert(customers).values(values).returning();
  return row!;
}

export async function updateCustomer(
  db: Executor,
  scope: Scope,
  id: string,
  version: number,
  values: Partial<typeof customers.$inferInsert>,
): Promise<CustomerRow | undefined> {
  const [row] = await db
    .update(customers)
    .set({ ...values, version: sql`${customers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(customers.id, id), eq(customers.version, version), scopeFilter(customers.id, scope)))
    .returning();
  return row;
}
