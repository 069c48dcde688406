// The quality engineer's dashboard (issue 19; definitions in docs/analytics.md, "Quality"): open alerts
// by level (month → quarter → year), cases by state and age, the top recurring problems, improvement
// requests and training needs raised and closed; each figure's records for the drill-down.
import { TZDate } from '@date-fns/tz';
import { addDays } from '../../../common/calendar-dates.ts';
import type {
  TQualityDashboard,
  TQualityDashboardQuery,
  TQualityRecordsQuery,
} from '../../../common/quality-dashboard-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import * as repo from './dashboard-repository.ts';

function periodOf(ctx: Ctx, from: string, to: string): repo.Period {
  const at = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, day, 0, 0, 0, ctx.timeZone).getTime());
  };
  return { start: at(from), end: at(addDays(to, 1)), timeZone: ctx.timeZone, now: ctx.clock.now() };
}

type Level = 'month' | 'quarter' | 'year';
const zero = () => ({ month: 0, quarter: 0, year: 0 });

export async function qualityDashboard(
  ctx: Ctx,
  reads: Executor,
  q: TQualityDashboardQuery,
): Promise<TQualityDashboard> {
  const p = periodOf(ctx, q.from, q.to);
  const [levels, cases, problems, improvements, trainingNeeds] = await Promise.all([
    repo.alertCounts(reads, p, q.granularity),
    repo.caseCounts(reads, p),
    repo.topProblems(reads, p, 10),
    repo.followThrough(reads, 'improvements', p),
    repo.followThrough(reads, 'training', p),
  ]);
  const openAlerts = zero();
  const raisedAlerts = zero();
  const trend = new Map<string, ReturnType<typeof zero>>();
  for (const r of levels) {
    const level = r.level as Level;
    if (r.key === null) {
      openAlerts[level] += r.open;
      raisedAlerts[level] += r.raised;
    } else {
      const t = trend.get(r.key) ?? zero();
      t[level] += r.raised;
      trend.set(r.key, t);
    }
  }
  return {
    openAlerts,
    raisedAlerts,
    alertTrend: [...trend.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, v]) => ({ key, ...v })),
    cases: {
      open: cases.open,
      closed: cases.closed,
      openedInPeriod: cases.opened_in,
      closedInPeriod: cases.closed_in,
    },
    openCaseAge: (['lt7', 'd7to30', 'd30to90', 'gt90'] as const).map((bucket) => ({
      bucket,
      count: cases[bucket],
    })),
    topProblems: problems.map((r) => ({
      groupKind: r.group_kind,
      groupName: r.group_name,
      faultCategory: r.fault_category,
      alerts: r.alerts,
      failures: r.failures,
      highestLevel: r.highest_level,
    })),
    improvements,
    trainingNeeds,
  };
}

export async function qualityDashboardRecords(ctx: Ctx, reads: Executor, q: TQualityRecordsQuery) {
  const rows = await repo.records(reads, periodOf(ctx, q.from, q.to), q, q.limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      number: r.number,
      title: r.title,
      status: r.status,
      at: new Date(r.at).toISOString(),
      caseId: r.case_id,
    })),
  };
}

/** The quality engineer's home figures: warnings and cases open now. */
export async function qualityKeyFigures(ctx: Ctx, from: string, to: string) {
  const d = await qualityDashboard(ctx, ctx.db, { from, to, granularity: 'month' });
  const age = (b: string) => d.openCaseAge.find((a) => a.bucket === b)?.count ?? 0;
  return {
    openAlerts: d.openAlerts.month + d.openAlerts.quarter + d.openAlerts.year,
    yearAlerts: d.openAlerts.year,
    openCases: d.cases.open,
    casesOver30Days: age('d30to90') + age('gt90'),
  };
}
