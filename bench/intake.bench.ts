// Ticket intake: creation over HTTP with the default SLA policies (a fault report gets its targets,
// audit, archive, webhook outbox and live notify in one transaction) at 1 and 8 clients, next to the
// raw single-row INSERT rate of the same run on the same database (the ratio is the cost of the whole
// stack), with p50/p95/p99 and the statements each ticket costs (every query a pool client sends,
// BEGIN/COMMIT and the session check included).
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort } from '../server/db/admin.ts';
import { createCustomer } from '../server/modules/registry/index.ts';
import { ensureSlaDefaults } from '../server/modules/sla/index.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import {
  BENCH_TIME_ZONE,
  createBenchAgent,
  openBenchDatabase,
  startBenchApp,
  writeResult,
} from './harness.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
// BENCH_WORKERS=1,2 also measures `aftercare serve --workers N` as separate processes (opt-in: it
// starts the CLI once per figure).
const WORKERS = (process.env.BENCH_WORKERS ?? '').split(',').filter(Boolean).map(Number);
const BIN = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'bin', 'aftercare.js');
const COUNTED = 200;

type Target = { base: string; cookie: string; csrfToken: string };

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

const body = (customerId: string) =>
  JSON.stringify({ kind: 'fault_report', customerId, subject: '路灯不亮', description: '基准测试工单' });

/** utime, stime (and for the postmaster cutime, cstime: its exited children) of a process, in ms. */
async function cpuOfProcess(pid: number, withChildren: boolean) {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return { ppid: -1, ms: 0 };
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
  const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  return { ppid: Number(f[1]), ms: (ticks * 1000) / 100 }; // USER_HZ is 100 on Linux
}

/**
 * The CPU time PostgreSQL has used so far (the postmaster and every backend of the bench's server), in
 * ms; 0 when the server is not on this machine. It measures the database's work per ticket whatever
 * the machine's load, as node's CPU does for the app.
 */
async function postgresCpuMs(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
  const postmaster = (await cpuOfProcess(rows[0]!.pid, false)).ppid;
  if (postmaster <= 0) return 0;
  let total = (await cpuOfProcess(postmaster, true)).ms;
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = await cpuOfProcess(Number(entry), false);
    if (p.ppid === postmaster) total += p.ms;
  }
  return total;
}

/** Creations per second and latency percentiles (from every response, not autocannon's buckets). */
async function intake(
  target: Target,
  customerId: string,
  connections: number,
  seconds: number,
  pool?: pg.Pool,
) {
  const times: number[] = [];
  const pgCpu = pool ? await postgresCpuMs(pool) : 0;
  const cpu = process.cpuUsage();
  const tracker = autocannon({
    url: `${target.base}/api/v1/tickets`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { cookie: target.cookie, 'x-csrf-token': target.csrfToken, 'content-type': 'application/json' },
    body: body(customerId),
  });
  // The returned promise is also the run's event emitter.
  (tracker as unknown as NodeJS.EventEmitter).on('response', (_c, _s, _b, ms: number) => times.push(ms));
  const result = await tracker;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} failed ticket creations, ${result.errors} errors`);
  const used = process.cpuUsage(cpu);
  const pgUsed = pool ? (await postgresCpuMs(pool)) - pgCpu : 0;
  times.sort((a, b) => a - b);
  const round = (v: number) => Number(v.toFixed(1));
  return {
    perSecond: Math.round(result.requests.total / seconds),
    // Node's CPU (server and load generator in this process) per ticket: what a busy machine does
    // not distort, unlike the rates.
    cpuMs: Number(((used.user + used.system) / 1000 / Math.max(1, result.requests.total)).toFixed(2)),
    pgCpuMs: Number((pgUsed / Math.max(1, result.requests.total)).toFixed(2)),
    p50: round(pct(times, 50)),
    p95: round(pct(times, 95)),
    p99: round(pct(times, 99)),
  };
}

/**
 * Statements per ticket: every query a pool client sends while `COUNTED` tickets are created; and of
 * them, those sent while the number series' counter row is locked (from the statement that takes the
 * number to the commit, both counted) — what serialises concurrent creations, whatever the machine's load.
 */
async function statementsPerTicket(target: Target, customerId: string) {
  const original = pg.Client.prototype.query;
  let count = 0;
  let locked = 0;
  const holding = new WeakSet<pg.Client>();
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    const first = args[0] as string | { text?: string } | undefined;
    const text = (typeof first === 'string' ? first : (first?.text ?? '')).trim().toLowerCase();
    if (text.includes('ticket_counters')) holding.add(this);
    if (holding.has(this)) {
      locked++;
      if (text === 'commit' || text === 'rollback') holding.delete(this);
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    for (let i = 0; i < COUNTED; i++) {
      const res = await fetch(`${target.base}/api/v1/tickets`, {
        method: 'POST',
        headers: {
          cookie: target.cookie,
          'x-csrf-token': target.csrfToken,
          'content-type': 'application/json',
        },
        body: body(customerId),
      });
      if (res.status !== 201) throw new Error(`ticket creation: ${res.status}`);
    }
  } finally {
    pg.Client.prototype.query = original;
  }
  return { all: Number((count / COUNTED).toFixed(1)), locked: Number((locked / COUNTED).toFixed(1)) };
}

/** `aftercare serve --workers N` on the bench database (no jobs), logged in as a new agent. */
async function serveWorkers(databaseUrl: string, ctx: ReturnType<typeof systemCtx>, workers: number) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--workers', String(workers), '--no-demo', '--port', String(port), '--host', '127.0.0.1'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        JOBS: 'false',
        DATA_DIR: os.tmpdir(),
      },
    },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Press Ctrl-C to stop')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`serve --workers ${workers} stopped:\n${out}`)));
  });
  const username = `bench-w${workers}-${Date.now()}`;
  await createBenchAgent(ctx.db, username);
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'quiet-harbour-lights-1' }),
  });
  const me = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return {
    target: { base, cookie, csrfToken: me.csrfToken },
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

export async function run() {
  const bench = await openBenchDatabase();
  try {
    await ensureSlaDefaults(bench.db, BENCH_TIME_ZONE);
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    const customer = await createCustomer(ctx, { code: 'BENCH-I', name: '受理基准客户', region: '华东' });
    const { app, ...target } = await startBenchApp(bench.db);
    // Load average of the machine at the start: the rates only mean something on a quiet machine.
    const load = os.loadavg()[0]!;
    const statements = await statementsPerTicket(target, customer.id);
    await intake(target, customer.id, 8, Math.min(2, DURATION_S)); // warm-up
    const one = await intake(target, customer.id, 1, DURATION_S);
    const eight = await intake(target, customer.id, 8, DURATION_S, bench.pool);
    await app.close();

    // The same number of clients doing the cheapest possible write.
    await bench.pool.query(
      'create table bench_raw (id bigserial primary key, customer_id uuid, subject text, created_at timestamptz default now())',
    );
    let raw = 0;
    const end = Date.now() + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < end) {
          await bench.pool.query('insert into bench_raw (customer_id, subject) values ($1, $2)', [
            customer.id,
            '路灯不亮',
          ]);
          raw++;
        }
      }),
    );
    const rawRate = Math.round(raw / DURATION_S);

    const workerFigures: Record<string, number> = {};
    const workerUnits: Record<string, string> = {};
    const databaseUrl = (bench.pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    for (const n of WORKERS) {
      const served = await serveWorkers(databaseUrl, ctx, n);
      try {
        await intake(served.target, customer.id, 8, Math.min(2, DURATION_S)); // warm-up
        const r = await intake(served.target, customer.id, 8, DURATION_S);
        workerFigures[`workers_${n}_http_8_tickets_per_second`] = r.perSecond;
        workerFigures[`workers_${n}_http_8_p95_ms`] = r.p95;
        workerUnits[`workers_${n}_http_8_tickets_per_second`] = 'tickets/s';
        workerUnits[`workers_${n}_http_8_p95_ms`] = 'ms';
      } finally {
        await served.stop();
      }
    }

    // The guarantees held under load: numbers consecutive, each ticket with its SLA targets.
    const check = await bench.pool.query<{
      n: number;
      distinct_numbers: number;
      max_seq: number;
      without_sla: number;
    }>(
      `select count(*)::int as n, count(distinct number)::int as distinct_numbers,
              max(split_part(number, '-', 3)::int) as max_seq,
              count(*) filter (where not exists (select 1 from sla_targets s where s.ticket_id = t.id))::int as without_sla
         from tickets t`,
    );
    const c = check.rows[0]!;
    if (c.n !== c.distinct_numbers || c.n !== c.max_seq || c.without_sla > 0)
      throw new Error(`intake broke a guarantee: ${JSON.stringify(c)}`);

    await writeResult({
      name: 'intake',
      params: { durationSeconds: DURATION_S, slaPolicies: 'defaults', kind: 'fault_report' },
      figures: {
        http_1_tickets_per_second: one.perSecond,
        http_1_p50_ms: one.p50,
        http_1_p95_ms: one.p95,
        http_1_p99_ms: one.p99,
        http_8_tickets_per_second: eight.perSecond,
        http_8_p50_ms: eight.p50,
        http_8_p95_ms: eight.p95,
        http_8_p99_ms: eight.p99,
        node_cpu_ms_per_ticket: eight.cpuMs,
        postgres_cpu_ms_per_ticket: eight.pgCpuMs,
        raw_inserts_per_second: rawRate,
        statements_per_ticket: statements.all,
        statements_holding_number_lock: statements.locked,
        tickets_created: c.n,
        load_average_at_start: Number(load.toFixed(1)),
        ...workerFigures,
      },
      units: {
        http_1_tickets_per_second: 'tickets/s',
        http_1_p50_ms: 'ms',
        http_1_p95_ms: 'ms',
        http_1_p99_ms: 'ms',
        http_8_tickets_per_second: 'tickets/s',
        http_8_p50_ms: 'ms',
        http_8_p95_ms: 'ms',
        http_8_p99_ms: 'ms',
        node_cpu_ms_per_ticket: 'ms',
        postgres_cpu_ms_per_ticket: 'ms',
        raw_inserts_per_second: 'rows/s',
        statements_per_ticket: 'statements',
        statements_holding_number_lock: 'statements',
        tickets_created: 'tickets',
        load_average_at_start: '',
        ...workerUnits,
      },
      targets: {
        http_8_tickets_per_second: { min: 575, baseline: 'raw_inserts_per_second' },
        http_8_p95_ms: { max: 50 },
      },
    });
  } finally {
    await bench.close();
  }
}
