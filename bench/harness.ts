// Shared bench set-up: a fresh database (embedded in a temp folder, or BENCH_DATABASE_URL), and
// result files in bench/results/<name>.json.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type pg from 'pg';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createDatabase, dropDatabase, freePort } from '../server/db/admin.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { runMigrations } from '../server/db/migrate.ts';
import { createDb, createPool, type Db } from '../server/db/pool.ts';
import { createUser } from '../server/modules/accounts/index.ts';
import { LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { NO_JOBS } from '../server/platform/jobs.ts';

/** The organisation's zone: the configuration's default. */
export const BENCH_TIME_ZONE = loadConfig({}).defaultTimeZone;

export interface BenchDatabase {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * BENCH_KEEP=DIR keeps the embedded database in DIR after the run, and the next run with the same DIR
 * reuses it (migrated to the current schema): a fill of 10⁶ tickets (40 min here) is made once and then
 * measured again after a change, with `keptFill`. Without it, each run gets a fresh database, dropped after.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const keep = process.env.BENCH_KEEP ? path.resolve(process.env.BENCH_KEEP) : null;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = keep ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-')));
    await fs.mkdir(dir, { recursive: true });
    await fs.chmod(dir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
    adminUrl = embedded.url;
    stop = embedded.stop;
  }
  const name = keep ? 'bench_kept' : `bench_${randomBytes(4).toString('hex')}`;
  const pool = createPool(await createDatabase(adminUrl, name, { ifMissing: !!keep }), 20);
  const db = createDb(pool);
  await runMigrations(db);
  return {
    db,
    pool,
    async close() {
      await pool.end();
      if (!keep) await dropDatabase(adminUrl!, name);
      await stop?.();
      if (dir && !keep) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The fill named `key` of a kept database (BENCH_KEEP): made by `fill` the first time and remembered
 * (with what `fill` returned) in the table `bench_fills`; later runs skip it. Without BENCH_KEEP it
 * simply fills.
 */
export async function keptFill<T>(pool: pg.Pool, key: string, fill: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_KEEP) return fill();
  await pool.query(
    'create table if not exists bench_fills (key text primary key, result jsonb not null, at timestamptz not null default now())',
  );
  const found = await pool.query<{ result: T; at: Date }>(
    'select result, at from bench_fills where key = $1',
    [key],
  );
  if (found.rows[0]) {
    console.log(`kept fill ${key} of ${found.rows[0].at.toISOString()} reused`);
    return found.rows[0].result;
  }
  const result = await fill();
  await pool.query('insert into bench_fills (key, result) values ($1, $2)', [key, JSON.stringify(result)]);
  return result;
}

/**
 * A figure's target: `max` (at most) or `min` (at least), and optionally the baseline figure of the
 * same run it is compared with (`ratio` in the summary = value / baseline).
 */
export interface BenchTarget {
  max?: number;
  min?: number;
  baseline?: string;
}

export interface BenchResult {
  name: string;
  params: Record<string, unknown>;
  figures: Record<string, number>;
  units: Record<string, string>;
  targets?: Record<string, BenchTarget>;
  /**
   * The results file when several benches answer one issue's benchmark (issue 17's `care.json`): the
   * result is kept under its name in that file, next to the others'.
   */
  file?: string;
}

export async function writeResult(result: BenchResult) {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
  await fs.mkdir(dir, { recursive: true });
  const full = {
    ...result,
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      // The 1, 5 and 15 minute load averages when the result was written (the machine is shared).
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    date: new Date().toISOString(),
  };
  if (result.file) {
    const file = path.join(dir, `${result.file}.json`);
    const all = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as Record<string, unknown>;
    all[result.name] = full;
    await fs.writeFile(file, `${JSON.stringify(all, null, 2)}\n`);
  } else {
    await fs.writeFile(path.join(dir, `${result.name}.json`), `${JSON.stringify(full, null, 2)}\n`);
  }
  console.log(`\n${result.name}`);
  console.table(
    Object.fromEntries(
      Object.entries(result.figures).map(([k, v]) => [k, { value: v, unit: result.units[k] ?? '' }]),
    ),
  );
}

/** An agent of the bench's, with the password every bench logs in with. */
export async function createBenchAgent(db: Db, username: string) {
  await createUser(systemCtx({ db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench'), {
    kind: 'staff',
    username,
    displayName: 'Bench',
    roles: ['agent'],
    locale: 'zh-CN',
    password: 'quiet-harbour-lights-1',
  });
}

/**
 * The whole HTTP stack on the bench database, with a logged-in agent (cookie + CSRF token): a new one,
 * or `username`, an agent an earlier call made.
 */
export async function startBenchApp(db: Db, opts: { username?: string } = {}) {
  // An agent made by an earlier run (a kept database) logs in with the same password.
  const username = opts.username ?? `bench-agent-${randomBytes(3).toString('hex')}`;
  if (!opts.username) await createBenchAgent(db, username);
  const config = loadConfig({}, { LOG_LEVEL: 'silent', DATA_DIR: '/tmp/aftercare-bench-app' } as never);
  const app = await buildApp(
    {
      config,
      db,
      clock: systemClock,
      blobStore: new LocalBlobStore(config.blobDir),
      mailer: { send: async () => {} },
      jobs: NO_JOBS,
    },
    { logger: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'quiet-harbour-lights-1' }),
  });
  const me = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return { app, base, cookie, csrfToken: me.csrfToken };
}

/** Ticket creation over HTTP with `connections` concurrent clients: autocannon's result. */
export async function createTicketsOverHttp(
  target: { base: string; cookie: string; csrfToken: string },
  customerId: string,
  connections: number,
  durationSeconds: number,
) {
  const result = await autocannon({
    url: `${target.base}/api/v1/tickets`,
    method: 'POST',
    connections,
    duration: durationSeconds,
    headers: { cookie: target.cookie, 'x-csrf-token': target.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'fault_report',
      customerId,
      subject: '路灯不亮',
      description: '基准测试工单',
    }),
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} failed ticket creations`);
  return result;
}
