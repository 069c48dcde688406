// The customer and number of each complaint, by id (a quality case names the complaint it comes from).
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { complaints } from './schema.ts';

export async function complaintOwners(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { customerId: string; number: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: complaints.id, customerId: complaints.customerId, number: complaints.number })
    .from(complaints)
    .where(inArray(complaints.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
