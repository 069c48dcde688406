// Which users a request may name: as staff (assignee, engineer, watcher) active staff only; as a
// customer's portal user (a contact's login) only a user of that same customer.
import { and, eq, inArray, not } from 'drizzle-orm';
import type { ReferenceResolver } from '../../platform/references.ts';
import { users } from './schema.ts';

export const staffReferences: ReferenceResolver = async (db, ids) => {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.kind, 'staff'), not(users.disabled)));
  return new Set(rows.map((r) => r.id));
};

export const customerUserReferences: ReferenceResolver = async (db, ids, query) => {
  if (!query.customerId) return new Set();
  if (query.scope.kind === 'customer' && query.scope.customerId !== query.customerId) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.kind, 'customer'), eq(users.customerId, query.customerId)));
  return new Set(rows.map((r) => r.id));
};
