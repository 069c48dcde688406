// SLA engine at scale. (1) The sweeper with 10⁶ open timers: one sweep when nothing is due, and one
// when 1,000 targets are due (each firing its breach and escalation levels, with notifications) —
// the work follows what is due, not how many timers are open. (2) Ticket creation over HTTP with the
// default policies attached (a fault report gets 10 targets) against the same stack with every
// policy switched off, on the same database and machine. (3) The outbox: 3,000 notifications due at
// once (plus what the sweep enqueued), delivered by the continuous worker of one instance.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { deliverInApp } from '../server/modules/notifications/index.ts';
import { createCustomer } from '../server/modules/registry/index.ts';
import { slaConfig } from '../server/modules/sla/config.ts';
import { STANDARD_ESCALATIONS } from '../server/modules/sla/defaults.ts';
import { ensureSlaDefaults, sweepSla } from '../server/modules/sla/index.ts';
import { slaTicketPort } from '../server/modules/tickets/index.ts';
import { LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { createMailer } from '../server/platform/mailer.ts';
import { startOutboxWorker } from '../server/platform/platform-jobs.ts';
import {
  BENCH_TIME_ZONE,
  type BenchDatabase,
  createTicketsOverHttp,
  openBenchDatabase,
  startBenchApp,
  writeResult,
} from './harness.ts';

const TIMERS = Number(process.env.BENCH_TIMERS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 1000);
const CONNECTIONS = 8;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 3000);
const quiet = { info() {}, error() {} };

async function pendingOutbox(bench: BenchDatabase): Promise<number> {
  const r = await bench.pool.query<{ n: number }>(
    'select count(*)::int as n from outbox where delivered_at is null and failed_at is null',
  );
  return r.rows[0]?.n ?? 0;
}

export async function run() {
  const bench = await openBenchDatabase();
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    const customer = await createCustomer(ctx, { code: 'BENCH-S', name: 'SLA 基准客户' });
    await ensureSlaDefaults(bench.db, BENCH_TIME_ZONE);
    const { app, ...target } = await startBenchApp(bench.db);

    // (2) creation throughput, policies on and off.
    const withSla = await createTicketsOverHttp(target, customer.id, CONNECTIONS, DURATION_S);
    await bench.pool.query('update sla_policies set active = false');
    slaConfig.invalidate(bench.db);
    const withoutSla = await createTicketsOverHttp(target, customer.id, CONNECTIONS, DURATION_S);
    await bench.pool.query('update sla_policies set active = true');
    slaConfig.invalidate(bench.db);
    await app.close();

    // (1) 10⁶ open timers, all due in the future (a month out, spread over it).
    const definition = {
      metric: 'on_site',
      start: 'created',
      stop: ['arrived_on_site'],
      pauseStatuses: ['waiting_customer'],
      durationMinutes: 60,
      calendarId: null,
      warnMinutes: 15,
      escalations: STANDARD_ESCALATIONS,
    };
    let t0 = performance.now();
    await bench.pool.query(
      `insert into sla_targets (ticket_id, customer_id, metric, definition, state, started_at, due_at, warn_at, next_fire_at)
       select gen_random_uuid(), $1, 'on_site', $2::jsonb, 'running', now(), now() + make_interval(mins => 60 + g % 43200),
              now() + make_interval(mins => 45 + g % 43200), now() + make_interval(mins => 30 + g % 43200)
         from generate_series(1, $3::int) g`,
      [customer.id, JSON.stringify(definition), TIMERS],
    );
    const fillSeconds = (performance.now() - t0) / 1000;
    await bench.pool.query('analyze sla_targets');

    t0 = performance.now();
    const idle = await sweepSla(
      { db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE },
      slaTicketPort,
    );
    const idleMs = performance.now() - t0;
    if (idle.targets !== 0) throw new Error(`expected nothing due, swept ${idle.targets}`);

    // 1,000 real tickets whose targets started 2 h ago: the −30 min level, the breach and the 0 level are due.
    await bench.pool.query(
      `with t as (
         insert into tickets (number, kind, status, channel, customer_id, subject, description, team, created_at, updated_at)
         select 'QT-2019-' || lpad(g::text, 7, '0'), 'fault_report', 'new', 'phone', $1, '到期工单 ' || g, 'bench',
                'agent', now() - interval '2 hours', now()
           from generate_series(1, $2::int) g
         returning id)
       insert into sla_targets (ticket_id, customer_id, metric, definition, state, started_at, due_at, warn_at, next_fire_at)
       select t.id, $1, 'on_site', $3::jsonb, 'running', now() - interval '2 hours', now() - interval '1 hour',
              now() - interval '75 minutes', now() - interval '90 minutes'
         from t`,
      [customer.id, DUE, JSON.stringify(definition)],
    );
    t0 = performance.now();
    const busy = await sweepSla(
      { db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE },
      slaTicketPort,
    );
    const busyMs = performance.now() - t0;
    if (busy.targets !== DUE) throw new Error(`expected ${DUE} due, swept ${busy.targets}`);
    const plan = await bench.db.execute<{ 'QUERY PLAN': string }>(
      // The sweeper's claim: the tickets with something due (then their due targets by ticket).
      sql`explain select ticket_id, min(next_fire_at) as due from sla_targets
        where next_fire_at is not null and next_fire_at <= now() group by ticket_id order by due limit 800`,
    );
    const usesIndex = plan.rows.some((r) => r['QUERY PLAN'].includes('sla_targets_next_fire_idx'));
    if (!usesIndex) throw new Error('the sweep does not use the next_fire_at index');

    // (3) The outbox worker drains a burst of notifications.
    await bench.pool.query(
      `insert into outbox (channel, recipient, template, payload, dedupe_key, created_at, available_at)
       select 'in_app', gen_random_uuid()::text, 'bench', '{}'::jsonb, 'bench-outbox:' || g, now(), now()
         from generate_series(1, $1::int) g`,
      [NOTIFICATIONS],
    );
    const burst = await pendingOutbox(bench);
    t0 = performance.now();
    const worker = startOutboxWorker(
      {
        db: bench.db,
        clock: systemClock,
        timeZone: BENCH_TIME_ZONE,
        blobStore: new LocalBlobStore(os.tmpdir()),
        log: quiet,
      },
      createMailer(undefined, 'Bench <bench@aftercare.test>', quiet),
      deliverInApp,
    );
    while ((await pendingOutbox(bench)) > 0) await new Promise((r) => setTimeout(r, 50));
    const outboxSeconds = (performance.now() - t0) / 1000;
    await worker.stop();

    await writeResult({
      name: 'sla',
      params: {
        timers: TIMERS,
        due: DUE,
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        notifications: NOTIFICATIONS,
      },
      figures: {
        fill_seconds: Number(fillSeconds.toFixed(1)),
        sweep_none_due_ms: Number(idleMs.toFixed(1)),
        sweep_1000_due_ms: Math.round(busyMs),
        sweep_due_targets_per_second: Math.round(DUE / (busyMs / 1000)),
        levels_fired: busy.fired,
        http_tickets_per_second_with_sla: Math.round(withSla.requests.average),
        http_tickets_per_second_without_sla: Math.round(withoutSla.requests.average),
        ratio_without_over_with: Number((withoutSla.requests.average / withSla.requests.average).toFixed(2)),
        http_p97_5_ms_with_sla: withSla.latency.p97_5,
        outbox_notifications: burst,
        outbox_seconds: Number(outboxSeconds.toFixed(1)),
        outbox_per_second: Math.round(burst / outboxSeconds),
      },
      units: {
        fill_seconds: 's',
        sweep_none_due_ms: 'ms',
        sweep_1000_due_ms: 'ms',
        sweep_due_targets_per_second: 'targets/s',
        levels_fired: 'levels',
        http_tickets_per_second_with_sla: 'tickets/s',
        http_tickets_per_second_without_sla: 'tickets/s',
        ratio_without_over_with: 'x',
        http_p97_5_ms_with_sla: 'ms',
        outbox_notifications: 'messages',
        outbox_seconds: 's',
        outbox_per_second: 'messages/s',
      },
    });
  } finally {
    await bench.close();
  }
}
