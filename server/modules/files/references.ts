// Which stored files a request may attach: a customer user only its organisation's uploads; staff
// files of the referring record's customer or files not tied to any customer.
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { ReferenceResolver } from '../../platform/references.ts';
import { files } from '../../platform/schema.ts';

export const fileReferences: ReferenceResolver = async (db, ids, q) => {
  // A customer user binds files only to its own organisation's records.
  if (q.scope.kind === 'customer' && q.customerId && q.customerId !== q.scope.customerId) return new Set();
  const owner =
    q.scope.kind === 'customer'
      ? eq(files.customerId, q.scope.customerId)
      : q.customerId
        ? or(isNull(files.customerId), eq(files.customerId, q.customerId))
        : undefined;
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, ids), owner));
  return new Set(rows.map((r) => r.id));
};
