// The measures beyond SLA per local day (analytics_measures_daily, docs/analytics.md "Rollups"): the
// rows are computed by measures.ts's own functions (one definition each) over whole days and summed per
// day and dimensions; the job recomputes the days whose records were written since its last run (the
// owners say which: tickets first resolved, work orders completed, follow-ups due, answers given). The
// dashboard sums the stored days before the watermark's day and computes the days since per request.
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type { TRole } from '../../../common/roles.ts';
import type { Executor } from '../../db/pool.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { type EngineerWork, engineerWorkByDay, workOrdersChanged } from '../field/index.ts';
import { followUpDueDaysChanged } from '../followups/index.ts';
import { assetDimensions } from '../registry/index.ts';
import { type StaffSatisfaction, satisfactionByDay } from '../surveys/index.ts';
import { firstResolvedDaysOf } from '../tickets/index.ts';
import { periodInstants } from './dashboard.ts';
import {
  firstTimeFix,
  followUpsOnTime,
  type MeasureFilter,
  type MeasureSettings,
  repeatRepair,
} from './measures.ts';
import * as repo from './repository.ts';

export const MEASURES_SOURCE = 'measures';

type Row = repo.MeasureDayRow;
type Days = { from: string; to: string };

/** The rows of local days from…to, every dimension kept (no filter), summed per day and dimensions. */
export async function measureDayRows(
  db: Executor,
  days: Days,
  settings: MeasureSettings,
  timeZone: string,
): Promise<Row[]> {
  const span = periodInstants(days.from, days.to, timeZone);
  const q = { ...span, timeZone };
  // One after another: in the job this runs on a transaction's one connection.
  const ftf = await firstTimeFix(db, days, settings, timeZone);
  const rr = await repeatRepair(db, days, timeZone);
  const fu = await followUpsOnTime(db, days, timeZone);
  const work = await engineerWorkByDay(db, q);
  const sat = await satisfactionByDay(db, q);
  const assetIds = [...ftf.records.map((r) => r.assetId), ...rr.records.map((r) => r.assetId)];
  const dims = await assetDimensions(db, [...new Set(assetIds.filter((a): a is string => !!a))]);
  const productOf = (assetId: string | null) => (assetId ? (dims.get(assetId)?.productId ?? null) : null);
  const out = new Map<string, Row>();
  const add = (key: Omit<Row, 'n'>, counts: Partial<Row> & { n: number }) => {
    const k = [key.day, key.measure, key.customerId, key.projectId, key.productId, key.engineerId].join('|');
    const cur = out.get(k) ?? { ...key, n: 0, hits: 0, late: 0, minutes: 0, km: 0, travelSeconds: 0 };
    cur.n += counts.n;
    cur.hits = (cur.hits ?? 0) + (counts.hits ?? 0);
    cur.late = (cur.late ?? 0) + (counts.late ?? 0);
    cur.minutes = (cur.minutes ?? 0) + (counts.minutes ?? 0);
    cur.km = (cur.km ?? 0) + (counts.km ?? 0);
    cur.travelSeconds = (cur.travelSeconds ?? 0) + (counts.travelSeconds ?? 0);
    out.set(k, cur);
  };
  const dims0 = (day: string, measure: Row['measure'], c: string, p: string | null) => ({
    day,
    measure,
    customerId: c,
    projectId: p,
    productId: null as string | null,
    engineerId: null as string | null,
    param: 0,
  });
  for (const r of ftf.records)
    add(
      {
        ...dims0(toLocalDate(r.firstResolvedAt, timeZone), 'first_time_fix', r.customerId, r.projectId),
        productId: productOf(r.assetId),
        engineerId: r.engineerId,
        param: settings.firstFixReopenDays,
      },
      { n: 1, hits: r.fixed ? 1 : 0 },
    );
  for (const r of rr.records)
    add(
      {
        ...dims0(toLocalDate(r.completedAt, timeZone), 'repeat_repair', r.customerId, r.projectId),
        productId: productOf(r.assetId),
        engineerId: r.engineerId,
      },
      { n: 1, hits: r.ordinal >= 2 ? 1 : 0 },
    );
  for (const r of fu.records)
    add(
      {
        ...dims0(toLocalDate(r.dueAt, timeZone), 'follow_up', r.customerId, r.projectId),
        engineerId: r.agentId,
      },
      { n: 1, hits: r.state === 'on_time' ? 1 : 0, late: r.state === 'late' ? 1 : 0 },
    );
  for (const w of work)
    add(
      { ...dims0(w.day, 'job', w.customerId, w.projectId), engineerId: w.engineerId },
      { n: w.jobs, minutes: w.minutes, km: w.km, travelSeconds: w.travelSeconds },
    );
  for (const s of sat)
    add(
      { ...dims0(s.day, 'satisfaction', s.customerId, s.projectId), engineerId: s.engineerId },
      { n: s.answers, hits: s.satisfied },
    );
  return [...out.values()];
}

/** The local days whose measure rows change with the records written in (since, until]. */
export async function measureDaysChanged(
  db: Executor,
  since: Date,
  until: Date,
  timeZone: string,
): Promise<string[]> {
  const q = { since, until, timeZone };
  const wo = await workOrdersChanged(db, q);
  const fu = await followUpDueDaysChanged(db, q);
  const answers = await satisfactionByDay(db, { from: since, to: until, timeZone });
  const ftf = await firstResolvedDaysOf(db, { ...q, ticketIds: wo.ticketIds });
  return [...new Set([...ftf, ...wo.completedDays, ...fu, ...answers.map((a) => a.day)])].sort();
}

/** Sums rows computed per request under the dashboard's filter (the same filter measureSums applies in SQL). */
function sumRows(rows: Row[], f: repo.MeasureRowFilter, param: number): repo.MeasureSums[] {
  const out = new Map<string, repo.MeasureSums>();
  for (const r of rows) {
    if (f.customerId && r.customerId !== f.customerId) continue;
    if (f.projectId && r.projectId !== f.projectId) continue;
    if (f.productId && repo.PRODUCT_MEASURES.includes(r.measure) && r.productId !== f.productId) continue;
    if (f.engineerId && r.engineerId !== f.engineerId) continue;
    if (f.members && !(r.engineerId && f.members.includes(r.engineerId))) continue;
    if (r.measure === 'first_time_fix' && r.param !== param) continue;
    const engineerId = repo.PER_ENGINEER.includes(r.measure) ? (r.engineerId ?? null) : null;
    const k = `${r.measure}|${engineerId}`;
    const cur = out.get(k) ?? {
      measure: r.measure,
      engineerId,
      n: 0,
      hits: 0,
      late: 0,
      minutes: 0,
      km: 0,
      travelSeconds: 0,
    };
    cur.n += r.n;
    cur.hits += r.hits ?? 0;
    cur.late += r.late ?? 0;
    cur.minutes += r.minutes ?? 0;
    cur.km += r.km ?? 0;
    cur.travelSeconds += r.travelSeconds ?? 0;
    out.set(k, cur);
  }
  return [...out.values()];
}

export interface MeasureCounts {
  firstTimeFix: { eligible: number; fixed: number };
  repeatRepair: { repairs: number; repeats: number };
  followUps: { due: number; onTime: number; late: number };
  work: EngineerWork[];
  sat: StaffSatisfaction[];
  /** First-time fix per engineer (the visit's engineer, firstTimeFix's `engineerId`); none without one. */
  firstFixes: { engineerId: string; eligible: number; fixed: number }[];
}

/**
 * The counts of the measures over a period: the stored days before the rollup's watermark day, the
 * rest computed per request (all of it when the rollup never ran, or when the reopen window changed
 * since the first-time-fix rows were computed). `useRollup: false` computes everything per request.
 */
export async function measureCounts(
  db: Executor,
  f: MeasureFilter,
  settings: MeasureSettings,
  timeZone: string,
  useRollup = true,
): Promise<MeasureCounts> {
  const param = settings.firstFixReopenDays;
  const rf: repo.MeasureRowFilter = {
    customerId: f.customerId,
    projectId: f.projectId,
    productId: f.productId,
    engineerId: f.engineerId,
  };
  if (f.team) rf.members = await activeStaffIds(db, [f.team as TRole]);
  const mark = useRollup ? await repo.watermarkOf(db, MEASURES_SOURCE) : null;
  // Days before the watermark's local day are stored; that day and later are computed here.
  let cut = mark ? toLocalDate(mark, timeZone) : f.from;
  if (cut > f.from && (await repo.otherFirstFixWindow(db, f, param))) cut = f.from;
  // ISO days compare as strings: the earlier of the day before the cut and the period's end.
  const storedTo = [addDays(cut, -1), f.to].sort()[0]!;
  const stored = cut > f.from ? await repo.measureSums(db, { from: f.from, to: storedTo }, rf, param) : [];
  const liveFrom = [cut, f.from].sort()[1]!;
  const live =
    liveFrom <= f.to
      ? sumRows(await measureDayRows(db, { from: liveFrom, to: f.to }, settings, timeZone), rf, param)
      : [];
  return countsOf([...stored, ...live]);
}

/** The counts from the sums of stored and computed days (added up before any rounding). */
function countsOf(sums: repo.MeasureSums[]): MeasureCounts {
  const total = (m: repo.MeasureSums['measure']) => {
    const rows = sums.filter((x) => x.measure === m);
    return {
      n: rows.reduce((a, x) => a + x.n, 0),
      hits: rows.reduce((a, x) => a + x.hits, 0),
      late: rows.reduce((a, x) => a + x.late, 0),
    };
  };
  const perEngineer = (m: repo.MeasureSums['measure']) => {
    const by = new Map<string, Omit<repo.MeasureSums, 'measure' | 'engineerId'>>();
    for (const x of sums) {
      if (x.measure !== m || !x.engineerId) continue;
      const cur = by.get(x.engineerId) ?? { n: 0, hits: 0, late: 0, minutes: 0, km: 0, travelSeconds: 0 };
      cur.n += x.n;
      cur.hits += x.hits;
      cur.minutes += x.minutes;
      cur.km += x.km;
      cur.travelSeconds += x.travelSeconds;
      by.set(x.engineerId, cur);
    }
    return [...by];
  };
  const ftf = total('first_time_fix');
  const rr = total('repeat_repair');
  const fu = total('follow_up');
  return {
    firstTimeFix: { eligible: ftf.n, fixed: ftf.hits },
    repeatRepair: { repairs: rr.n, repeats: rr.hits },
    followUps: { due: fu.n, onTime: fu.hits, late: fu.late },
    // engineerWorkBetween's and satisfactionByEngineer's figures, rounded as they round.
    work: perEngineer('job').map(([engineerId, x]) => ({
      engineerId,
      jobs: x.n,
      minutesOnJobs: x.minutes,
      travelKm: Math.round(x.km * 10) / 10,
      travelMinutes: Math.round(x.travelSeconds / 60),
    })),
    sat: perEngineer('satisfaction').map(([engineerId, x]) => ({
      engineerId,
      answers: x.n,
      satisfied: x.hits,
    })),
    firstFixes: perEngineer('first_time_fix').map(([engineerId, x]) => ({
      engineerId,
      eligible: x.n,
      fixed: x.hits,
    })),
  };
}
