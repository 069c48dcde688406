// Ordered SQL migrations (drizzle-kit output, committed) applied by the CLI and at start.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import type { Db } from './pool.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATIONS_LOCK = 7_246_001;

export async function runMigrations(db: Db): Promise<void> {
  // An advisory lock makes concurrent starts of several instances apply each migration once.
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATIONS_LOCK]).catch(() => {});
    client.release();
  }
}

/** The schema version is the tag of the last applied migration (for backups). */
export async function schemaVersion(client: pg.PoolClient | pg.Client): Promise<string> {
  const journal = await readJournal();
  const r = await client.query<{ created_at: string }>(
    'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
  );
  const last = r.rows[0];
  if (!last) return 'empty';
  const entry = journal.entries.find((e) => String(e.when) === String(last.created_at));
  return entry?.tag ?? `unknown-${last.created_at}`;
}

export async function latestMigrationTag(): Promise<string> {
  const journal = await readJournal();
  return journal.entries.at(-1)?.tag ?? 'empty';
}

async function readJournal(): Promise<{ entries: { tag: string; when: number }[] }> {
  return JSON.parse(await fs.readFile(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
}
