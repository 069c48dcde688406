// One connection pool per process; drizzle on top of node-postgres.

import { type SQL, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// timestamptz as JS Date (UTC instants); bigint (int8) as string to avoid precision loss.
pg.types.setTypeParser(20, (v) => v);

export type Db = NodePgDatabase & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Db | Tx;

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'aftercare' });
  pool.on('error', () => {
    /* idle client errors (server restart) are reported on the next query */
  });
  return pool;
}

/**
 * Without drizzle's relational API (`db.query.<table>`, unused here): with a schema, drizzle builds a
 * query helper for every table on each new transaction, ~0.1 ms of CPU per transaction with ours.
 */
export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { casing: 'snake_case' }) as Db;
}

/** A uuid[] parameter for `= any(…)` (a JS array in a sql template would be spread into a list). */
export const uuidArray = (ids: readonly string[]): SQL => sql`${sql.param([...ids])}::uuid[]`;
