// What the knowledge base reads of the registry: the product categories its articles are filed under.
import { asc, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { products } from './schema.ts';

/** The distinct categories of the product catalogue, in order. */
export async function productCategories(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ category: products.category })
    .from(products)
    .where(isNotNull(products.category))
    .orderBy(asc(products.category));
  return rows.map((r) => r.category).filter((c): c is string => !!c?.trim());
}
