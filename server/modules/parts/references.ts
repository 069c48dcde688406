// Which catalogue parts a request may name: any part on record (the catalogue is not customer-owned).
import { inArray } from 'drizzle-orm';
import type { ReferenceResolver } from '../../platform/references.ts';
import { parts } from './schema.ts';

export const partReferences: ReferenceResolver = async (db, ids) => {
  const rows = await db.select({ id: parts.id }).from(parts).where(inArray(parts.id, ids));
  return new Set(rows.map((r) => r.id));
};
