// The service manager's SLA dashboard and the customer's own: compliance per stage with breach minutes,
// and the mean time to restore, read from the daily rollups (never the history) — one definition each,
// docs/analytics.md. A customer user's filter is always its own organisation; naming another is a 404,
// the same answer as a customer that does not exist.
import { TZDate } from '@date-fns/tz';
import {
  DASHBOARD_TOP_GROUPS,
  percentOf,
  type TAnalyticsFilter,
  type TRestoreFigure,
  type TSlaDashboard,
  type TSlaDashboardQuery,
  type TSlaFigure,
  type TSlaRecordPage,
  type TSlaRecordsQuery,
} from '../../../common/analytics-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { userNames } from '../accounts/index.ts';
import { customerFacts, productNamesOf, projectFacts } from '../registry/index.ts';
import { slaRecords } from '../sla/index.ts';
import * as repo from './repository.ts';
import { SLA_SOURCE, ticketDimensions } from './rollup.ts';

/** The seed's compliance target (篇1: commitments kept); the line drawn on the trend. */
export const SLA_TARGET_PERCENT = 95;

/** The filter a caller may use: a customer user is confined to its own organisation. */
export function scopedFilter<T extends TAnalyticsFilter>(ctx: Ctx, q: T): T {
  if (ctx.scope.kind !== 'customer') return q;
  if (q.customerId && q.customerId !== ctx.scope.customerId) throw notFound('Customer');
  return { ...q, customerId: ctx.scope.customerId };
}

type Labeller = (keys: string[]) => Promise<Map<string, string>>;

function labellers(db: Executor): Record<'customer' | 'project' | 'product' | 'engineer', Labeller> {
  return {
    customer: async (ids) => new Map([...(await customerFacts(db, ids))].map(([id, c]) => [id, c.name])),
    project: async (ids) => new Map([...(await projectFacts(db, ids))].map(([id, p]) => [id, p.name])),
    product: (ids) => productNamesOf(db, ids),
    engineer: (ids) => userNames(db, ids),
  };
}

const slaFigure = (f: repo.Figures | undefined, label: string): TSlaFigure => ({
  key: f?.key ?? null,
  label,
  decided: f?.n ?? 0,
  met: f?.met ?? 0,
  breached: f?.breached ?? 0,
  compliancePercent: percentOf(f?.met ?? 0, f?.n ?? 0),
  breachMinutes: Math.round((f?.seconds ?? 0) / 60),
});

const restoreFigure = (f: repo.Figures | undefined, label: string): TRestoreFigure => ({
  key: f?.key ?? null,
  label,
  restored: f?.n ?? 0,
  mttrMinutes: f && f.n > 0 ? Math.round((f.seconds / f.n / 60) * 10) / 10 : null,
});

async function labelled<T>(
  rows: repo.Figures[],
  group: repo.GroupKey,
  make: (f: repo.Figures, label: string) => T,
  labeller?: Labeller,
): Promise<T[]> {
  const mine = rows.filter((r) => r.group === group);
  const keys = mine.flatMap((r) => (r.key ? [r.key] : []));
  const names = labeller ? await labeller(keys) : new Map<string, string>();
  return mine.map((r) => make(r, r.key ? (names.get(r.key) ?? r.key) : ''));
}

const byKey = <T extends { key: string | null }>(rows: T[]) =>
  rows.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
const byDecided = (rows: TSlaFigure[]) =>
  rows.sort((a, b) => b.decided - a.decided || repo.compareKeys(a.key, b.key));

const byRestored = (rows: TRestoreFigure[]) =>
  rows.sort((a, b) => b.restored - a.restored || repo.compareKeys(a.key, b.key));

/** How many groups a breakdown has in all (each of its rows carries the count). */
const countOf = (rows: repo.Figures[], group: repo.GroupKey) =>
  rows.find((r) => r.group === group)?.groups ?? 0;

/**
 * The SLA dashboard: `reads` is the reports database when one is configured, else the request's. Each
 * breakdown table but the stages lists its `top` largest groups (by decided, or restored; null: all, as
 * the Excel export does), and `groupCounts` says how many it has in all (docs/analytics.md).
 */
export async function slaDashboard(
  ctx: Ctx,
  reads: Executor,
  query: TSlaDashboardQuery,
  top: number | null = DASHBOARD_TOP_GROUPS,
): Promise<TSlaDashboard> {
  const q = scopedFilter(ctx, query);
  const l = labellers(reads);
  const [sla, restore, refreshed] = await Promise.all([
    repo.figures(reads, 'sla', q, q.granularity, ['metric', 'team', 'engineer', 'customer', 'project'], top),
    repo.figures(reads, 'restore', q, q.granularity, ['product', 'project'], top),
    repo.refreshedAt(reads, SLA_SOURCE),
  ]);
  const [trend, byMetric, byTeam, byEngineer, byCustomer, byProject] = await Promise.all([
    labelled(sla, 'period', slaFigure),
    labelled(sla, 'metric', slaFigure),
    labelled(sla, 'team', slaFigure),
    labelled(sla, 'engineer', slaFigure, l.engineer),
    labelled(sla, 'customer', slaFigure, l.customer),
    labelled(sla, 'project', slaFigure, l.project),
  ]);
  const [rTrend, rByProduct, rByProject] = await Promise.all([
    labelled(restore, 'period', restoreFigure),
    labelled(restore, 'product', restoreFigure, l.product),
    labelled(restore, 'project', restoreFigure, l.project),
  ]);
  return {
    from: q.from,
    to: q.to,
    granularity: q.granularity,
    targetPercent: SLA_TARGET_PERCENT,
    refreshedAt: refreshed?.toISOString() ?? null,
    total: slaFigure(
      sla.find((r) => r.group === 'total'),
      '',
    ),
    trend: byKey(trend),
    byMetric: byDecided(byMetric),
    byTeam: byDecided(byTeam),
    byEngineer: byDecided(byEngineer),
    byCustomer: byDecided(byCustomer),
    byProject: byDecided(byProject),
    groupCounts: {
      byMetric: countOf(sla, 'metric'),
      byTeam: countOf(sla, 'team'),
      byEngineer: countOf(sla, 'engineer'),
      byCustomer: countOf(sla, 'customer'),
      byProject: countOf(sla, 'project'),
      restoreByProduct: countOf(restore, 'product'),
      restoreByProject: countOf(restore, 'project'),
    },
    restore: {
      total: restoreFigure(
        restore.find((r) => r.group === 'total'),
        '',
      ),
      trend: byKey(rTrend),
      byProduct: byRestored(rByProduct),
      byProject: byRestored(rByProject),
    },
  };
}

/** [start of `from`, start of the day after `to`) in the organisation's zone. */
export function periodInstants(from: string, to: string, timeZone: string) {
  const at = (d: string, plus: number) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, day + plus, 0, 0, 0, timeZone).getTime());
  };
  return { from: at(from, 0), to: at(to, 1) };
}

/** The targets behind a figure (drill-down), with ticket numbers and customer names. */
export async function slaRecordsOf(
  ctx: Ctx,
  reads: Executor,
  query: TSlaRecordsQuery,
): Promise<TSlaRecordPage> {
  const q = scopedFilter(ctx, query);
  const { from, to } = periodInstants(q.from, q.to, ctx.timeZone);
  const { rows, total } = await slaRecords(
    reads,
    {
      from,
      to,
      outcome: q.outcome,
      metric: q.metric,
      customerId: q.customerId,
      projectId: q.projectId,
      productId: q.productId,
      team: q.team,
      engineerId: q.engineerId,
    },
    ticketDimensions(),
    { limit: q.limit, offset: q.offset },
  );
  const customers = await customerFacts(reads, [...new Set(rows.map((r) => r.customerId))]);
  return {
    total,
    items: rows.map((r) => ({
      ticketId: r.ticketId,
      ticketNumber: r.number,
      subject: r.subject,
      customerName: customers.get(r.customerId)?.name ?? '',
      metric: r.metric,
      dueAt: r.dueAt.toISOString(),
      metAt: r.metAt?.toISOString() ?? null,
      breached: r.breached,
      breachMinutes: Math.round(r.breachSeconds / 60),
    })),
  };
}
