// Zod schemas of maintenance compliance, plan tuning and plans made from a maintenance contract
// (issue 16: 合规 and 根据维护保养数据调整和优化维护保养计划; 篇4 g.8).
import { z } from 'zod';
import { ZId } from './api.ts';

const ZInstant = z.iso.datetime({ offset: true });
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

// ---------- compliance ----------
export const COMPLIANCE_GROUPS = ['customer', 'project', 'engineer', 'month'] as const;
export const complianceQueryFields = {
  from: ZMonth,
  to: ZMonth,
  groupBy: z.enum(COMPLIANCE_GROUPS).default('month'),
  customerId: ZId.optional(),
  projectId: ZId.optional(),
  engineerId: ZId.optional(),
};
export const rangeInOrder = (q: { from: string; to: string }, c: z.core.$RefinementCtx) => {
  if (q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'the range ends before it starts' });
};
export const ZComplianceQuery = z.strictObject(complianceQueryFields).superRefine(rangeInOrder);
export type TComplianceQuery = z.infer<typeof ZComplianceQuery>;

/** due: visits whose date falls in the group; onTime/late: done by / after their window's close; missed:
 * not done (or cancelled) and the window closed; open: not done, the window still open. */
export const ZComplianceRow = z.object({
  key: z.string(),
  label: z.string(),
  due: z.int(),
  onTime: z.int(),
  late: z.int(),
  missed: z.int(),
  open: z.int(),
  /** onTime / (due − open), null when nothing is decided yet. */
  onTimeRate: z.number().nullable(),
});
export type TComplianceRow = z.infer<typeof ZComplianceRow>;
export const ZComplianceReport = z.object({
  groupBy: z.enum(COMPLIANCE_GROUPS),
  rows: z.array(ZComplianceRow),
  total: ZComplianceRow,
});
export type TComplianceReport = z.infer<typeof ZComplianceReport>;

export const ZOverdueSweepResult = z.object({ warnings: z.int(), escalations: z.int(), cleared: z.int() });

// ---------- tuning ----------
export const TUNING_DIRECTIONS = ['shorter', 'longer'] as const;
export const TUNING_STATUSES = ['open', 'accepted', 'rejected'] as const;
/** What a proposal rests on, kept with the decision. */
export const ZTuningEvidence = z.object({
  assets: z.int(),
  /** The window looked at, in days (from the first visit or failure counted to the analysis). */
  windowDays: z.int(),
  failures: z.int(),
  /** Mean time between failures in days over the window and assets; null without failures. */
  mtbfDays: z.number().nullable(),
  /** Failures that came after a visit and before the next one was due. */
  failuresBeforeNextVisit: z.int(),
  visits: z.int(),
  visitsWithFindings: z.int(),
  /** Visits in a row (latest first) that found nothing. */
  cleanVisitsInRow: z.int(),
  /** Where the findings came from: `visit_items` (completed visits, findings not yet recorded). */
  findingsSource: z.string(),
  rule: z.enum(['failures_before_next_visit', 'dangers_keep_being_found', 'clean_visits_no_failure']),
});
export type TTuningEvidence = z.infer<typeof ZTuningEvidence>;

export const ZTuningProposal = z.object({
  id: ZId,
  templateId: ZId,
  templateName: z.string(),
  productId: ZId,
  productName: z.string(),
  currentMonths: z.int(),
  proposedMonths: z.int(),
  direction: z.enum(TUNING_DIRECTIONS),
  evidence: ZTuningEvidence,
  status: z.enum(TUNING_STATUSES),
  decidedBy: ZId.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: ZInstant.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: ZInstant,
  version: z.int(),
});
export type TTuningProposal = z.infer<typeof ZTuningProposal>;
export const ZTuningListQuery = z.strictObject({ status: z.enum(TUNING_STATUSES).optional() });
export const ZTuningDecision = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  note: z.string().trim().max(1000).nullable().default(null),
  version: z.int().min(1).max(2_147_483_647),
});
export type TTuningDecision = z.infer<typeof ZTuningDecision>;
export const ZTuningAnalysis = z.object({ groups: z.int(), proposed: z.int() });

// ---------- plans from a contract ----------
export const ZPlanFromContractRequest = z.strictObject({
  contractId: ZId,
  templateIds: z.array(ZId).min(1, 'choose at least one template').max(50),
  name: z.string().trim().min(1).max(100).optional(),
  /** The owner's own cycle in months, when the contract says so; every item runs at it. */
  ownerCycleMonths: z.int().min(1).max(120).nullable().default(null),
  mode: z.enum(['fixed', 'floating']).default('fixed'),
  /** Equipment of the contract's project to leave out (all of it by default). */
  excludeAssetIds: z.array(ZId).max(5000).default([]),
});
export type TPlanFromContractRequest = z.infer<typeof ZPlanFromContractRequest>;
