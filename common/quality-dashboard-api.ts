// The quality engineer's dashboard (issue 19): open alerts by level, cases by state and age, the top
// recurring problems, improvement requests and training needs raised and closed. Definitions in
// docs/analytics.md ("Quality"); computed by the quality module.
import { z } from 'zod';
import { ANALYTICS_GRANULARITIES, MAX_PERIOD_DAYS } from './analytics-api.ts';

export const CASE_AGE_BUCKETS = ['lt7', 'd7to30', 'd30to90', 'gt90'] as const;
export const QUALITY_FIGURES = [
  'open_alerts',
  'raised_alerts',
  'open_cases',
  'opened_cases',
  'closed_cases',
  'improvements_raised',
  'improvements_closed',
  'improvements_open',
  'training_raised',
  'training_closed',
  'training_open',
  'problem',
] as const;
export type TQualityFigure = (typeof QUALITY_FIGURES)[number];

const period = {
  from: z.iso.date(),
  to: z.iso.date(),
};
function periodInOrder(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `period longer than ${MAX_PERIOD_DAYS} days` });
}

export const ZQualityDashboardQuery = z
  .strictObject({ ...period, granularity: z.enum(ANALYTICS_GRANULARITIES).default('month') })
  .superRefine(periodInOrder);
export type TQualityDashboardQuery = z.infer<typeof ZQualityDashboardQuery>;

const ZByLevel = z.object({ month: z.int(), quarter: z.int(), year: z.int() });
const ZRaisedClosed = z.object({ raised: z.int(), closed: z.int(), open: z.int() });

export const ZQualityDashboard = z.object({
  /** Alerts not closed now (open, or a case opened), by level. */
  openAlerts: ZByLevel,
  /** Alerts raised in the period, by level, and per period. */
  raisedAlerts: ZByLevel,
  alertTrend: z.array(ZByLevel.extend({ key: z.string() })),
  /** Cases now: open and closed; open cases by age since opened. */
  cases: z.object({ open: z.int(), closed: z.int(), openedInPeriod: z.int(), closedInPeriod: z.int() }),
  openCaseAge: z.array(z.object({ bucket: z.enum(CASE_AGE_BUCKETS), count: z.int() })),
  /** Groups with the most alerts raised in the period. */
  topProblems: z.array(
    z.object({
      groupKind: z.string(),
      groupName: z.string(),
      faultCategory: z.string(),
      alerts: z.int(),
      failures: z.int(),
      highestLevel: z.string(),
    }),
  ),
  improvements: ZRaisedClosed,
  trainingNeeds: ZRaisedClosed,
});
export type TQualityDashboard = z.infer<typeof ZQualityDashboard>;

/** The dashboard's tables, each exported to Excel with the figures the screen shows. */
export const QUALITY_DASHBOARD_TABLES = ['alertTrend', 'topProblems'] as const;
export type TQualityDashboardTable = (typeof QUALITY_DASHBOARD_TABLES)[number];

export const ZQualityRecordsQuery = z
  .strictObject({
    ...period,
    figure: z.enum(QUALITY_FIGURES),
    level: z.enum(['month', 'quarter', 'year']).optional(),
    bucket: z.enum(CASE_AGE_BUCKETS).optional(),
    groupName: z.string().max(200).optional(),
    faultCategory: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(periodInOrder);
export type TQualityRecordsQuery = z.infer<typeof ZQualityRecordsQuery>;

export const ZQualityRecord = z.object({
  id: z.uuid(),
  kind: z.enum(['alert', 'case', 'improvement', 'training_need']),
  number: z.string(),
  title: z.string(),
  status: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
  /** The quality case to open (a case itself, an alert's case, a request's case). */
  caseId: z.uuid().nullable(),
});
export type TQualityRecord = z.infer<typeof ZQualityRecord>;
export const ZQualityRecordList = z.object({ items: z.array(ZQualityRecord) });
