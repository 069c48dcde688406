// MTBF from the rollup (docs/analytics.md "Rollups"): failures per day × asset (source `failures`) and
// every asset's dimensions and installed-time start (source `assets`), kept by the rollup job. A
// request sums the stored days before the failures watermark's day, counts the days since per request,
// and sums them with the installed hours of the stored assets in one pass, each breakdown cut in SQL
// to the groups listed: its work follows the stored assets and failures, not the history of work
// orders. `mtbfFigures` (measures.ts) stays the definition; the integration test checks both agree.
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import { MTBF_GROUP_LIMIT } from '../../../common/measures-api.ts';
import type { Db, Executor } from '../../db/pool.ts';
import { failuresBetween, failuresByDay, repairsOfAssets, workOrdersChanged } from '../field/index.ts';
import { assetsChangedBetween } from '../registry/index.ts';
import { firstResolvedDaysOf } from '../tickets/index.ts';
import { periodInstants } from './dashboard.ts';
import { type MeasureFilter, MTBF_ASSETS_LISTED, mtbfFigures, mtbfTables } from './measures.ts';
import * as mrepo from './mtbf-repository.ts';
import * as repo from './repository.ts';

export const FAILURES_SOURCE = 'failures';
export const ASSETS_SOURCE = 'assets';

type Days = { from: string; to: string; days: string[] };

/** The failure rows of local days from…to (field's failures, per day opened, asset, customer, project). */
export async function failureDayRows(
  db: Executor,
  days: Days,
  timeZone: string,
): Promise<mrepo.FailureRow[]> {
  const span = periodInstants(days.from, days.to, timeZone);
  const rows = await failuresByDay(db, { ...span, timeZone });
  return rows.map((x) => ({
    day: x.day,
    assetId: x.assetId,
    customerId: x.customerId,
    projectId: x.projectId,
    n: x.failures,
  }));
}

/** The local days whose failure rows change with the work orders written in (since, until]. */
export async function failureDaysChanged(db: Executor, since: Date, until: Date, timeZone: string) {
  return (await workOrdersChanged(db, { since, until, timeZone })).openedDays.sort();
}

/**
 * Stores the assets written in (since, until] and answers the local days of the measure rows that
 * named those that moved to another product (their repairs' completion days, the first-resolution days
 * of their repairs' tickets), to be recomputed: those rows carry the asset's product.
 */
export async function storeChangedAssets(db: Db, since: Date, until: Date, timeZone: string) {
  const changed = await assetsChangedBetween(db, { since, until });
  const before = await mrepo.storedProducts(
    db,
    changed.map((a) => a.assetId),
  );
  const moved = changed.filter((a) => before.has(a.assetId) && before.get(a.assetId) !== a.productId);
  const repairs = await repairsOfAssets(db, { assetIds: moved.map((a) => a.assetId), timeZone });
  const firstResolved = repairs.ticketIds.length
    ? await firstResolvedDaysOf(db, { since: until, until, ticketIds: repairs.ticketIds, timeZone })
    : [];
  if (changed.length) await db.transaction((tx) => mrepo.upsertAssets(tx, changed));
  return { assets: changed.length, days: [...new Set([...repairs.completedDays, ...firstResolved])].sort() };
}

/**
 * MTBF of a period under a filter, from the rollup: stored days before the failures watermark's local
 * day, the rest per request; the installed base as stored. Each breakdown cut to `limit` groups in SQL
 * (null: all, the Excel export). Per request (`mtbfFigures`) while either source has never run.
 */
export async function mtbfFromRollup(
  db: Executor,
  f: MeasureFilter,
  timeZone: string,
  limit: number | null = MTBF_GROUP_LIMIT,
) {
  const [mark, assetsMark] = await Promise.all([
    repo.watermarkOf(db, FAILURES_SOURCE),
    repo.watermarkOf(db, ASSETS_SOURCE),
  ]);
  if (!mark || !assetsMark) return mtbfFigures(db, f, timeZone, limit);
  const cut = toLocalDate(mark, timeZone);
  const { from: fromAt, to: toAt } = periodInstants(f.from, f.to, timeZone);
  // ISO days compare as strings.
  const storedTo = [addDays(cut, -1), f.to].sort()[0]!;
  const liveFrom = [cut, f.from].sort()[1]!;
  const live = new Map<string, number>();
  if (liveFrom <= f.to) {
    const span = periodInstants(liveFrom, f.to, timeZone);
    const rows = await failuresBetween(db, { ...span, customerId: f.customerId, projectId: f.projectId });
    for (const x of rows) live.set(x.assetId, (live.get(x.assetId) ?? 0) + 1);
  }
  const sums = await mrepo.mtbfSums(db, {
    fromDay: f.from,
    fromAt,
    toAt,
    timeZone,
    stored: f.from <= storedTo ? { from: f.from, to: storedTo } : null,
    live: [...live].map(([assetId, failures]) => ({ assetId, failures })),
    customerId: f.customerId,
    projectId: f.projectId,
    productId: f.productId,
    groupLimit: limit,
    assetLimit: MTBF_ASSETS_LISTED,
  });
  return mtbfTables(
    db,
    sums.groups,
    sums.assets.map((a) => ({ key: a.assetId, label: a.serial, failures: a.failures, hours: a.hours })),
    limit,
    sums.counts,
  );
}
