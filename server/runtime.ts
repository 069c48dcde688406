// Opens the database the configuration names (DATABASE_URL, or the embedded server under the data
// directory), applies migrations, and gives back a handle that closes everything.
import type pg from 'pg';
import type { TConfig } from './config.ts';
import { createDatabase } from './db/admin.ts';
import { startEmbeddedPostgres } from './db/embedded.ts';
import { runMigrations } from './db/migrate.ts';
import { createDb, createPool, type Db } from './db/pool.ts';

export interface Runtime {
  db: Db;
  pool: pg.Pool;
  /** The reports database (REPORTS_DATABASE_URL, read-only) when configured. */
  reportsDb?: Db;
  databaseUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openRuntime(
  config: TConfig,
  log: (m: string) => void,
  options: { migrate?: boolean } = {},
): Promise<Runtime> {
  let databaseUrl = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.pgDataDir,
      port: config.embeddedPgPort,
      log,
    });
    stopEmbedded = embedded.stop;
    // On the embedded server the product uses its own database, created on first start.
    databaseUrl = await createDatabase(embedded.url, 'aftercare', { ifMissing: true });
  }
  const pool = createPool(databaseUrl);
  const db = createDb(pool);
  try {
    if (options.migrate !== false) await runMigrations(db);
  } catch (err) {
    await pool.end();
    await stopEmbedded?.();
    throw err;
  }
  // Dashboards and reports read a replica when one is named; a small pool, reads only.
  const reportsPool = config.reportsDatabaseUrl ? createPool(config.reportsDatabaseUrl, 4) : null;
  return {
    db,
    pool,
    ...(reportsPool ? { reportsDb: createDb(reportsPool) } : {}),
    databaseUrl,
    embedded: stopEmbedded !== null,
    async close() {
      await reportsPool?.end().catch(() => {});
      await pool.end().catch(() => {});
      await stopEmbedded?.();
    },
  };
}
