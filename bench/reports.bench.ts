// Reports that write themselves (issue 19) over BENCH_TICKETS tickets (default 10⁶) filled as the
// product writes them (bench/fill.ts, two years of history). After the rollups are brought up to date
// (as the job does first), timed — each the reports module's own function, figures and PDF:
// - the monthly analysis of the last whole month (the month and the one before, breaches, alerts,
//   maintenance), generated again on demand (replace), and its PDF and workbook;
// - the weekly service report of the last whole week;
// - the monthly report of the busiest project of that month.
// Target from the issue: a monthly report generated in under 30 s.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { lastWholePeriod, periodDays } from '../common/reports-api.ts';
import { refreshRollups } from '../server/modules/analytics/index.ts';
import { generateReport } from '../server/modules/reports/index.ts';
import { LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { BENCH_TICKETS } from './fill.ts';
import { fillAnalysisHistory } from './fill-measures.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, startBenchApp, writeResult } from './harness.ts';

const round = (x: number) => Math.round(x * 1000) / 1000;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}

export async function run() {
  const bench = await openBenchDatabase();
  const blobDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-bench-reports-'));
  try {
    const { app } = await startBenchApp(bench.db);
    await app.close();
    const now = new Date();
    // The same history as the dashboards' bench (so a kept database serves both).
    const { fill, fillSeconds } = await fillAnalysisHistory(bench.db, bench.pool, BENCH_TICKETS, now);
    const deps = { db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE };
    const [, rollupSeconds] = await timed(() => refreshRollups(deps, Number.POSITIVE_INFINITY));
    console.log(`rollups ${rollupSeconds.toFixed(1)} s`);

    const ctx = systemCtx(deps, 'bench');
    const blobs = new LocalBlobStore(blobDir);
    const today = now.toLocaleDateString('sv-SE', { timeZone: BENCH_TIME_ZONE });
    const month = lastWholePeriod('monthly', today);
    const week = lastWholePeriod('weekly', today);
    const opts = { trigger: 'manual' as const, replace: true, email: false, blobs, reads: bench.db };
    const [monthly, monthlySeconds] = await timed(() =>
      generateReport(ctx, { kind: 'monthly', period: month }, opts),
    );
    console.log(
      'monthly',
      month,
      monthly.run.figures.monthly?.current.tickets.total,
      `${monthlySeconds.toFixed(2)} s`,
    );
    const [, monthlyAgainSeconds] = await timed(() =>
      generateReport(ctx, { kind: 'monthly', period: month }, opts),
    );
    const [weekly, weeklySeconds] = await timed(() =>
      generateReport(ctx, { kind: 'weekly', period: week }, opts),
    );
    const { from, to } = periodDays('monthly', month);
    const busiest = (
      await bench.pool.query<{ project_id: string }>(
        `select project_id from tickets where project_id is not null
           and created_at >= ($1::date::timestamp at time zone $3) and created_at < (($2::date + 1)::timestamp at time zone $3)
         group by project_id order by count(*) desc limit 1`,
        [from, to, BENCH_TIME_ZONE],
      )
    ).rows[0]?.project_id;
    const projectSeconds = busiest
      ? (
          await timed(() =>
            generateReport(ctx, { kind: 'project_monthly', period: month, projectId: busiest }, opts),
          )
        )[1]
      : 0;
    await writeResult({
      name: 'reports',
      params: {
        kept: !!process.env.BENCH_KEEP,
        tickets: fill.tickets,
        slaTargets: fill.slaTargets,
        customers: fill.customers,
        month,
        week,
      },
      figures: {
        fillSeconds: Math.round(fillSeconds),
        rollupSeconds: round(rollupSeconds),
        monthlyReportSeconds: round(monthlySeconds),
        monthlyReportAgainSeconds: round(monthlyAgainSeconds),
        weeklyReportSeconds: round(weeklySeconds),
        projectReportSeconds: round(projectSeconds),
        monthTickets: monthly.run.figures.monthly?.current.tickets.total ?? 0,
        weekTickets: weekly.run.figures.weekly?.tickets.total ?? 0,
      },
      units: {
        fillSeconds: 's',
        rollupSeconds: 's',
        monthlyReportSeconds: 's',
        monthlyReportAgainSeconds: 's',
        weeklyReportSeconds: 's',
        projectReportSeconds: 's',
        monthTickets: 'tickets',
        weekTickets: 'tickets',
      },
      targets: { monthlyReportSeconds: { max: 30 } },
    });
  } finally {
    await bench.close();
    await fs.rm(blobDir, { recursive: true, force: true });
  }
}
