// Zod schemas of the field service API (work orders, the engineer's visit, dispatch, follow-ups),
// shared by the server (validation, OpenAPI) and the web app (types).
import { z } from 'zod';
import { ZId, ZVersion } from './api.ts';
import { CAUSES } from './warranty-rules.ts';

const ZDate = z.iso.date();

export const WORK_ORDER_KINDS = ['repair', 'maintenance', 'inspection', 'installation'] as const;
export const WORK_ORDER_STATUSES = [
  'new',
  'assigned',
  'accepted',
  'travelling',
  'on_site',
  'diagnosed',
  'repairing',
  'completed',
  'cancelled',
] as const;
export const VISIT_STAGES = [
  'remote_guidance',
  'accepted',
  'departed',
  'arrived',
  'credentials_shown',
  'diagnosed',
  'plan_agreed',
  'repair_started',
  'tested',
  'temporary_solution',
  'completed',
] as const;
export type TVisitStage = (typeof VISIT_STAGES)[number];
/**
 * The guided visit: the order the phone proposes the stages in (the next one is the big button).
 * A temporary solution is a branch, offered beside the sequence, not a step of it.
 */
export const VISIT_SEQUENCE = [
  'remote_guidance',
  'accepted',
  'departed',
  'arrived',
  'credentials_shown',
  'diagnosed',
  'plan_agreed',
  'repair_started',
  'tested',
  'completed',
] as const satisfies readonly TVisitStage[];
/** Stages that need not happen on every visit: the engineer skips them with a reason (audited). */
export const SKIPPABLE_STAGES = [
  'remote_guidance',
  'credentials_shown',
  'plan_agreed',
  'repair_started',
  'tested',
] as const satisfies readonly TVisitStage[];
export const isSkippable = (stage: string) => (SKIPPABLE_STAGES as readonly string[]).includes(stage);
/**
 * The next stage of the guided sequence: the one after the furthest stage done or skipped (stages
 * passed over stay available, not proposed), the first when nothing is recorded, null once completed.
 */
export function nextVisitStage(events: readonly { stage: string }[]): TVisitStage | null {
  const seen = new Set(events.map((e) => e.stage));
  if (seen.has('completed')) return null;
  const furthest = VISIT_SEQUENCE.reduce((at, s, i) => (seen.has(s) ? i : at), -1);
  return VISIT_SEQUENCE[furthest + 1] ?? null;
}
export type TWorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max).nullable().optional();

// ---------- what a work order records (its jsonb columns) ----------
export const ZConsent = z.strictObject({
  kind: z.enum(['verbal', 'signature']),
  by: z.string().trim().min(1).max(100),
  at: ZInstant.optional(),
});
export const ZDiagnosis = z.object({ faultLocation: z.string(), cause: z.enum(CAUSES) });
export type TDiagnosis = z.infer<typeof ZDiagnosis>;
export const ZRepairPlan = z.object({
  text: z.string().nullable(),
  estimatedMinutes: z.number().nullable(),
  consent: ZConsent.extend({ signatureFileId: z.string().nullable() }),
});
export type TRepairPlan = z.infer<typeof ZRepairPlan>;
export const ZTemporarySolution = z.object({ solution: z.string().nullable(), plannedFix: z.string() });
export type TTemporarySolution = z.infer<typeof ZTemporarySolution>;
export const ZRepairReport = z.object({
  process: z.string().nullable(),
  result: z.string().nullable(),
  tests: z.string().nullable(),
  prevention: z.string().nullable(),
});
export type TRepairReport = z.infer<typeof ZRepairReport>;

export const CHARGE_BASES = [
  'warranty',
  'at_cost',
  'fee_schedule',
  'no_fee_schedule',
  'pending_acceptance',
] as const;
export type TChargeBasis = (typeof CHARGE_BASES)[number];
export const ZChargeSheet = z.object({
  covered: z.object({ labour: z.boolean(), travel: z.boolean(), parts: z.boolean() }),
  status: z.string(),
  reasons: z.array(
    z.object({
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      text: z.string(),
    }),
  ),
  lines: z.array(
    z.object({
      item: z.enum(['travel', 'labour', 'part']),
      label: z.string(),
      quantity: z.number(),
      unitFen: z.number(),
      amountFen: z.number(),
      /** Travel: the kilometres entered; labour: the minutes entered (billed by the started hour). */
      entered: z.number().nullable().optional(),
      /** Why the line is priced so: `warranty` (free), `at_cost`, `fee_schedule`, `no_fee_schedule`, `pending_acceptance`. */
      basis: z.enum(CHARGE_BASES).optional(),
    }),
  ),
  totalFen: z.number(),
  /** How the charged items are priced: at cost (篇4 g.7–8) or by the fee schedule. Absent on old sheets. */
  pricing: z.enum(['free', 'cost', 'fee_schedule']).optional(),
  /** Equipment not yet accepted: coverage is pending and the dispatcher decides who pays. */
  pendingDecision: z.boolean().optional(),
});
export type TChargeSheet = z.infer<typeof ZChargeSheet>;
export const ZCharges = ZChargeSheet.extend({ receiptNumber: z.string().nullable() });
/** A preview of the charges with the labour and travel the engineer is about to enter. */
export const ZChargesQuery = z.object({
  timeSpentMinutes: z.coerce.number().int().min(0).max(100_000).optional(),
  travelKm: z.coerce.number().min(0).max(10_000).optional(),
});
export type TChargesQuery = z.infer<typeof ZChargesQuery>;
export type TCharges = z.infer<typeof ZCharges>;

/** Where the emailed repair report stands (sent by the `field.publish-report` job, with retries). */
export const REPORT_DELIVERY_STATES = ['pending', 'published', 'failed'] as const;
export const ZReportDelivery = z.object({
  state: z.enum(REPORT_DELIVERY_STATES),
  attempts: z.int(),
  error: z.string().nullable(),
  at: ZInstant,
});
export type TReportDelivery = z.infer<typeof ZReportDelivery>;

// ---------- the engineer's visit ----------
/** What each stage may carry (see the stage rules in visit.ts). */
export const ZStageData = z.strictObject({
  faultLocation: text(500),
  cause: z.enum(CAUSES).optional(),
  plan: text(2000),
  estimatedMinutes: z.int().min(1).max(10_000).nullable().optional(),
  consent: ZConsent.optional(),
  solution: text(2000),
  plannedFix: text(2000),
  process: text(4000),
  result: text(4000),
  tests: text(2000),
  prevention: text(2000),
  timeSpentMinutes: z.int().min(0).max(100_000).nullable().optional(),
  travelKm: z.number().min(0).max(10_000).nullable().optional(),
  signature: z.string().max(600_000).optional(),
  signedBy: text(100),
  outcome: text(500),
});
export type TStageData = z.infer<typeof ZStageData>;
/** As stored: the signature drawn on the phone has become a file. */
export type TStoredStageData = Omit<TStageData, 'signature'> & { signatureFileId?: string };

export const ZRecordStageRequest = z.strictObject({
  clientEventId: z.string().trim().min(8).max(80),
  stage: z.enum(VISIT_STAGES),
  at: ZInstant,
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
  data: ZStageData.nullable().optional(),
  /** The stage does not apply to this visit: recorded as skipped, with why (only skippable stages). */
  skipReason: z.string().trim().min(2).max(500).optional(),
});
export type TRecordStageRequest = z.infer<typeof ZRecordStageRequest>;

export const ZWorkOrderEvent = z.object({
  id: z.number(),
  workOrderId: ZId,
  stage: z.enum(VISIT_STAGES),
  at: ZInstant,
  recordedAt: ZInstant,
  actorId: ZId.nullable(),
  clientEventId: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  /** Set when the stage was skipped: why it did not apply. */
  skipReason: z.string().nullable(),
});
export type TWorkOrderEvent = z.infer<typeof ZWorkOrderEvent>;

// ---------- work orders ----------
export const ZCreateWorkOrderRequest = z.strictObject({
  kind: z.enum(WORK_ORDER_KINDS).default('repair'),
  summary: z.string().trim().min(1).max(200).optional(),
  engineerId: ZId.nullable().optional(),
  scheduledAt: ZInstant.nullable().optional(),
});
export type TCreateWorkOrderRequest = z.input<typeof ZCreateWorkOrderRequest>;

export const WORK_ORDER_QUEUES = ['mine', 'open', 'unassigned', 'all'] as const;
export const ZListWorkOrdersQuery = z.object({
  queue: z.enum(WORK_ORDER_QUEUES).default('mine'),
  ticketId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TListWorkOrdersQuery = z.infer<typeof ZListWorkOrdersQuery>;

export const ZDispatchRequest = z.strictObject({
  version: ZVersion,
  engineerId: ZId.nullable().optional(),
  scheduledAt: ZInstant.nullable().optional(),
  summary: z.string().trim().min(1).max(200).optional(),
});
export type TDispatchRequest = z.infer<typeof ZDispatchRequest>;

export const ZWorkOrder = z.object({
  id: ZId,
  number: z.string(),
  kind: z.enum(WORK_ORDER_KINDS),
  status: z.enum(WORK_ORDER_STATUSES),
  ticketId: ZId.nullable(),
  customerId: ZId,
  projectId: ZId.nullable(),
  assetIds: z.array(ZId),
  engineerId: ZId.nullable(),
  emergency: z.boolean(),
  summary: z.string(),
  scheduledAt: ZInstant.nullable(),
  diagnosis: ZDiagnosis.nullable(),
  plan: ZRepairPlan.nullable(),
  temporary: ZTemporarySolution.nullable(),
  report: ZRepairReport.nullable(),
  timeSpentMinutes: z.number().nullable(),
  travelKm: z.number().nullable(),
  photoIds: z.array(ZId),
  afterPhotoIds: z.array(ZId),
  reportFileId: ZId.nullable(),
  reportDelivery: ZReportDelivery.nullable(),
  charges: ZChargeSheet.nullable(),
  receiptNumber: z.string().nullable(),
  createdBy: ZId.nullable(),
  version: z.int(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  completedAt: ZInstant.nullable(),
});
export type TWorkOrder = z.infer<typeof ZWorkOrder>;

/** A planned visit's due window: the days (in the organisation's zone) it should be done on. */
export const ZDueWindow = z.object({ from: ZDate, by: ZDate });
export type TDueWindow = z.infer<typeof ZDueWindow>;

export const ZWorkOrderListItem = ZWorkOrder.extend({
  engineerName: z.string().nullable(),
  customerName: z.string(),
  address: z.string().nullable(),
  onSiteDueAt: ZInstant.nullable(),
  /** Maintenance and inspection visits: the due window (repairs have the on-site deadline instead). */
  dueWindow: ZDueWindow.nullable(),
});
export type TWorkOrderListItem = z.infer<typeof ZWorkOrderListItem>;

export const ZWorkOrderDetail = ZWorkOrder.extend({
  customerName: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  projectName: z.string().nullable(),
  emergencyPlanFileId: ZId.nullable(),
  ticketNumber: z.string().nullable(),
  /** The ticket's running on-site deadline (what the visit's countdown counts down to). */
  onSiteDueAt: ZInstant.nullable(),
  /** Maintenance and inspection visits: the due window (repairs have the on-site deadline instead). */
  dueWindow: ZDueWindow.nullable(),
  /** The equipment of `assetIds`, in the same order, by serial and name (what the engineer reads). */
  assets: z.array(z.object({ id: ZId, label: z.string() })),
  events: z.array(ZWorkOrderEvent),
  /** Equipment labels scanned on site (evidence of presence beside the check-in). */
  equipmentScans: z.array(z.object({ at: ZInstant, onThisWorkOrder: z.boolean() })),
});
export type TWorkOrderDetail = z.infer<typeof ZWorkOrderDetail>;
/** What dispatch answers: the work order, and warnings the dispatcher should see (nothing is refused). */
/**
 * after_on_site_deadline: after the ticket's on-site deadline (`dueAt`); before_due_window and
 * after_due_window: a planned visit set outside its due window (`window`).
 */
export const DISPATCH_WARNINGS = ['after_on_site_deadline', 'before_due_window', 'after_due_window'] as const;
export const ZDispatchResponse = ZWorkOrderDetail.extend({
  warnings: z.array(
    z.object({
      code: z.enum(DISPATCH_WARNINGS),
      dueAt: ZInstant.optional(),
      window: ZDueWindow.optional(),
    }),
  ),
});
export type TDispatchResponse = z.infer<typeof ZDispatchResponse>;

export const ZSetPhotosRequest = z.strictObject({
  before: z.array(ZId).max(30).optional(),
  after: z.array(ZId).max(30).optional(),
});
export type TSetPhotosRequest = z.infer<typeof ZSetPhotosRequest>;

export const ZCustomerReport = z.object({ id: ZId, number: z.string(), completedAt: ZInstant.nullable() });
export type TCustomerReport = z.infer<typeof ZCustomerReport>;

export const ZReportQuery = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

// ---------- third-party repair, settings ----------
export const ZThirdPartyDeductionRequest = z.strictObject({
  amountFen: z.int().min(1).max(1_000_000_000),
  reason: z.string().trim().min(1).max(500),
  evidenceFileId: ZId,
});
export type TThirdPartyDeductionRequest = z.infer<typeof ZThirdPartyDeductionRequest>;
export const ZThirdPartyDeduction = z.object({ entryId: ZId, balanceFen: z.number() });

/**
 * Travel is charged per kilometre (km × rate), not per trip; the seed names no figure, so these are
 * the product's defaults (¥2.00/km by the fee schedule, ¥1.00/km at cost) until a manager changes them.
 */
export const DEFAULT_TRAVEL_RATE_PER_KM_FEN = 200;
export const DEFAULT_TRAVEL_COST_RATE_PER_KM_FEN = 100;
export const ZFieldSettings = z.object({
  travelRatePerKmFen: z.int(),
  travelCostRatePerKmFen: z.int(),
  version: z.int(),
  updatedAt: ZInstant.nullable(),
});
export type TFieldSettings = z.infer<typeof ZFieldSettings>;
export const ZUpdateFieldSettingsRequest = z.strictObject({
  version: z.int().min(0).max(2_147_483_647),
  /** Fen per kilometre of travel (at most ¥1,000/km). */
  travelRatePerKmFen: z.int().min(0).max(100_000).optional(),
  travelCostRatePerKmFen: z.int().min(0).max(100_000).optional(),
});
export type TUpdateFieldSettingsRequest = z.infer<typeof ZUpdateFieldSettingsRequest>;

// ---------- engineers ----------
export const ZLeave = z.strictObject({ from: z.iso.date(), to: z.iso.date() });
export type TLeave = z.infer<typeof ZLeave>;
export const ZSaveProfileRequest = z.strictObject({
  version: z.int().min(0).max(2_147_483_647),
  skills: z.array(z.string().trim().min(1).max(60)).max(50),
  homeRegion: z.string().trim().max(60).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  workDays: z.array(z.int().min(0).max(6)).max(7),
  workStart: z.int().min(0).max(1440),
  workEnd: z.int().min(0).max(1440),
  leave: z.array(ZLeave).max(100),
});
export type TSaveProfileRequest = z.infer<typeof ZSaveProfileRequest>;

export const ZEngineerProfile = z.object({
  skills: z.array(z.string()),
  homeRegion: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  workDays: z.array(z.int()),
  workStart: z.int(),
  workEnd: z.int(),
  leave: z.array(ZLeave),
  version: z.int(),
});
export type TEngineerProfile = z.infer<typeof ZEngineerProfile>;

export const ZEngineer = z.object({
  id: ZId,
  displayName: z.string(),
  openWorkOrders: z.int(),
  vanId: ZId.nullable(),
  profile: ZEngineerProfile,
});
export type TEngineer = z.infer<typeof ZEngineer>;

/** Why an engineer is suggested (or not): a code the web app words, with its values. */
export const SUGGESTION_REASONS = [
  'skill',
  'no_skill',
  'distance',
  'region',
  'jobs_today',
  'open_jobs',
  'on_leave',
  'day_off',
  'before_deadline',
  'after_deadline',
  'can_start',
  'van_parts',
] as const;
export type TSuggestionReason = (typeof SUGGESTION_REASONS)[number];
export const ZSuggestionReason = z.object({
  code: z.enum(SUGGESTION_REASONS),
  /** Does the reason count for (+) or against (−) the engineer? */
  effect: z.enum(['plus', 'minus', 'info']),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type TSuggestionReasonItem = z.infer<typeof ZSuggestionReason>;
export const ZEngineerSuggestion = z.object({
  engineerId: ZId,
  displayName: z.string(),
  /** How well the engineer fits the work, 0–100 (skill 40, nearness 30, availability 15, parts in the van 15, less his load). */
  score: z.int().min(0).max(100),
  reasons: z.array(ZSuggestionReason),
  available: z.boolean(),
});
export type TEngineerSuggestion = z.infer<typeof ZEngineerSuggestion>;
