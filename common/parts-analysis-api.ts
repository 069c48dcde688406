// The storekeeper's dashboard (issue 19): parts consumed and their cost, warranty cost vs charged, stock
// turns, reorder alerts. Definitions in docs/analytics.md ("Spare parts"); computed by the parts module.
import { z } from 'zod';
import { ANALYTICS_GRANULARITIES, MAX_PERIOD_DAYS } from './analytics-api.ts';

/** Who pays for a consumed part: fitted free (warranty, or pending acceptance), charged, or no sheet yet. */
export const PART_CHARGE_BASES = ['free', 'charged', 'unsettled'] as const;
export type TPartChargeBasis = (typeof PART_CHARGE_BASES)[number];

const filterFields = {
  /** First and last local day of the period (inclusive), in the organisation's zone. */
  from: z.iso.date(),
  to: z.iso.date(),
  locationId: z.uuid().optional(),
  partId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  productId: z.uuid().optional(),
};

function periodInOrder(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `period longer than ${MAX_PERIOD_DAYS} days` });
}

export const ZPartsAnalysisQuery = z
  .strictObject({ ...filterFields, granularity: z.enum(ANALYTICS_GRANULARITIES).default('month') })
  .superRefine(periodInOrder);
export type TPartsAnalysisQuery = z.infer<typeof ZPartsAnalysisQuery>;

/** Net consumption of a group: issues − unused returns, valued at the part's cost price. */
export const ZConsumptionFigure = z.object({
  /** Period (`2026-11`, a week's Monday, a day), part, project or product id; null: none recorded. */
  key: z.string().nullable(),
  label: z.string(),
  quantity: z.int(),
  costFen: z.int(),
  freeCostFen: z.int(),
  chargedCostFen: z.int(),
  unsettledCostFen: z.int(),
});
export type TConsumptionFigure = z.infer<typeof ZConsumptionFigure>;

/** Stock turns of a location or a part over the period (docs/analytics.md). */
export const ZTurnsFigure = z.object({
  key: z.string(),
  label: z.string(),
  /** Location kind (central, regional, van) for a location; null for a part. */
  kind: z.string().nullable(),
  consumedCostFen: z.int(),
  openingValueFen: z.int(),
  closingValueFen: z.int(),
  averageValueFen: z.int(),
  /** consumed / average, two decimals; null when the average stock value is 0. */
  turns: z.number().nullable(),
});
export type TTurnsFigure = z.infer<typeof ZTurnsFigure>;

export const ZReorderAlertFigure = z.object({
  id: z.uuid(),
  partId: z.uuid(),
  partNumber: z.string(),
  partName: z.string(),
  locationId: z.uuid(),
  locationName: z.string(),
  available: z.int(),
  reorderPoint: z.int(),
  suggestedQuantity: z.int(),
  createdAt: z.iso.datetime({ offset: true }),
});

export const ZPartsAnalysis = z.object({
  total: ZConsumptionFigure,
  /** Issued quantity of parts without a cost price on file (valued 0). */
  uncostedQuantity: z.int(),
  trend: z.array(ZConsumptionFigure),
  byPart: z.array(ZConsumptionFigure),
  byProject: z.array(ZConsumptionFigure),
  byProduct: z.array(ZConsumptionFigure),
  turns: z.object({
    total: ZTurnsFigure,
    byLocation: z.array(ZTurnsFigure),
    byPart: z.array(ZTurnsFigure),
  }),
  reorderAlerts: z.array(ZReorderAlertFigure),
});
export type TPartsAnalysis = z.infer<typeof ZPartsAnalysis>;

export const ZPartsAnalysisRecordsQuery = z
  .strictObject({
    ...filterFields,
    basis: z.enum(PART_CHARGE_BASES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine(periodInOrder);
export type TPartsAnalysisRecordsQuery = z.infer<typeof ZPartsAnalysisRecordsQuery>;

export const ZConsumptionRecord = z.object({
  id: z.int(),
  at: z.iso.datetime({ offset: true }),
  kind: z.enum(['issue', 'return_unused']),
  partId: z.uuid(),
  partNumber: z.string(),
  partName: z.string(),
  /** Positive for an issue, negative for an unused return. */
  quantity: z.int(),
  valueFen: z.int(),
  locationName: z.string().nullable(),
  workOrderRef: z.string().nullable(),
  ticketId: z.uuid().nullable(),
  projectName: z.string().nullable(),
  productName: z.string().nullable(),
  basis: z.enum(PART_CHARGE_BASES),
});
export type TConsumptionRecord = z.infer<typeof ZConsumptionRecord>;
export const ZConsumptionRecordPage = z.object({ items: z.array(ZConsumptionRecord), total: z.int() });

export const PARTS_ANALYSIS_TABLES = [
  'trend',
  'byPart',
  'byProject',
  'byProduct',
  'turnsByLocation',
  'turnsByPart',
  'reorderAlerts',
] as const;
export type TPartsAnalysisTable = (typeof PARTS_ANALYSIS_TABLES)[number];
