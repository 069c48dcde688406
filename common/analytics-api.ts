// Analytics (issue 19): the dashboards' filters and figures. One definition per measure, written in
// docs/analytics.md; the server computes each once (a rollup) and every view reads the same rows.
import { z } from 'zod';

export const ANALYTICS_GRANULARITIES = ['day', 'week', 'month'] as const;
export type TAnalyticsGranularity = (typeof ANALYTICS_GRANULARITIES)[number];

/** The dimensions a figure is broken down by (and filtered on). */
export const ANALYTICS_DIMENSIONS = ['metric', 'customer', 'project', 'product', 'team', 'engineer'] as const;
export type TAnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];

/**
 * The most groups a dashboard's breakdown table lists (its largest, by decided or restored): the screen
 * shows ten a page, and a breakdown by customer or project may have tens of thousands; the table's
 * Excel export lists them all (docs/analytics.md).
 */
export const DASHBOARD_TOP_GROUPS = 100;

/** Longest period one request may cover (days): a dashboard reads at most ~3 years of daily rollups. */
export const MAX_PERIOD_DAYS = 1_100;

const filterFields = {
  /** First and last local day of the period (inclusive), in the organisation's zone. */
  from: z.iso.date(),
  to: z.iso.date(),
  customerId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  productId: z.uuid().optional(),
  team: z.string().trim().min(1).max(60).optional(),
  engineerId: z.uuid().optional(),
};

function periodInOrder(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `period longer than ${MAX_PERIOD_DAYS} days` });
}

export const ZAnalyticsFilter = z.strictObject(filterFields).superRefine(periodInOrder);
export type TAnalyticsFilter = z.infer<typeof ZAnalyticsFilter>;

export const ZSlaDashboardQuery = z
  .strictObject({ ...filterFields, granularity: z.enum(ANALYTICS_GRANULARITIES).default('month') })
  .superRefine(periodInOrder);
export type TSlaDashboardQuery = z.infer<typeof ZSlaDashboardQuery>;

/** SLA compliance of a group: decided = met on time + breached (docs/analytics.md). */
export const ZSlaFigure = z.object({
  key: z.string().nullable(),
  label: z.string(),
  decided: z.int(),
  met: z.int(),
  breached: z.int(),
  /** met / decided in percent, one decimal; null when nothing was decided. */
  compliancePercent: z.number().nullable(),
  /** Minutes late, summed over breached targets that have stopped. */
  breachMinutes: z.int(),
});
export type TSlaFigure = z.infer<typeof ZSlaFigure>;

/** Mean time to restore of a group: restored tickets and the mean in minutes. */
export const ZRestoreFigure = z.object({
  key: z.string().nullable(),
  label: z.string(),
  restored: z.int(),
  mttrMinutes: z.number().nullable(),
});
export type TRestoreFigure = z.infer<typeof ZRestoreFigure>;

export const ZSlaDashboard = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  granularity: z.enum(ANALYTICS_GRANULARITIES),
  /** The compliance target line (percent). */
  targetPercent: z.number(),
  /** When the rollups were last brought up to date (null: never). */
  refreshedAt: z.iso.datetime().nullable(),
  total: ZSlaFigure,
  /** One row per period (key = `2026-11`, `2026-11-30` (the week's Monday) or `2026-11-30`). */
  trend: z.array(ZSlaFigure),
  byMetric: z.array(ZSlaFigure),
  byTeam: z.array(ZSlaFigure),
  byEngineer: z.array(ZSlaFigure),
  byCustomer: z.array(ZSlaFigure),
  byProject: z.array(ZSlaFigure),
  /**
   * How many groups each breakdown has in all: a table lists at most its DASHBOARD_TOP_GROUPS largest
   * (by decided, ties by key; the restore tables by restored), the stages always all; the Excel export all.
   */
  groupCounts: z.object({
    byMetric: z.int(),
    byTeam: z.int(),
    byEngineer: z.int(),
    byCustomer: z.int(),
    byProject: z.int(),
    restoreByProduct: z.int(),
    restoreByProject: z.int(),
  }),
  restore: z.object({
    total: ZRestoreFigure,
    trend: z.array(ZRestoreFigure),
    byProduct: z.array(ZRestoreFigure),
    byProject: z.array(ZRestoreFigure),
  }),
});
export type TSlaDashboard = z.infer<typeof ZSlaDashboard>;

/** The records behind an SLA figure: breached targets (or all decided ones) in the period. */
export const ZSlaRecordsQuery = z
  .strictObject({
    ...filterFields,
    metric: z.string().trim().min(1).max(60).optional(),
    outcome: z.enum(['breached', 'met']).default('breached'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .superRefine(periodInOrder);
export type TSlaRecordsQuery = z.infer<typeof ZSlaRecordsQuery>;

export const ZSlaRecord = z.object({
  ticketId: z.uuid(),
  ticketNumber: z.string(),
  subject: z.string(),
  customerName: z.string(),
  metric: z.string(),
  dueAt: z.iso.datetime(),
  metAt: z.iso.datetime().nullable(),
  breached: z.boolean(),
  breachMinutes: z.int(),
});
export type TSlaRecord = z.infer<typeof ZSlaRecord>;
export const ZSlaRecordPage = z.object({ items: z.array(ZSlaRecord), total: z.int() });
export type TSlaRecordPage = z.infer<typeof ZSlaRecordPage>;

/** The tables of the dashboard that export to Excel. */
export const SLA_EXPORT_TABLES = [
  'trend',
  'byMetric',
  'byTeam',
  'byEngineer',
  'byCustomer',
  'byProject',
  'restoreByProduct',
  'restoreByProject',
] as const;
export type TSlaExportTable = (typeof SLA_EXPORT_TABLES)[number];

export const ZRollupResult = z.object({ days: z.int(), rows: z.int(), watermark: z.iso.datetime() });

/** Percent with one decimal; null for an empty group. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The other measures, each the owning module's own report (docs/analytics.md), over whole months. */
export const ZAnalyticsOverviewQuery = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .superRefine(periodInOrder);
const ZCount = z.object({ key: z.string(), label: z.string(), count: z.int() });
export const ZAnalyticsOverview = z.object({
  /** The months the figures cover (the period's months, in the organisation's zone). */
  fromMonth: z.string(),
  toMonth: z.string(),
  satisfaction: z.object({
    answers: z.int(),
    satisfied: z.int(),
    ratePercent: z.number().nullable(),
    targetPercent: z.number(),
  }),
  complaints: z.object({
    total: z.int(),
    open: z.int(),
    upheld: z.int(),
    handledOnTime: z.int(),
    handledLate: z.int(),
    byCategory: z.array(ZCount),
    byProduct: z.array(ZCount),
  }),
  maintenance: z.object({
    due: z.int(),
    onTime: z.int(),
    late: z.int(),
    missed: z.int(),
    open: z.int(),
    onTimeRate: z.number().nullable(),
  }),
});
export type TAnalyticsOverview = z.infer<typeof ZAnalyticsOverview>;

/** Open work by region (docs/analytics.md "Open work by region"): now, whatever the period. */
export const ZOpenWorkQuery = z.strictObject({
  customerId: z.uuid().optional(),
  projectId: z.uuid().optional(),
});
export type TOpenWorkQuery = z.infer<typeof ZOpenWorkQuery>;

export const ZOpenWorkSite = z.object({
  projectId: z.uuid(),
  name: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  tickets: z.int(),
  workOrders: z.int(),
});
export const ZOpenWorkRegion = z.object({
  /** The region as registry stores it; null: the project and the customer name none. */
  region: z.string().nullable(),
  tickets: z.int(),
  workOrders: z.int(),
  sites: z.array(ZOpenWorkSite),
});
export type TOpenWorkRegion = z.infer<typeof ZOpenWorkRegion>;
export const ZOpenWork = z.object({
  regions: z.array(ZOpenWorkRegion),
  tickets: z.int(),
  workOrders: z.int(),
});
export type TOpenWork = z.infer<typeof ZOpenWork>;

export const ZOpenWorkRecordsQuery = z.strictObject({
  customerId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  /** The region; absent: the records of no region. */
  region: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TOpenWorkRecordsQuery = z.infer<typeof ZOpenWorkRecordsQuery>;
export const ZOpenWorkRecord = z.object({
  kind: z.enum(['ticket', 'work_order']),
  id: z.uuid(),
  number: z.string(),
  /** A ticket's subject; a work order's kind (translated by the client). */
  subject: z.string(),
  status: z.string(),
  customerName: z.string(),
  projectName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type TOpenWorkRecord = z.infer<typeof ZOpenWorkRecord>;
export const ZOpenWorkRecords = z.object({ items: z.array(ZOpenWorkRecord) });
