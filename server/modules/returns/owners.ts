// The customer and number of each return, by id (a quality case names the return it comes from).
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { returnRequests } from './schema.ts';

export async function returnOwners(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { customerId: string; number: string; productModel: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: returnRequests.id,
      customerId: returnRequests.customerId,
      number: returnRequests.number,
      productModel: returnRequests.productModel,
    })
    .from(returnRequests)
    .where(inArray(returnRequests.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}
