// Service desk at scale: ticket creation over HTTP with 8 concurrent clients next to a raw
// single-row INSERT rate on the same database (the ratio is the cost of the whole stack: validation,
// auth, numbering, audit, archive, live notify), and the queue list at 10⁶ tickets (p50/p95 ms).
import { createCustomer } from '../server/modules/registry/index.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import {
  BENCH_TIME_ZONE,
  createTicketsOverHttp,
  openBenchDatabase,
  startBenchApp,
  writeResult,
} from './harness.ts';

const CONNECTIONS = 8;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const SAMPLES = 200;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function run() {
  const bench = await openBenchDatabase();
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    const customer = await createCustomer(ctx, { code: 'BENCH-T', name: '工单基准客户' });
    const { app, ...target } = await startBenchApp(bench.db);
    const cookie = target.cookie;
    const http = await createTicketsOverHttp(target, customer.id, CONNECTIONS, DURATION_S);

    // The same number of clients doing the cheapest possible write.
    await bench.pool.query(
      'create table bench_raw (id bigserial primary key, customer_id uuid, subject text, created_at timestamptz default now())',
    );
    let raw = 0;
    const end = Date.now() + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) {
          await bench.pool.query('insert into bench_raw (customer_id, subject) values ($1, $2)', [
            customer.id,
            '路灯不亮',
          ]);
          raw++;
        }
      }),
    );
    const rawRate = raw / DURATION_S;

    // Fill to 10⁶ tickets with set-based SQL, then time the queues through the HTTP stack.
    await bench.pool.query(
      `insert into tickets (number, kind, status, channel, customer_id, subject, description, team, created_at, updated_at)
       select 'QT-2020-' || lpad(g::text, 7, '0'), 'other', (array['new','assigned','in_progress','waiting_customer','resolved','closed'])[1 + g % 6],
              'phone', $1, '批量工单 ' || g, 'bench', (array['agent','support_engineer','manager'])[1 + g % 3],
              now() - make_interval(secs => g), now()
         from generate_series(1, $2::int) g`,
      [customer.id, TICKETS],
    );
    await bench.pool.query('analyze tickets');
    const figures: Record<string, number> = {
      http_tickets_per_second: Math.round(http.requests.average),
      http_p50_ms: http.latency.p50,
      http_p97_5_ms: http.latency.p97_5,
      raw_inserts_per_second: Math.round(rawRate),
      ratio_raw_over_http: Number((rawRate / http.requests.average).toFixed(1)),
      tickets_in_database: TICKETS + http.requests.total,
    };
    const units: Record<string, string> = {
      http_tickets_per_second: 'tickets/s',
      http_p50_ms: 'ms',
      http_p97_5_ms: 'ms',
      raw_inserts_per_second: 'rows/s',
      ratio_raw_over_http: 'x',
      tickets_in_database: 'tickets',
    };
    for (const queue of ['unassigned', 'team', 'waiting', 'all']) {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/tickets?queue=${queue}&limit=50`,
          headers: { cookie },
        });
        if (res.statusCode !== 200) throw new Error(`${queue}: ${res.statusCode}`);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      figures[`queue_${queue}_p50_ms`] = Number(pct(times, 50).toFixed(1));
      figures[`queue_${queue}_p95_ms`] = Number(pct(times, 95).toFixed(1));
      units[`queue_${queue}_p50_ms`] = 'ms';
      units[`queue_${queue}_p95_ms`] = 'ms';
    }
    await app.close();
    await writeResult({
      name: 'tickets',
      params: { connections: CONNECTIONS, durationSeconds: DURATION_S, tickets: TICKETS },
      figures,
      units,
    });
  } finally {
    await bench.close();
  }
}
