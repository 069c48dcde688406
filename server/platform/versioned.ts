// Shared statements for versioned records: optimistic-concurrency update and scoped lookup. Every
// table that uses them has `id`, `version` and `updated_at` columns (and `customer_id` when scoped).
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/pool.ts';
import type { Scope } from './context.ts';
import { notFound, staleVersion } from './errors.ts';
import { scopeFilter } from './scope.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Applies `values` only at the expected version, inside the caller's transaction. A missing (or
 * out-of-scope) record is a 404, a changed one a 409.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Executor,
  table: T,
  what: string,
  id: string,
  version: number,
  values: Partial<T['$inferInsert']>,
  scope?: { column: PgColumn; scope: Scope },
): Promise<T['$inferSelect']> {
  const where: SQL[] = [eq(table.id, id), eq(table.version, version)];
  if (scope) where.push(scopeFilter(scope.column, scope.scope));
  const rows = (await tx
    .update(table)
    // biome-ignore lint/suspicious/noExplicitAny: drizzle cannot type a set() over a generic table
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: sql`now()` } as any)
    .where(and(...where))
    .returning()) as T['$inferSelect'][];
  if (rows[0]) return rows[0];
  const exists = await tx
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(eq(table.id, id), scope ? scopeFilter(scope.column, scope.scope) : undefined));
  throw exists.length ? staleVersion(what) : notFound(what);
}

/** Keeps only the keys that were given (undefined means "not sent"). */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
