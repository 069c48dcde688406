// Analytics (issue 19): the measures beyond SLA — first-time fix, repeat repair, follow-ups on time,
// MTBF, engineers' figures — and staff performance. One definition each, docs/analytics.md.
import { z } from 'zod';
import { MAX_PERIOD_DAYS } from './analytics-api.ts';

const filterFields = {
  from: z.iso.date(),
  to: z.iso.date(),
  customerId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  productId: z.uuid().optional(),
  engineerId: z.uuid().optional(),
  /** A team (staff role): the figures of its members (by engineer / agent); MTBF is not per team. */
  team: z.string().trim().min(1).max(60).optional(),
};

function periodInOrder(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `period longer than ${MAX_PERIOD_DAYS} days` });
}

export const ZMeasuresQuery = z.strictObject(filterFields).superRefine(periodInOrder);
export type TMeasuresQuery = z.infer<typeof ZMeasuresQuery>;

export const MEASURE_RECORD_KINDS = ['first_time_fix', 'repeat_repair', 'follow_ups', 'failures'] as const;
export type TMeasureRecordKind = (typeof MEASURE_RECORD_KINDS)[number];

export const ZMeasureRecordsQuery = z
  .strictObject({
    ...filterFields,
    measure: z.enum(MEASURE_RECORD_KINDS),
    /** counted: in the figure's numerator (fixed first time, a repeat, on time); missed: the others. */
    outcome: z.enum(['counted', 'missed', 'all']).default('all'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine(periodInOrder);
export type TMeasureRecordsQuery = z.infer<typeof ZMeasureRecordsQuery>;

const ZRate = z.number().nullable();

export const ZMtbfFigure = z.object({
  key: z.string().nullable(),
  label: z.string(),
  installedHours: z.number(),
  failures: z.int(),
  /** installed hours / failures, one decimal; null without failures. */
  mtbfHours: z.number().nullable(),
});
export type TMtbfFigure = z.infer<typeof ZMtbfFigure>;

/**
 * The MTBF groups the dashboard lists per breakdown (product, model, project): the lowest MTBF first.
 * A year over all customers has a group per project (tens of thousands); the Excel export lists all.
 */
export const MTBF_GROUP_LIMIT = 50;

export const ZEngineerFigure = z.object({
  engineerId: z.string(),
  name: z.string(),
  jobs: z.int(),
  minutesOnJobs: z.int(),
  workingMinutes: z.int().nullable(),
  utilisationPercent: ZRate,
  travelKm: z.number(),
  travelMinutes: z.int(),
  answers: z.int(),
  satisfied: z.int(),
  satisfactionPercent: ZRate,
});
export type TEngineerFigure = z.infer<typeof ZEngineerFigure>;

export const ZRepairedAsset = z.object({
  assetId: z.string(),
  serial: z.string(),
  name: z.string().nullable(),
  customerName: z.string(),
  projectName: z.string(),
  productName: z.string(),
  repairCount: z.int(),
  /** at_limit: the threshold's repair (the last before replacement); past_limit: beyond it. */
  state: z.enum(['at_limit', 'past_limit']),
});

export const ZMeasures = z.object({
  from: z.string(),
  to: z.string(),
  settings: z.object({ firstFixReopenDays: z.int(), repeatRepairThreshold: z.int() }),
  firstTimeFix: z.object({ eligible: z.int(), fixed: z.int(), ratePercent: ZRate }),
  repeatRepair: z.object({
    repairs: z.int(),
    repeats: z.int(),
    ratePercent: ZRate,
    assets: z.array(ZRepairedAsset),
  }),
  followUps: z.object({ due: z.int(), onTime: z.int(), late: z.int(), notDone: z.int(), ratePercent: ZRate }),
  mtbf: z.object({
    total: ZMtbfFigure,
    byProduct: z.array(ZMtbfFigure),
    byModel: z.array(ZMtbfFigure),
    byProject: z.array(ZMtbfFigure),
    byAsset: z.array(ZMtbfFigure),
    /** How many groups each breakdown has (byAsset: assets with failures); the lists may be cut. */
    counts: z.object({ byProduct: z.int(), byModel: z.int(), byProject: z.int(), byAsset: z.int() }),
  }),
  engineers: z.array(ZEngineerFigure),
});
export type TMeasures = z.infer<typeof ZMeasures>;

export const ZMeasureRecord = z.object({
  /** ticket, work_order or follow_up: what `reference` names. */
  kind: z.enum(['ticket', 'work_order', 'follow_up']),
  id: z.string(),
  reference: z.string(),
  customerName: z.string(),
  at: z.string(),
  counted: z.boolean(),
  /** A short fact behind the figure: visits, repair number, asset serial, days late. */
  detail: z.string(),
});
export const ZMeasureRecordPage = z.object({ total: z.int(), items: z.array(ZMeasureRecord) });
export type TMeasureRecordPage = z.infer<typeof ZMeasureRecordPage>;

export const ZAnalyticsSettings = z.object({
  firstFixReopenDays: z.int(),
  repeatRepairThreshold: z.int(),
  version: z.int(),
});
export type TAnalyticsSettings = z.infer<typeof ZAnalyticsSettings>;
export const ZSaveAnalyticsSettings = z.strictObject({
  version: z.int().min(0).max(2_147_483_647),
  firstFixReopenDays: z.int().min(1).max(365),
  repeatRepairThreshold: z.int().min(2).max(20),
});

export const ZPerformanceQuery = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  userId: z.uuid().optional(),
});
export type TPerformanceQuery = z.infer<typeof ZPerformanceQuery>;

export const ZPerformanceRow = z.object({
  userId: z.string(),
  name: z.string(),
  month: z.string(),
  jobs: z.int(),
  slaDecided: z.int(),
  slaMet: z.int(),
  slaPercent: ZRate,
  firstFixEligible: z.int(),
  firstFixed: z.int(),
  firstFixPercent: ZRate,
  answers: z.int(),
  satisfied: z.int(),
  satisfactionPercent: ZRate,
  complaints: z.int(),
  complaintsUpheld: z.int(),
});
export type TPerformanceRow = z.infer<typeof ZPerformanceRow>;
export const ZPerformance = z.object({
  month: z.string(),
  /** everyone (a manager) or own (the person's own record only). */
  view: z.enum(['everyone', 'own']),
  rows: z.array(ZPerformanceRow),
});
export type TPerformance = z.infer<typeof ZPerformance>;

export const MEASURE_EXPORT_TABLES = [
  'engineers',
  'mtbfByProduct',
  'mtbfByModel',
  'mtbfByProject',
  'mtbfByAsset',
  'repairAssets',
] as const;
export type TMeasureExportTable = (typeof MEASURE_EXPORT_TABLES)[number];
