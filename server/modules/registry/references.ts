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

const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));

export const customerReferences: ReferenceResolver = async (db: Executor, list, q) =>
  ids(
    await db
      .select({ id: customers.id })
      .from(customers)
      .where(ownedBy(customers.id, customers.id, list, q)),
  );

export const contactReferences: ReferenceResolver = async (db, list, q) =>
  ids(
    await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(ownedBy(contacts.id, contacts.customerId, list, q)),
  );

export const projectReferences: ReferenceResolver = async (db, list, q) =>
  ids(
    await db
      .select({ id: projects.id })
      .from(projects)
      .where(ownedBy(projects.id, projects.customerId, list, q)),
  );

export const assetReferences: ReferenceResolver = async (db, list, q) =>
  ids(
    await db
      .select({ id: assets.id })
      .from(assets)
      .where(ownedBy(assets.id, assets.customerId, list, q)),
  );
