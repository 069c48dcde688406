// The language a customer's portal users read (the first active one's), for documents sent to them.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { users } from './schema.ts';

export async function customerReaderLocale(db: Executor, customerId: string): Promise<string | null> {
  const [row] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(and(eq(users.customerId, customerId), sql`${users.kind} = 'customer' and not ${users.disabled}`))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return row?.locale ?? null;
}
