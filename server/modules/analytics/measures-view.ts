// The measures on the manager's dashboard (and the customer's own), the records behind each figure, and
// staff performance per person and month — all from measures.ts's functions, so every view agrees.
import { percentOf } from '../../../common/analytics-api.ts';
import type {
  TMeasureRecordPage,
  TMeasureRecordsQuery,
  TMeasures,
  TMeasuresQuery,
  TPerformance,
  TPerformanceQuery,
  TPerformanceRow,
} from '../../../common/measures-api.ts';
import { MTBF_GROUP_LIMIT } from '../../../common/measures-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { userNames } from '../accounts/index.ts';
import { complaintsAgainstStaff } from '../complaints/index.ts';
import { assetsWithRepairs, customerFacts, productNamesOf, projectFacts } from '../registry/index.ts';
import { periodInstants, scopedFilter } from './dashboard.ts';
import {
  engineersOf,
  firstTimeFix,
  followUpsOnTime,
  type MeasureFilter,
  monthDays,
  mtbfFailures,
  repeatRepair,
} from './measures.ts';
import { measureCounts } from './measures-rollup.ts';
import { mtbfFromRollup } from './mtbf-rollup.ts';
import * as repo from './repository.ts';
import { measureSettingsOf } from './settings.ts';

/**
 * The measures of a period: `reads` is the reports database when configured. `mtbfGroups`: the MTBF
 * groups listed per breakdown (null: all, for the Excel export).
 */
export async function measuresDashboard(
  ctx: Ctx,
  reads: Executor,
  query: TMeasuresQuery,
  mtbfGroups: number | null = MTBF_GROUP_LIMIT,
): Promise<TMeasures> {
  const f: MeasureFilter = scopedFilter(ctx, query);
  const settings = await measureSettingsOf(reads);
  const tz = ctx.timeZone;
  // Independent reads, side by side (each on its own connection of the reports pool).
  const [counts, m, listed] = await Promise.all([
    measureCounts(reads, f, settings, tz),
    mtbfFromRollup(reads, f, tz, mtbfGroups),
    assetsWithRepairs(reads, {
      min: settings.repeatRepairThreshold,
      customerId: f.customerId,
      projectId: f.projectId,
      productId: f.productId,
      limit: 200,
    }),
  ]);
  // Staff figures are the organisation's own: a customer sees its equipment's measures, not the staff's.
  const engineers = ctx.scope.kind === 'customer' ? [] : await engineersOf(reads, f, counts.work, counts.sat);
  const ftf = counts.firstTimeFix;
  const rr = counts.repeatRepair;
  const fu = counts.followUps;
  const [customers, projects, products] = await Promise.all([
    customerFacts(reads, [...new Set(listed.map((a) => a.customerId))]),
    projectFacts(reads, [...new Set(listed.map((a) => a.projectId))]),
    productNamesOf(reads, [...new Set(listed.map((a) => a.productId))]),
  ]);
  return {
    from: f.from,
    to: f.to,
    settings: {
      firstFixReopenDays: settings.firstFixReopenDays,
      repeatRepairThreshold: settings.repeatRepairThreshold,
    },
    firstTimeFix: {
      eligible: ftf.eligible,
      fixed: ftf.fixed,
      ratePercent: percentOf(ftf.fixed, ftf.eligible),
    },
    repeatRepair: {
      repairs: rr.repairs,
      repeats: rr.repeats,
      ratePercent: percentOf(rr.repeats, rr.repairs),
      assets: listed.map((a) => ({
        assetId: a.assetId,
        serial: a.serial,
        name: a.name,
        customerName: customers.get(a.customerId)?.name ?? '',
        projectName: projects.get(a.projectId)?.name ?? '',
        productName: products.get(a.productId) ?? '',
        repairCount: a.repairCount,
        state: a.repairCount > settings.repeatRepairThreshold ? 'past_limit' : 'at_limit',
      })),
    },
    followUps: {
      due: fu.due,
      onTime: fu.onTime,
      late: fu.late,
      notDone: fu.due - fu.onTime - fu.late,
      ratePercent: percentOf(fu.onTime, fu.due),
    },
    mtbf: {
      total: m.total,
      byProduct: m.byProduct,
      byModel: m.byModel,
      byProject: m.byProject,
      byAsset: m.byAsset,
      counts: m.counts,
    },
    engineers,
  };
}

type Rec = TMeasureRecordPage['items'][number];

/** The records behind a measure's figure (counted: in its numerator), oldest first, paged. */
export async function measureRecordsOf(
  ctx: Ctx,
  reads: Executor,
  query: TMeasureRecordsQuery,
): Promise<TMeasureRecordPage> {
  const q = scopedFilter(ctx, query);
  const tz = ctx.timeZone;
  const f: MeasureFilter = q;
  let rows: (Omit<Rec, 'customerName'> & { customerId: string })[] = [];
  if (q.measure === 'first_time_fix') {
    const settings = await measureSettingsOf(reads);
    const r = await firstTimeFix(reads, f, settings, tz);
    rows = r.records.map((x) => ({
      kind: 'ticket',
      id: x.ticketId,
      reference: x.number,
      customerId: x.customerId,
      at: x.firstResolvedAt.toISOString(),
      counted: x.fixed,
      detail: `visits=${x.visits}${x.reopenedAt ? `; reopened=${x.reopenedAt.toISOString()}` : ''}`,
    }));
  } else if (q.measure === 'repeat_repair') {
    const r = await repeatRepair(reads, f, tz);
    rows = r.records.map((x) => ({
      kind: 'work_order',
      id: x.workOrderId,
      reference: x.number,
      customerId: x.customerId,
      at: x.completedAt.toISOString(),
      counted: x.ordinal >= 2,
      detail: `repair=${x.ordinal}`,
    }));
  } else if (q.measure === 'follow_ups') {
    const r = await followUpsOnTime(reads, f, tz);
    rows = r.records.map((x) => ({
      kind: 'follow_up',
      id: x.id,
      reference: x.reference ?? '',
      customerId: x.customerId,
      at: x.dueAt.toISOString(),
      counted: x.state === 'on_time',
      detail: x.state,
    }));
  } else {
    // The failures alone: the installed hours are the figure's, not its records'.
    const { failures, dims } = await mtbfFailures(reads, f, tz);
    rows = failures.map((x) => ({
      kind: 'work_order',
      id: x.workOrderId,
      reference: x.number,
      customerId: dims.get(x.assetId)!.customerId,
      at: x.at.toISOString(),
      counted: true,
      detail: dims.get(x.assetId)!.serial,
    }));
  }
  const picked = rows.filter((r) => q.outcome === 'all' || (q.outcome === 'counted') === r.counted);
  const page = picked.slice(q.offset, q.offset + q.limit);
  const customers = await customerFacts(reads, [...new Set(page.map((r) => r.customerId))]);
  return {
    total: picked.length,
    items: page.map(({ customerId, ...r }) => ({
      ...r,
      customerName: customers.get(customerId)?.name ?? '',
    })),
  };
}

/**
 * Staff performance of a month (篇4 g.4, the records as evidence): per person, jobs (work orders
 * completed), SLA targets decided and met on time (the SLA rollup's, by the ticket's assignee),
 * first-time fixes (the visit's engineer), satisfaction answers about them, complaints against them and
 * upheld. A person with `analytics.staff` sees everyone; anyone else their own row only.
 */
export async function staffPerformance(
  ctx: Ctx,
  reads: Executor,
  q: TPerformanceQuery,
): Promise<TPerformance> {
  if (ctx.scope.kind === 'customer' || !ctx.principal.userId) throw forbidden();
  const everyone = ctx.principal.permissions.has('analytics.staff');
  if (!everyone && q.userId && q.userId !== ctx.principal.userId) throw forbidden('Only your own record');
  const only = everyone ? q.userId : ctx.principal.userId;
  return {
    month: q.month,
    view: everyone ? 'everyone' : 'own',
    rows: await performanceRows(reads, q.month, ctx.timeZone, only),
  };
}

/**
 * The performance rows of a month, everyone's or one person's (exported for the reports module). Read
 * from the rollups (docs/analytics.md "Staff performance"): jobs, answers and first-time fixes per
 * engineer from the measures rollup (`measureCounts`: stored days, the days since its watermark computed),
 * SLA per engineer from the narrow SLA rollup (a month by engineer: a few rows per person).
 */
export async function performanceRows(
  reads: Executor,
  month: string,
  timeZone: string,
  userId?: string,
): Promise<TPerformanceRow[]> {
  const days = monthDays(month);
  const settings = await measureSettingsOf(reads);
  const [counts, sla, complaints] = await Promise.all([
    measureCounts(reads, { ...days, engineerId: userId }, settings, timeZone),
    repo.narrowFigures(reads, 'sla', days, 'month', ['engineer']),
    complaintsAgainstStaff(reads, periodInstants(days.from, days.to, timeZone)),
  ]);
  const byEngineer = <T extends { engineerId: string }>(rows: T[]) =>
    new Map(rows.map((r) => [r.engineerId, r]));
  const work = byEngineer(counts.work);
  const sat = byEngineer(counts.sat);
  const ftf = byEngineer(counts.firstFixes);
  const slaOf = new Map(
    sla.flatMap((r) =>
      r.group === 'engineer' && r.key && (!userId || r.key === userId) ? [[r.key, r]] : [],
    ),
  );
  const against = new Map(complaints.filter((c) => !userId || c.userId === userId).map((c) => [c.userId, c]));
  const ids = new Set<string>([
    ...work.keys(),
    ...sat.keys(),
    ...slaOf.keys(),
    ...ftf.keys(),
    ...against.keys(),
    ...(userId ? [userId] : []),
  ]);
  const names = await userNames(reads, [...ids]);
  const rows = [...ids].map((id): TPerformanceRow => {
    const s = slaOf.get(id);
    const a = sat.get(id);
    const fx = ftf.get(id);
    const c = against.get(id);
    return {
      userId: id,
      name: names.get(id) ?? '',
      month,
      jobs: work.get(id)?.jobs ?? 0,
      slaDecided: s?.n ?? 0,
      slaMet: s?.met ?? 0,
      slaPercent: percentOf(s?.met ?? 0, s?.n ?? 0),
      firstFixEligible: fx?.eligible ?? 0,
      firstFixed: fx?.fixed ?? 0,
      firstFixPercent: percentOf(fx?.fixed ?? 0, fx?.eligible ?? 0),
      answers: a?.answers ?? 0,
      satisfied: a?.satisfied ?? 0,
      satisfactionPercent: percentOf(a?.satisfied ?? 0, a?.answers ?? 0),
      complaints: c?.complaints ?? 0,
      complaintsUpheld: c?.upheld ?? 0,
    };
  });
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}
