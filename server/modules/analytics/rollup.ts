// Keeping the daily rollups up to date, incrementally: each run asks sla which local days had targets
// written since the watermark and recomputes those days only (whole days, replaced in one transaction
// per chunk), so the work is proportional to what changed, not to the history. The first run reads
// everything. The last 10 minutes before the watermark are read again so a transaction that committed
// late is not missed (recomputing a day twice gives the same rows).
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { addDays } from '../../../common/calendar-dates.ts';
import type { Db } from '../../db/pool.ts';
import type { Clock } from '../../platform/clock.ts';
import { assetProductSql } from '../registry/index.ts';
import { restoreDailyFigures, slaDailyFigures, slaDaysChangedSince } from '../sla/index.ts';
import { ticketDimensionsSql, ticketsChangedSql } from '../tickets/index.ts';
import { MEASURES_SOURCE, measureDayRows, measureDaysChanged } from './measures-rollup.ts';
import * as mrepo from './mtbf-repository.ts';
import {
  ASSETS_SOURCE,
  FAILURES_SOURCE,
  failureDayRows,
  failureDaysChanged,
  storeChangedAssets,
} from './mtbf-rollup.ts';
import * as repo from './repository.ts';
import { measureSettingsOf } from './settings.ts';

export const SLA_SOURCE = 'sla_targets';
const OVERLAP_MS = 10 * 60_000;
/** Days recomputed per transaction. */
const DAYS_PER_CHUNK = 14;
/** Writes read per slice (each slice saves its watermark). */
const SLICE_MS = 30 * 86_400_000;
/** A run stops after this long (pg-boss expires a job after 15 minutes); the next run goes on. */
const RUN_BUDGET_MS = 5 * 60_000;
const MIN_SOURCE_MS = 60_000;

/** The ticket dimensions with the product of the ticket's first equipment, composed from the owners' fragments. */
export function ticketDimensions(): SQL {
  return sql`select tf.ticket_id, tf.number, tf.subject, tf.customer_id, tf.project_id, tf.team,
    tf.engineer_id, tf.created_at, ap.product_id
    from (${ticketDimensionsSql()}) tf left join (${assetProductSql()}) ap on ap.asset_id = tf.asset_id`;
}

export interface RollupDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
}

type Recompute = (deps: RollupDeps, since: Date, until: Date) => Promise<{ days: number; rows: number }>;

type Counts = { days: number; rows: number };

/**
 * Brings the rollups up to date: the SLA rollups, the assets MTBF reads (which also recomputes the
 * measure days of an asset moved to another product), the measures beyond SLA, MTBF's failures — each
 * its own watermark, so a source added later fills itself from nothing. The span since a watermark is
 * read in slices of 30 days of writes, each slice's days recomputed and its watermark saved, so a long
 * catch-up (the first run over years of history) keeps its progress when it stops; a run stops after
 * `budgetMs` (all sources together) and the next one goes on.
 */
export async function refreshRollups(
  deps: RollupDeps,
  budgetMs = RUN_BUDGET_MS,
): Promise<
  Counts & { watermark: string; measures: Counts; assets: Counts & { assets: number }; failures: Counts }
> {
  const deadline = performance.now() + budgetMs;
  // A source reached with the budget spent still gets a minute: each catches up a little every run.
  const left = () => Math.max(Math.min(budgetMs, MIN_SOURCE_MS), deadline - performance.now());
  const sla = await catchUp(deps, SLA_SOURCE, recomputeChanged, left());
  let assets = 0;
  const movedDays = await catchUp(
    deps,
    ASSETS_SOURCE,
    async (d, since, until) => {
      const stored = await storeChangedAssets(d.db, since, until, d.timeZone);
      assets += stored.assets;
      return recomputeMeasureDays(d, stored.days);
    },
    left(),
  );
  const measures = await catchUp(deps, MEASURES_SOURCE, recomputeMeasures, left());
  const failures = await catchUp(deps, FAILURES_SOURCE, recomputeFailures, left());
  const counts = (c: Counts) => ({ days: c.days, rows: c.rows });
  return {
    ...sla,
    measures: counts(measures),
    assets: { ...counts(movedDays), assets },
    failures: counts(failures),
  };
}

async function catchUp(deps: RollupDeps, source: string, recompute: Recompute, budgetMs: number) {
  const { db, clock } = deps;
  const end = clock.now();
  const state = await db.transaction((tx) => repo.lockWatermark(tx, source));
  let since = state ? new Date(state.watermark.getTime() - OVERLAP_MS) : new Date(0);
  const started = performance.now();
  let days = 0;
  let rows = 0;
  let mark = since;
  while (since < end) {
    const until = new Date(Math.min(end.getTime(), since.getTime() + SLICE_MS));
    const slice = await recompute(deps, since, until);
    days += slice.days;
    rows += slice.rows;
    mark = until;
    await saveWatermark(deps, source, until);
    since = until;
    if (performance.now() - started > budgetMs && since < end) break;
  }
  return { days, rows, watermark: mark.toISOString() };
}

/** Consecutive days in runs of at most `max` (a run is computed over its span in one pass). */
function runsOf(days: readonly string[], max: number): { from: string; to: string; days: string[] }[] {
  const out: { from: string; to: string; days: string[] }[] = [];
  for (const d of [...days].sort()) {
    const last = out.at(-1);
    if (last && last.days.length < max && addDays(last.to, 1) === d) {
      last.to = d;
      last.days.push(d);
    } else out.push({ from: d, to: d, days: [d] });
  }
  return out;
}

async function recomputeMeasures(deps: RollupDeps, since: Date, until: Date) {
  return recomputeMeasureDays(deps, await measureDaysChanged(deps.db, since, until, deps.timeZone));
}

/** Recomputes whole days of the measures beyond SLA, in runs of consecutive days, one transaction each. */
async function recomputeMeasureDays({ db, timeZone }: RollupDeps, days: string[]) {
  if (!days.length) return { days: 0, rows: 0 };
  const settings = await measureSettingsOf(db);
  let rows = 0;
  for (const run of runsOf(days, DAYS_PER_CHUNK)) {
    rows += await db.transaction(async (tx) => {
      const computed = await measureDayRows(tx, run, settings, timeZone);
      await repo.replaceMeasureDays(tx, run.days, computed);
      return computed.length;
    });
  }
  return { days: days.length, rows };
}

async function recomputeFailures({ db, timeZone }: RollupDeps, since: Date, until: Date) {
  const days = await failureDaysChanged(db, since, until, timeZone);
  let rows = 0;
  for (const run of runsOf(days, DAYS_PER_CHUNK)) {
    rows += await db.transaction(async (tx) => {
      const computed = await failureDayRows(tx, run, timeZone);
      await mrepo.replaceFailureDays(tx, run.days, computed);
      return computed.length;
    });
  }
  return { days: days.length, rows };
}

async function recomputeChanged({ db, timeZone }: RollupDeps, since: Date, until: Date) {
  const days = await slaDaysChangedSince(db, since, until, timeZone, ticketsChangedSql(since, until));
  const dims = ticketDimensions();
  let rows = 0;
  for (let i = 0; i < days.length; i += DAYS_PER_CHUNK) {
    const chunk = days.slice(i, i + DAYS_PER_CHUNK);
    rows += await db.transaction(async (tx) => {
      const sla = await slaDailyFigures(tx, chunk, timeZone, dims);
      const restore = await restoreDailyFigures(tx, chunk, timeZone, dims);
      await repo.replaceDays(tx, 'sla', chunk, sla.map(repo.slaRollupRow));
      await repo.replaceDays(tx, 'restore', chunk, restore.map(repo.restoreRollupRow));
      return sla.length + restore.length;
    });
  }
  return { days: days.length, rows };
}

async function saveWatermark({ db, clock }: RollupDeps, source: string, until: Date) {
  await db.transaction(async (tx) => {
    // Two runs at once: the later watermark wins, and both recomputed whole days.
    const current = await repo.lockWatermark(tx, source);
    const mark = current && current.watermark > until ? current.watermark : until;
    await repo.setWatermark(tx, source, mark, clock.now());
  });
}
