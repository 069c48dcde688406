// The customer and number of each work order, by id (complaints check a work order is the complainant's).
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { workOrders } from './schema.ts';

export async function workOrderOwners(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { customerId: string; number: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: workOrders.id, customerId: workOrders.customerId, number: workOrders.number })
    .from(workOrders)
    .where(inArray(workOrders.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
