// Shared bench set-up: a fresh database (embedded in a temp folder, or BENCH_DATABASE_URL), and
// result files in bench/results/<name>.json.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { createDatabase, dropDatabase, freePort } from '../server/db/admin.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { runMigrations } from '../server/db/migrate.ts';
import { createDb, createPool, type Db } from '../server/db/pool.ts';

export interface BenchDatabase {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-'));
    await fs.chmod(dir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
    adminUrl = embedded.url;
    stop = embedded.stop;
  }
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const pool = createPool(await createDatabase(adminUrl, name), 20);
  const db = createDb(pool);
  await runMigrations(db);
  return {
    db,
    pool,
    async close() {
      await pool.end();
      await dropDatabase(adminUrl!, name);
      await stop?.();
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export async function writeResult(result: {
  name: string;
  params: Record<string, unknown>;
  figures: Record<string, number>;
  units: Record<string, string>;
}) {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
  await fs.mkdir(dir, { recursive: true });
  const full = {
    ...result,
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
  };
  await fs.writeFile(path.join(dir, `${result.name}.json`), `${JSON.stringify(full, null, 2)}\n`);
  console.log(`\n${result.name}`);
  console.table(
    Object.fromEntries(
      Object.entries(result.figures).map(([k, v]) => [k, { value: v, unit: result.units[k] ?? '' }]),
    ),
  );
}
