// Customer names and existence for other modules: the registry owns the customers table, so a
// module that shows or checks a customer asks here instead of joining it.
import { type AnyColumn, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { customers } from './schema.ts';

/** The name of the customer whose id is in `customerId` (a column of the caller's row), null if none. */
export function customerNameOf(customerId: AnyColumn): SQL<string | null> {
  return sql<
    string | null
  >`(select ${customers.name} from ${customers} where ${customers.id} = ${customerId})`;
}

export async function customerExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, id));
  return Boolean(row);
}
