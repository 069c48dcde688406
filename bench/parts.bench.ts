// Stock movements under contention: 8 concurrent clients each alternating a receipt and an issue
// (two ledger lines, two locked stock-level updates), all on one hot part at one location, then
// each on its own part. The hot case serialises on the level row's lock by design (that is what
// keeps stock from going negative); the ratio shows what that costs.
// Then the early warning's part read models (parts/quality-read.ts, what the quality detector reads) on a
// ledger of BENCH_LEDGER_FITTED fitted units (default 10⁵; bench/fill-ledger.ts: two years, 3,000 batches,
// 20 % replaced again): the installed units, the replacements per batch and month over the detector's
// window (the year to date and 12 months before) and over the current month, and one supplier's evidence
// — each timed (best of 3) with PostgreSQL's executed plan of its query printed. `BENCH_PARTS=ledger` runs
// only this part.
import { permissionsOf } from '../common/roles.ts';
import { createLocation, createPart } from '../server/modules/parts/catalog.ts';
import { batchFailuresByMonth, batchFailuresOf, batchInstalledUnits } from '../server/modules/parts/index.ts';
import { issue, receive } from '../server/modules/parts/stock.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { fillLedger } from './fill-ledger.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, writeResult } from './harness.ts';

const CLIENTS = 8;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const LEDGER_FITTED = Number(process.env.BENCH_LEDGER_FITTED ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Bench = Awaited<ReturnType<typeof openBenchDatabase>>;

/**
 * Best of BENCH_RUNS (default 3) runs of a read model, and PostgreSQL's plan of the (last) statement it sent, executed
 * (captured from the pool, so the plan is of the module's own SQL).
 */
async function timedWithPlan(bench: Bench, fn: () => Promise<unknown>) {
  const pool = bench.pool as unknown as { query: (...a: unknown[]) => Promise<unknown> };
  const query = pool.query;
  let last: { text: string; values: unknown[] } | null = null;
  pool.query = function (this: unknown, config: unknown, values?: unknown[]) {
    if (config && typeof config === 'object' && 'text' in config)
      last = { text: (config as { text: string }).text, values: values ?? [] };
    return query.call(this, config, values);
  } as typeof query;
  let best = Number.POSITIVE_INFINITY;
  try {
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await fn();
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
  } finally {
    pool.query = query;
  }
  const captured = last as { text: string; values: unknown[] } | null;
  const plan = captured
    ? (
        await bench.pool.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, costs off, timing off) ${captured.text}`,
          captured.values,
        )
      ).rows.map((r) => r['QUERY PLAN'])
    : [];
  return { seconds: Math.round(best * 1000) / 1000, plan };
}

async function measureLedgerReadModels(bench: Bench) {
  const now = new Date();
  const t0 = performance.now();
  const fill = await fillLedger(bench.pool, LEDGER_FITTED, now);
  const fillSeconds = Math.round((performance.now() - t0) / 1000);
  console.log(
    `ledger: ${fill.movements} movements, ${fill.fitted} fitted units (${fill.replaced} replacements), ${fill.batches} batches in ${fillSeconds} s`,
  );
  const today = now.toLocaleDateString('sv-SE', { timeZone: BENCH_TIME_ZONE });
  const [y, m] = today.split('-').map(Number) as [number, number];
  // The detector's window: 12 months before the year's start; the current month.
  const windowFrom = `${y - 1}-01-01`;
  const monthFrom = `${today.slice(0, 7)}-01`;
  const quarterFrom = `${y}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
  const installed = await batchInstalledUnits(bench.db);
  const supplier = installed.filter((u) => u.partNumber === 'LDG-001' && u.supplier === 'Supplier 1');
  const runs = {
    installedUnits: await timedWithPlan(bench, () => batchInstalledUnits(bench.db)),
    failuresByMonthWindow: await timedWithPlan(bench, () =>
      batchFailuresByMonth(bench.db, windowFrom, BENCH_TIME_ZONE),
    ),
    failuresByMonthCurrentMonth: await timedWithPlan(bench, () =>
      batchFailuresByMonth(bench.db, monthFrom, BENCH_TIME_ZONE),
    ),
    supplierEvidenceQuarter: await timedWithPlan(bench, () =>
      batchFailuresOf(
        bench.db,
        supplier.map((u) => u.batchId),
        quarterFrom,
        BENCH_TIME_ZONE,
        50,
      ),
    ),
  };
  const counted = (await batchFailuresByMonth(bench.db, windowFrom, BENCH_TIME_ZONE)).reduce(
    (n, c) => n + c.count,
    0,
  );
  for (const [name, r] of Object.entries(runs)) {
    console.log(`--- ${name}: ${r.seconds} s`);
    console.log(r.plan.join('\n'));
  }
  return { fill, fillSeconds, runs, counted, windowFrom };
}

export async function run() {
  if (process.env.BENCH_PARTS === 'ledger') return runLedger();
  await runContention();
  await runLedger();
}

async function runLedger() {
  const bench = await openBenchDatabase();
  try {
    const r = await measureLedgerReadModels(bench);
    await writeResult({
      name: 'parts-ledger',
      params: { ...r.fill, detectorWindowFrom: r.windowFrom, timeZone: BENCH_TIME_ZONE },
      figures: {
        fillSeconds: r.fillSeconds,
        ...Object.fromEntries(Object.entries(r.runs).map(([k, v]) => [`${k}Seconds`, v.seconds])),
        replacementsCountedInWindow: r.counted,
      },
      units: {
        fillSeconds: 's',
        installedUnitsSeconds: 's (best of 3): units per batch, all fittings',
        failuresByMonthWindowSeconds: 's (best of 3): replacements per batch and month, the detector window',
        failuresByMonthCurrentMonthSeconds: 's (best of 3): replacements per batch and month, this month',
        supplierEvidenceQuarterSeconds: "s (best of 3): one supplier's replacements this quarter, first 50",
        replacementsCountedInWindow: 'replacements',
      },
      targets: { failuresByMonthWindowSeconds: { max: 1 } },
    });
  } finally {
    await bench.close();
  }
}

async function runContention() {
  const bench = await openBenchDatabase();
  try {
    const ctx = systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench');
    ctx.principal = { ...ctx.principal, permissions: permissionsOf(['storekeeper']) };
    const loc = await createLocation(ctx, { code: 'WH-B', name: 'Bench warehouse', kind: 'central' });
    const parts: { id: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      parts.push(await createPart(ctx, { partNumber: `BENCH-${i}`, name: `Bench part ${i}`, unit: '个' }));
    }
    for (const p of parts)
      await receive(ctx, { partId: p.id, locationId: loc.id, quantity: 1000, batchCode: 'B0' });

    const measure = async (partOf: (client: number) => string) => {
      let movements = 0;
      const end = Date.now() + DURATION_S * 1000;
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          const partId = partOf(c);
          while (Date.now() < end) {
            await receive(ctx, { partId, locationId: loc.id, quantity: 1, batchCode: 'B0' });
            await issue(ctx, { partId, locationId: loc.id, quantity: 1, workOrderRef: 'WO-BENCH' });
            movements += 2;
          }
        }),
      );
      return movements / DURATION_S;
    };
    const hot = await measure(() => parts[0]!.id);
    const spread = await measure((c) => parts[c]!.id);
    const raw = await (async () => {
      let n = 0;
      const end = Date.now() + DURATION_S * 1000;
      await bench.pool.query('create table bench_raw (id bigserial primary key, q int)');
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (Date.now() < end) {
            await bench.pool.query('insert into bench_raw (q) values (1)');
            n++;
          }
        }),
      );
      return n / DURATION_S;
    })();
    await writeResult({
      name: 'parts',
      params: { clients: CLIENTS, durationSeconds: DURATION_S },
      figures: {
        movements_per_second_one_hot_part: Math.round(hot),
        movements_per_second_many_parts: Math.round(spread),
        ratio_many_over_hot: Number((spread / hot).toFixed(2)),
        raw_inserts_per_second: Math.round(raw),
      },
      units: {
        movements_per_second_one_hot_part: 'movements/s',
        movements_per_second_many_parts: 'movements/s',
        ratio_many_over_hot: 'x',
        raw_inserts_per_second: 'rows/s',
      },
    });
  } finally {
    await bench.close();
  }
}
