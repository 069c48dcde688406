// Which customer-owned records a request may bind: they exist, lie in the caller's scope and belong
// to the customer of the record that refers to them (platform/references.ts asks).
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/pool.ts';
import type { ReferenceQuery, ReferenceResolver } from '../../platform/references.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { assets, contacts, customers, projects } from './schema.ts';

function ownedBy(idColumn: PgColumn, customerColumn: PgColumn, ids: string[], q: ReferenceQuery): SQL {
  const conditions = [inArray(idColumn, ids), scopeFilter(customerColumn, q.scope)];
  if (q.customerId) conditions.push(eq(customerColumn, q.customerId));
  return and(...conditions)!;
}

/** A resolver over one customer-owned table: its id column and its customer column. */
function ownedReferences(idColumn: PgColumn, customerColumn: PgColumn): ReferenceResolver {
  return async (db: Executor, list, q) => {
    const rows = await db
      .select({ id: idColumn })
      .from(idColumn.table)
      .where(ownedBy(idColumn, customerColumn, list, q));
    return new Set(rows.map((r) => r.id as string));
  };
}

export const customerReferences = ownedReferences(customers.id, customers.id);
export const contactReferences = ownedReferences(contacts.id, contacts.customerId);
export const projectReferences = ownedReferences(projects.id, projects.customerId);
export const assetReferences = ownedReferences(assets.id, assets.customerId);
