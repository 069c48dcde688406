// The measures beyond SLA (issue 19), one definition each (docs/analytics.md), computed here and only
// here: the dashboard, its drill-down, the Excel export, staff performance and the reports module all
// call these functions. Each reads the owning modules' read models bounded by the period through an
// index (never the history): tickets first resolved in it, work orders completed or opened in it,
// follow-ups due in it, survey answers given in it; the installed base is one grouped pass over assets.

import { percentOf } from '../../../common/analytics-api.ts';
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import {
  MTBF_GROUP_LIMIT,
  type TEngineerFigure,
  type TMeasures,
  type TMtbfFigure,
} from '../../../common/measures-api.ts';
import type { TRole } from '../../../common/roles.ts';
import type { Executor } from '../../db/pool.ts';
import { activeStaffIds, userNames } from '../accounts/index.ts';
import {
  type EngineerWork,
  engineerWorkBetween,
  engineerWorkingMinutes,
  failuresBetween,
  repairsCompletedWithOrdinal,
  repairVisitsOfTickets,
} from '../field/index.ts';
import { followUpTimings } from '../followups/index.ts';
import { assetDimensions, installedHours, productNamesOf, projectFacts } from '../registry/index.ts';
import { type StaffSatisfaction, satisfactionByEngineer } from '../surveys/index.ts';
import { faultTicketsFirstResolved, faultTicketsFirstResolvedSql } from '../tickets/index.ts';
import { periodInstants } from './dashboard.ts';
import { compareKeys } from './repository.ts';

/** The filter of every measure: local days from…to (inclusive, organisation's zone) and dimensions. */
export interface MeasureFilter {
  from: string;
  to: string;
  customerId?: string;
  projectId?: string;
  productId?: string;
  engineerId?: string;
  /** A team (staff role): only records whose engineer (or agent) is an active member of it. */
  team?: string;
}

export interface MeasureSettings {
  /** A reopening within this many days of the first resolution means the fix was not first-time. */
  firstFixReopenDays: number;
  /** Equipment at this repair count is listed (at the limit), beyond it past the limit. */
  repeatRepairThreshold: number;
}

export const DEFAULT_MEASURE_SETTINGS: MeasureSettings = { firstFixReopenDays: 30, repeatRepairThreshold: 3 };

const DAY_MS = 86_400_000;

const productFilter = async (db: Executor, productId: string | undefined, assetIds: (string | null)[]) => {
  if (!productId) return null;
  const ids = [...new Set(assetIds.filter((a): a is string => !!a))];
  const dims = await assetDimensions(db, ids);
  return (assetId: string | null) => !!assetId && dims.get(assetId)?.productId === productId;
};

/** The team filter as a test on a person: members of the staff role (null: no team filter). */
async function teamFilter(db: Executor, team: string | undefined) {
  if (!team) return null;
  const members = new Set(await activeStaffIds(db, [team as TRole]));
  return (userId: string | null) => !!userId && members.has(userId);
}

// ---------- first-time fix ----------

export interface FirstFixRecord {
  ticketId: string;
  number: string;
  customerId: string;
  projectId: string | null;
  /** The ticket's first equipment (its product is the record's). */
  assetId: string | null;
  engineerId: string | null;
  firstResolvedAt: Date;
  visits: number;
  reopenedAt: Date | null;
  fixed: boolean;
}

/**
 * First-time fix rate. Eligible: fault tickets first resolved in the period whose repair work orders
 * (not cancelled) had at least one on-site visit (an arrival). Fixed first time: exactly one visit, and
 * not reopened within `firstFixReopenDays` days of the first resolution. Engineer: the engineer of the
 * work order with the (last) visit; product: the ticket's first equipment's.
 */
export async function firstTimeFix(
  db: Executor,
  f: MeasureFilter,
  settings: MeasureSettings,
  timeZone: string,
): Promise<{ eligible: number; fixed: number; ratePercent: number | null; records: FirstFixRecord[] }> {
  const { from, to } = periodInstants(f.from, f.to, timeZone);
  const q = { from, to, customerId: f.customerId, projectId: f.projectId };
  // One after another: in the rollup job this runs on a transaction's one connection.
  const tickets = await faultTicketsFirstResolved(db, q);
  const visits = await repairVisitsOfTickets(db, faultTicketsFirstResolvedSql(q));
  const ofProduct = await productFilter(
    db,
    f.productId,
    tickets.map((t) => t.assetId),
  );
  const inTeam = await teamFilter(db, f.team);
  const window = settings.firstFixReopenDays * DAY_MS;
  const records: FirstFixRecord[] = [];
  for (const t of tickets) {
    const v = visits.get(t.ticketId);
    if (!v || v.visits < 1) continue;
    if (ofProduct && !ofProduct(t.assetId)) continue;
    if (f.engineerId && v.engineerId !== f.engineerId) continue;
    if (inTeam && !inTeam(v.engineerId)) continue;
    const reopenedInTime = !!t.reopenedAt && t.reopenedAt.getTime() - t.firstResolvedAt.getTime() <= window;
    records.push({
      ticketId: t.ticketId,
      number: t.number,
      customerId: t.customerId,
      projectId: t.projectId,
      assetId: t.assetId,
      engineerId: v.engineerId,
      firstResolvedAt: t.firstResolvedAt,
      visits: v.visits,
      reopenedAt: t.reopenedAt,
      fixed: v.visits === 1 && !reopenedInTime,
    });
  }
  const fixed = records.filter((r) => r.fixed).length;
  return { eligible: records.length, fixed, ratePercent: percentOf(fixed, records.length), records };
}

// ---------- repeat repair ----------

/**
 * Repeat-repair rate: over the repairs completed in the period (a completed repair work order, once per
 * equipment it names — the count registry's `recordRepairs` keeps), the share that was the equipment's
 * 2nd or later repair.
 */
export async function repeatRepair(db: Executor, f: MeasureFilter, timeZone: string) {
  const { from, to } = periodInstants(f.from, f.to, timeZone);
  const rows = await repairsCompletedWithOrdinal(db, {
    from,
    to,
    customerId: f.customerId,
    projectId: f.projectId,
    engineerId: f.engineerId,
  });
  const ofProduct = await productFilter(
    db,
    f.productId,
    rows.map((r) => r.assetId),
  );
  const inTeam = await teamFilter(db, f.team);
  const records = rows.filter(
    (r) => (!ofProduct || ofProduct(r.assetId)) && (!inTeam || inTeam(r.engineerId)),
  );
  const repeats = records.filter((r) => r.ordinal >= 2).length;
  return { repairs: records.length, repeats, ratePercent: percentOf(repeats, records.length), records };
}

// ---------- follow-ups on time ----------

/**
 * Follow-ups done on time: over the follow-ups due in the period (cancelled ones left out), those whose
 * customer was reached and the outcome recorded (done, or awaiting the customer) on or before the local
 * day they were due. Late: reached on a later day; not done: not reached (yet, or at all — emailed,
 * unreached). The engineer filter is the follow-up's agent.
 */
export async function followUpsOnTime(db: Executor, f: MeasureFilter, timeZone: string) {
  const { from, to } = periodInstants(f.from, f.to, timeZone);
  const rows = await followUpTimings(db, {
    from,
    to,
    customerId: f.customerId,
    projectId: f.projectId,
    agentId: f.engineerId,
  });
  const inTeam = await teamFilter(db, f.team);
  const records = rows
    .filter((r) => !inTeam || inTeam(r.agentId))
    .map((r) => {
      const state: 'on_time' | 'late' | 'not_done' = !r.doneAt
        ? 'not_done'
        : toLocalDate(r.doneAt, timeZone) <= toLocalDate(r.dueAt, timeZone)
          ? 'on_time'
          : 'late';
      return { ...r, state };
    });
  const onTime = records.filter((r) => r.state === 'on_time').length;
  const late = records.filter((r) => r.state === 'late').length;
  return {
    due: records.length,
    onTime,
    late,
    notDone: records.length - onTime - late,
    ratePercent: percentOf(onTime, records.length),
    records,
  };
}

// ---------- MTBF ----------

const mtbf = (key: string | null, label: string, hours: number, failures: number): TMtbfFigure => ({
  key,
  label,
  installedHours: Math.round(hours * 10) / 10,
  failures,
  mtbfHours: failures > 0 ? Math.round((hours / failures) * 10) / 10 : null,
});

/**
 * MTBF = installed hours in the period / failures in the period. Installed hours: equipment in service
 * (installed, in service, under repair) from its installation day (else commissioning, else acceptance)
 * or the period's start, to the period's end. Failure: a repair work order (not cancelled) opened in the
 * period, once per equipment it names. Per product, model, project and asset (assets with failures);
 * each breakdown the `limit` lowest first (null: all), with how many groups it has.
 */
export async function mtbfFigures(
  db: Executor,
  f: MeasureFilter,
  timeZone: string,
  limit: number | null = MTBF_GROUP_LIMIT,
) {
  const { from, to } = periodInstants(f.from, f.to, timeZone);
  const { failures, dims } = await mtbfFailures(db, f, timeZone);
  const failedAssets = [...new Set(failures.map((x) => x.assetId))];
  const hours = await installedHours(
    db,
    { from, to, timeZone, customerId: f.customerId, projectId: f.projectId, productId: f.productId },
    failedAssets,
  );
  // A map, not a search per group: a year has a group per failed asset (tens of thousands).
  const hoursBy = new Map<string, number>();
  for (const h of hours) if (!hoursBy.has(`${h.group}|${h.key}`)) hoursBy.set(`${h.group}|${h.key}`, h.hours);
  const hoursOf = (group: string, key: string | null) => hoursBy.get(`${group}|${key}`) ?? 0;
  const sums = new Map<string, MtbfSum>();
  const add = (group: MtbfSum['group'], key: string | null) => {
    const k = `${group}|${key}`;
    const cur = sums.get(k) ?? { group, key, failures: 0, hours: hoursOf(group, key) };
    cur.failures += 1;
    sums.set(k, cur);
  };
  const byAsset = new Map<string, number>();
  for (const x of failures) {
    const d = dims.get(x.assetId)!;
    add('product', d.productId);
    add('model', d.model);
    add('project', d.projectId);
    byAsset.set(x.assetId, (byAsset.get(x.assetId) ?? 0) + 1);
  }
  const total = {
    group: 'total' as const,
    key: null,
    failures: failures.length,
    hours: hoursOf('total', null),
  };
  const assets = [...byAsset].map(([k, n]) => ({
    key: k,
    label: dims.get(k)?.serial ?? k,
    failures: n,
    hours: hoursOf('asset', k),
  }));
  return {
    ...(await mtbfTables(db, [total, ...sums.values()], assets, limit)),
    failures: failures.map((x) => ({ ...x, dims: dims.get(x.assetId)! })),
  };
}

/** MTBF's failures of the period (the drill-down's records) with their assets' dimensions. */
export async function mtbfFailures(db: Executor, f: MeasureFilter, timeZone: string) {
  const { from, to } = periodInstants(f.from, f.to, timeZone);
  const all = await failuresBetween(db, { from, to, customerId: f.customerId, projectId: f.projectId });
  const dims = await assetDimensions(db, [...new Set(all.map((x) => x.assetId))]);
  const failures = all.filter(
    (x) => dims.has(x.assetId) && (!f.productId || dims.get(x.assetId)?.productId === f.productId),
  );
  return { failures, dims };
}

/** Failures and installed hours of one MTBF group (the total: group total, key null). */
export interface MtbfSum {
  group: 'total' | 'product' | 'model' | 'project';
  key: string | null;
  failures: number;
  hours: number;
}

/** The assets the dashboard and its export list: the lowest MTBF first. */
export const MTBF_ASSETS_LISTED = 50;

/**
 * MTBF's order: the lowest (rounded) MTBF first, then the key by code unit — the order the rollup's SQL
 * gives (`collate "C"`), so that the groups it keeps are the ones listed here.
 */
const worstFirst = (rows: TMtbfFigure[]) =>
  rows.sort((a, b) => (a.mtbfHours ?? 0) - (b.mtbfHours ?? 0) || compareKeys(a.key, b.key));

/**
 * MTBF's tables from each group's failures and installed hours and the failed assets (per request, or
 * summed from the rollup): worst first, each breakdown cut to `limit` groups (null: all) before the
 * kept ones are labelled, the assets to the listed number. `counts`: how many groups there are (per
 * request: those given; the rollup gives only the kept ones and counts the others in SQL).
 */
export async function mtbfTables(
  db: Executor,
  sums: MtbfSum[],
  assets: { key: string; label: string; failures: number; hours: number }[],
  limit: number | null,
  counts?: TMtbfCounts,
) {
  const of = (group: MtbfSum['group']) => sums.filter((c) => c.group === group);
  const kept = (group: MtbfSum['group']) => {
    const rows = worstFirst(of(group).map((c) => mtbf(c.key, '', c.hours, c.failures)));
    return limit === null ? rows : rows.slice(0, limit);
  };
  const [byProduct, byModel, byProject] = [kept('product'), kept('model'), kept('project')];
  const keysOf = (rows: TMtbfFigure[]) => rows.flatMap((r) => (r.key ? [r.key] : []));
  const [products, projects] = await Promise.all([
    productNamesOf(db, keysOf(byProduct)),
    projectFacts(db, keysOf(byProject)),
  ]);
  const total = of('total')[0];
  return {
    total: mtbf(null, '', total?.hours ?? 0, total?.failures ?? 0),
    byProduct: byProduct.map((r) => ({ ...r, label: products.get(r.key ?? '') ?? r.key ?? '' })),
    byModel: byModel.map((r) => ({ ...r, label: r.key ?? '' })),
    byProject: byProject.map((r) => ({ ...r, label: projects.get(r.key ?? '')?.name ?? r.key ?? '' })),
    byAsset: worstFirst(assets.map((a) => mtbf(a.key, a.label, a.hours, a.failures))).slice(
      0,
      MTBF_ASSETS_LISTED,
    ),
    counts: counts ?? {
      byProduct: of('product').length,
      byModel: of('model').length,
      byProject: of('project').length,
      byAsset: assets.length,
    },
  };
}

type TMtbfCounts = TMeasures['mtbf']['counts'];

// ---------- engineers ----------

/**
 * Engineers' figures over the work orders completed in the period: jobs (work orders completed), time
 * on jobs (their time spent), utilisation = time on jobs / working minutes (the engineer profile's work
 * days and hours over the period, leave left out), travel (km entered, minutes from first departure to
 * first arrival), satisfaction (survey answers about them given in the period, surveys' `satisfied`).
 */
export async function engineerFigures(
  db: Executor,
  f: MeasureFilter,
  timeZone: string,
): Promise<TEngineerFigure[]> {
  const { from, to } = periodInstants(f.from, f.to, timeZone);
  const q = { from, to, customerId: f.customerId, projectId: f.projectId, engineerId: f.engineerId };
  const [work, sat] = await Promise.all([engineerWorkBetween(db, q), satisfactionByEngineer(db, q)]);
  return engineersOf(db, f, work, sat);
}

/** The engineers' figures from their work and answers (per request, or summed from the daily rollup). */
export async function engineersOf(
  db: Executor,
  f: MeasureFilter,
  work: EngineerWork[],
  sat: StaffSatisfaction[],
): Promise<TEngineerFigure[]> {
  const inTeam = await teamFilter(db, f.team);
  const ids = [...new Set([...work.map((w) => w.engineerId), ...sat.map((s) => s.engineerId)])].filter(
    (id) => !inTeam || inTeam(id),
  );
  const [working, names] = await Promise.all([
    engineerWorkingMinutes(db, ids, f.from, f.to),
    userNames(db, ids),
  ]);
  return ids
    .map((id) => {
      const w = work.find((x) => x.engineerId === id);
      const s = sat.find((x) => x.engineerId === id);
      const minutes = w?.minutesOnJobs ?? 0;
      const wm = working.get(id) ?? null;
      return {
        engineerId: id,
        name: names.get(id) ?? '',
        jobs: w?.jobs ?? 0,
        minutesOnJobs: minutes,
        workingMinutes: wm,
        utilisationPercent: wm ? percentOf(minutes, wm) : null,
        travelKm: w?.travelKm ?? 0,
        travelMinutes: w?.travelMinutes ?? 0,
        answers: s?.answers ?? 0,
        satisfied: s?.satisfied ?? 0,
        satisfactionPercent: percentOf(s?.satisfied ?? 0, s?.answers ?? 0),
      };
    })
    .sort((a, b) => b.jobs - a.jobs || a.name.localeCompare(b.name));
}

/** The local days of a month `YYYY-MM`: its first and last. */
export function monthDays(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}
