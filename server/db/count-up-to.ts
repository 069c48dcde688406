// Counts that stop at a cap: a workbench tile says "1,000+" rather than reading every row of a backlog,
// so its cost is bounded by the cap, not by the table (the index range is walked up to cap + 1 rows).
import { type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { WORKBENCH_COUNT_CAP } from '../../common/workbench-api.ts';
import type { Executor } from './pool.ts';

/** The rows of `table` matching `where`, counted up to cap + 1 (cap + 1 means "more than cap"). */
export async function countUpTo(
  db: Executor,
  table: PgTable,
  where: SQL | undefined,
  cap: number = WORKBENCH_COUNT_CAP,
): Promise<number> {
  const rows = db
    .select({ one: sql`1` })
    .from(table)
    .where(where)
    .limit(cap + 1)
    .as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(rows);
  return row?.n ?? 0;
}
