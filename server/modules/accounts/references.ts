// Which users a request may name as staff (assignee, engineer, watcher): active staff only.
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
