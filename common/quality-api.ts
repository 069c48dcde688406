// Quality (质量, issue 19): the product quality case (产品质量处理单) a quality engineer opens from a
// ticket, a repair, a return, a complaint, a field feedback form or an early-warning alert; the field
// feedback form (售后信息反馈意见表) after each trip; and the early warning of recurring problems
// (本月、本季、本年度连续出现的问题进行层层重点预警, 篇3 二).
import { z } from 'zod';
import { ZCursorQuery, ZId, ZVersion } from './api.ts';
import { ZVisitWorkOrder } from './maintenance-visits-api.ts';

const ZDate = z.iso.date();
const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

// ---------- settings of the detector ----------
export const DEFAULT_QUALITY_SETTINGS = {
  /** Poisson upper-tail probability below which a count is "improbably high". */
  level: 0.005,
  /** Fewer failures than this never raise an alert, however improbable. */
  minCount: 3,
  /** Periods in a row that show the problem for a "keeps coming back" alert. */
  consecutivePeriods: 3,
  /** Complete months before a period that make its history (the base rates). */
  historyMonths: 12,
};
const settingsFields = {
  level: z.number().min(0.000_001).max(0.2),
  minCount: z.int().min(1).max(1000),
  consecutivePeriods: z.int().min(2).max(12),
  historyMonths: z.int().min(3).max(60),
};
export const ZQualitySettings = z.object({
  ...settingsFields,
  version: z.int(),
  updatedAt: ZInstant.nullable(),
});
export type TQualitySettings = z.infer<typeof ZQualitySettings>;
export const ZUpdateQualitySettingsRequest = z.strictObject({
  ...settingsFields,
  version: z.int().min(0).max(2_147_483_647),
});
export type TUpdateQualitySettingsRequest = z.infer<typeof ZUpdateQualitySettingsRequest>;

// ---------- alerts ----------
/**
 * batch_part: a part batch, its "fault class" the part (fitted units replaced again); supplier_part: the
 * batches of one supplier of a part, likewise.
 */
export const ALERT_GROUP_KINDS = [
  'model_fault',
  'project_fault',
  'customer_fault',
  'batch_part',
  'supplier_part',
] as const;
export type TAlertGroupKind = (typeof ALERT_GROUP_KINDS)[number];
/** 层层预警: month → quarter → year. */
export const ALERT_LEVELS = ['month', 'quarter', 'year'] as const;
export type TAlertLevel = (typeof ALERT_LEVELS)[number];
/** spike: improbably many against the base and the group's own history; repeated: in consecutive periods. */
export const ALERT_REASONS = ['spike', 'repeated'] as const;
export type TAlertReason = (typeof ALERT_REASONS)[number];
export const ALERT_STATUSES = ['open', 'case_opened', 'closed'] as const;
export type TAlertStatus = (typeof ALERT_STATUSES)[number];

export const ZAlertEvidence = z.object({
  tickets: z.array(z.object({ id: ZId, number: z.string(), createdAt: ZInstant })),
  assets: z.array(z.object({ id: ZId, serial: z.string(), productModel: z.string() })),
  batches: z.array(z.string()),
});
export type TAlertEvidence = z.infer<typeof ZAlertEvidence>;

export const ZQualityAlert = z.object({
  id: ZId,
  number: z.string(),
  groupKind: z.enum(ALERT_GROUP_KINDS),
  /** The group in words: a product model, a project or a customer. */
  groupName: z.string(),
  faultCategory: z.string(),
  level: z.enum(ALERT_LEVELS),
  reason: z.enum(ALERT_REASONS),
  periodStart: ZDate,
  periodEnd: ZDate,
  count: z.int(),
  expected: z.number(),
  pValue: z.number(),
  units: z.int(),
  evidence: ZAlertEvidence,
  status: z.enum(ALERT_STATUSES),
  caseId: ZId.nullable(),
  caseNumber: z.string().nullable(),
  raisedAt: ZInstant,
  lastSeenAt: ZInstant,
});
export type TQualityAlert = z.infer<typeof ZQualityAlert>;
/** 特殊巡查 from an alert: the last day (default: today + the maintenance settings' days) and a note. */
export const ZStartAlertInspectionsRequest = z.strictObject({
  dueOn: ZDate.optional(),
  note: text(500).optional(),
});
export type TStartAlertInspectionsRequest = z.infer<typeof ZStartAlertInspectionsRequest>;
export const ZAlertInspections = z.object({
  /** false: the alert's open inspections came back, nothing new was created. */
  created: z.boolean(),
  inspections: z.array(ZVisitWorkOrder),
});
export const ZAlertListQuery = ZCursorQuery.extend({ status: z.enum(ALERT_STATUSES).optional() });
export type TAlertListQuery = z.infer<typeof ZAlertListQuery>;
export const ZDetectionResult = z.object({
  raised: z.int(),
  escalated: z.int(),
  reopenedCases: z.int(),
  groupsChecked: z.int(),
});
export type TDetectionResult = z.infer<typeof ZDetectionResult>;

// ---------- quality cases ----------
export const CASE_SOURCE_KINDS = [
  'ticket',
  'work_order',
  'return',
  'complaint',
  'alert',
  'feedback',
] as const;
export type TCaseSourceKind = (typeof CASE_SOURCE_KINDS)[number];
export const CASE_STATUSES = ['open', 'closed'] as const;
export const CASE_DECISIONS = ['technical', 'service'] as const;
export type TCaseDecision = (typeof CASE_DECISIONS)[number];
/** A service problem goes to staff training on one of these (篇3 二: 知识、礼仪、流程). */
export const TRAINING_TOPICS = ['knowledge', 'etiquette', 'process'] as const;
export const CASE_EVENT_KINDS = [
  'opened',
  'updated',
  'decided',
  'action_done',
  'closed',
  'reopened',
] as const;

export const ZCaseAction = z.object({
  description: z.string(),
  ownerId: ZId,
  ownerName: z.string(),
  dueOn: ZDate,
  doneAt: ZInstant.nullable(),
});
export type TCaseAction = z.infer<typeof ZCaseAction>;
export const ZCaseActionInput = z.strictObject({
  description: text(500),
  ownerId: ZId,
  dueOn: ZDate,
  done: z.boolean().default(false),
});

export const ZQualityCase = z.object({
  id: ZId,
  number: z.string(),
  status: z.enum(CASE_STATUSES),
  sourceKind: z.enum(CASE_SOURCE_KINDS),
  sourceId: ZId,
  sourceNumber: z.string(),
  productModel: z.string().nullable(),
  assets: z.array(z.object({ id: ZId, serial: z.string() })),
  batches: z.array(z.string()),
  description: z.string(),
  causeAnalysis: z.string().nullable(),
  decision: z.enum(CASE_DECISIONS).nullable(),
  /** technical → the product improvement request raised (its number); service → the training need. */
  improvementNumber: z.string().nullable(),
  trainingNumber: z.string().nullable(),
  trainingTopic: z.enum(TRAINING_TOPICS).nullable(),
  actions: z.array(ZCaseAction),
  closingCause: z.string().nullable(),
  closingAction: z.string().nullable(),
  closedAt: ZInstant.nullable(),
  reopenCount: z.int(),
  alertId: ZId.nullable(),
  createdByName: z.string(),
  version: z.int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TQualityCase = z.infer<typeof ZQualityCase>;
export const ZQualityCaseDetail = ZQualityCase.extend({
  events: z.array(
    z.object({
      kind: z.enum(CASE_EVENT_KINDS),
      at: ZInstant,
      actorName: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export type TQualityCaseDetail = z.infer<typeof ZQualityCaseDetail>;
export const ZCaseListQuery = ZCursorQuery.extend({ status: z.enum(CASE_STATUSES).optional() });
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

export const ZCreateCaseRequest = z.strictObject({
  sourceKind: z.enum(CASE_SOURCE_KINDS),
  sourceId: ZId,
  productModel: text(200).optional(),
  assetIds: z.array(ZId).max(50).default([]),
  batches: z.array(text(100)).max(50).default([]),
  description: text(4000),
});
export type TCreateCaseRequest = z.infer<typeof ZCreateCaseRequest>;

export const ZUpdateCaseRequest = z.strictObject({
  version: ZVersion,
  productModel: text(200).nullable().optional(),
  batches: z.array(text(100)).max(50).optional(),
  description: text(4000).optional(),
  causeAnalysis: text(4000).nullable().optional(),
  decision: z.enum(CASE_DECISIONS).nullable().optional(),
  /** With decision service: the topic of the training need. */
  trainingTopic: z.enum(TRAINING_TOPICS).optional(),
  actions: z.array(ZCaseActionInput).max(50).optional(),
});
export type TUpdateCaseRequest = z.infer<typeof ZUpdateCaseRequest>;

export const ZCloseCaseRequest = z.strictObject({
  version: ZVersion,
  closingCause: text(2000),
  closingAction: text(2000),
});
export type TCloseCaseRequest = z.infer<typeof ZCloseCaseRequest>;

// ---------- field feedback form (售后信息反馈意见表) ----------
export const ZFeedbackForm = z.object({
  id: ZId,
  workOrderId: ZId,
  workOrderNumber: z.string(),
  customerId: ZId,
  engineerName: z.string(),
  faultFound: z.string(),
  cause: z.string(),
  customerOpinion: z.string(),
  suggestions: z.string().nullable(),
  fileIds: z.array(ZId),
  caseId: ZId.nullable(),
  submittedAt: ZInstant,
});
export type TFeedbackForm = z.infer<typeof ZFeedbackForm>;
export const ZSubmitFeedbackRequest = z.strictObject({
  faultFound: text(2000),
  cause: text(2000),
  customerOpinion: text(2000),
  suggestions: text(2000).optional(),
  /** Photos and videos of the fault, uploaded through the files API first. */
  fileIds: z.array(ZId).max(20).default([]),
});
export type TSubmitFeedbackRequest = z.infer<typeof ZSubmitFeedbackRequest>;
export const ZFeedbackListQuery = ZCursorQuery;
