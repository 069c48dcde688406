// Zod schemas of the complaints API (投诉, 篇1 六; issue 17) and of improvement suggestions (改进建议).
import { z } from 'zod';
import { ZCursorQuery, ZId, ZLocale, ZVersion } from './api.ts';

const ZInstant = z.iso.datetime({ offset: true });
const ZDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

// ---------- settings ----------
/**
 * The seed's times (篇1 六, 篇4 c.4): a complaint handled within 24 h; a defect found by a complaint on
 * site within 24 h, a solution within 48 h, a replacement within 72 h; the feedback visit within 24 h
 * after handling. Warnings come `warningLeadHours` before each deadline.
 */
export const DEFAULT_COMPLAINT_SETTINGS = {
  handleHours: 24,
  onSiteHours: 24,
  solutionHours: 48,
  replacementHours: 72,
  feedbackHours: 24,
  warningLeadHours: 4,
};
const ZHours = z
  .int()
  .min(1)
  .max(24 * 60);
const settingsFields = {
  handleHours: ZHours,
  onSiteHours: ZHours,
  solutionHours: ZHours,
  replacementHours: ZHours,
  feedbackHours: ZHours,
  warningLeadHours: z
    .int()
    .min(0)
    .max(24 * 30),
};
export const ZComplaintSettings = z.object({
  ...settingsFields,
  version: z.int(),
  updatedAt: ZInstant.nullable(),
});
export type TComplaintSettings = z.infer<typeof ZComplaintSettings>;
export const ZUpdateComplaintSettingsRequest = z.strictObject({
  ...settingsFields,
  version: z.int().min(0).max(2_147_483_647),
});
export type TUpdateComplaintSettingsRequest = z.infer<typeof ZUpdateComplaintSettingsRequest>;

// ---------- complaints ----------
export const COMPLAINT_CHANNELS = ['hotline', 'email', 'portal', 'chat', 'letter'] as const;
export type TComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
/** What the complaint is about: the "service" hot spot of the summary. */
export const COMPLAINT_CATEGORIES = [
  'product_quality',
  'repair_quality',
  'response_time',
  'staff_conduct',
  'charges',
  'other',
] as const;
export const ROOT_CAUSES = [
  'product_defect',
  'workmanship',
  'staff_conduct',
  'process',
  'communication',
  'customer_use',
  'other',
] as const;
/**
 * accepted → investigating → handled → feedback → satisfied → closed; an unsatisfied answer reopens
 * (back to investigating, next round); a manager may close an open complaint with a reason.
 */
export const COMPLAINT_STATUSES = [
  'accepted',
  'investigating',
  'handled',
  'feedback',
  'satisfied',
  'closed',
] as const;
export type TComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_TARGETS = ['handle', 'on_site', 'solution', 'replacement', 'feedback'] as const;
export type TComplaintTarget = (typeof COMPLAINT_TARGETS)[number];

export const ZCreateComplaintRequest = z.strictObject({
  /** Staff name the customer; a customer user files for its own organisation (channel portal). */
  customerId: ZId.optional(),
  channel: z.enum(COMPLAINT_CHANNELS).default('portal'),
  complainantName: text(120),
  contactPhone: z.string().trim().max(40).nullish(),
  contactEmail: z.email().max(200).nullish(),
  language: ZLocale.default('zh-CN'),
  matter: text(4000),
  category: z.enum(COMPLAINT_CATEGORIES).default('other'),
  receivedAt: ZInstant.optional(),
  againstUserId: ZId.nullish(),
  againstTeam: z.string().trim().min(1).max(80).nullish(),
  ticketId: ZId.nullish(),
  workOrderId: ZId.nullish(),
  assetId: ZId.nullish(),
  /** A defect found by the complaint (篇4 c.4): on-site, solution and replacement deadlines apply. */
  defect: z.boolean().default(false),
  /** The scanned letter and other documents (files module). */
  fileIds: z.array(ZId).max(20).default([]),
});
export type TCreateComplaintRequest = z.infer<typeof ZCreateComplaintRequest>;

export const ZInvestigateRequest = z.strictObject({
  version: ZVersion,
  responsibleUserId: ZId,
  department: z.string().trim().min(1).max(80),
});
export const ZFindingsRequest = z.strictObject({
  version: ZVersion,
  facts: z.string().trim().max(4000).nullish(),
  rootCause: z.enum(ROOT_CAUSES).nullish(),
  rootCauseNote: z.string().trim().max(4000).nullish(),
  solution: z.string().trim().max(4000).nullish(),
  /** The complaint is founded against the person / unit complained about (counts in their record). */
  upheld: z.boolean().nullish(),
  /** Defect deadlines met: engineer on site, replacement done. */
  onSiteAt: ZInstant.nullish(),
  replacedAt: ZInstant.nullish(),
});
export type TFindingsRequest = z.infer<typeof ZFindingsRequest>;
export const ZMilestoneInput = z.strictObject({ title: text(200), dueOn: ZDate });
export const ZHandleRequest = z.strictObject({
  version: ZVersion,
  /** Solved at once; otherwise a plan with milestones is communicated to the complainant. */
  immediate: z.boolean(),
  solution: text(4000),
  milestones: z.array(ZMilestoneInput).max(20).default([]),
});
export type THandleRequest = z.infer<typeof ZHandleRequest>;
export const ZProgressRequest = z.strictObject({
  version: ZVersion,
  note: text(2000),
  milestoneId: ZId.nullish(),
});
export const ZFeedbackRequest = z.strictObject({
  version: ZVersion,
  satisfied: z.boolean(),
  comment: z.string().trim().max(2000).nullish(),
});
export const ZVersionOnly = z.strictObject({ version: ZVersion });
export const ZCloseRequest = z.strictObject({
  version: ZVersion,
  reason: z.string().trim().min(1).max(2000).nullish(),
});

export const ZMilestone = z.object({
  id: ZId,
  title: z.string(),
  dueOn: ZDate,
  doneAt: ZInstant.nullable(),
});
export const ZComplaintEvent = z.object({
  kind: z.string(),
  at: ZInstant,
  round: z.int(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export const ZComplaintDeadline = z.object({
  target: z.enum(COMPLAINT_TARGETS),
  dueAt: ZInstant,
  metAt: ZInstant.nullable(),
  state: z.enum(['running', 'warning', 'breached', 'met', 'met_late']),
});
export const ZComplaint = z.object({
  id: ZId,
  number: z.string(),
  customerId: ZId,
  customerName: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  complainantName: z.string(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  language: ZLocale,
  matter: z.string(),
  category: z.enum(COMPLAINT_CATEGORIES),
  receivedAt: ZInstant,
  againstUserId: ZId.nullable(),
  againstUserName: z.string().nullable(),
  againstTeam: z.string().nullable(),
  ticketId: ZId.nullable(),
  ticketNumber: z.string().nullable(),
  workOrderId: ZId.nullable(),
  assetId: ZId.nullable(),
  productName: z.string().nullable(),
  region: z.string().nullable(),
  defect: z.boolean(),
  fileIds: z.array(ZId),
  status: z.enum(COMPLAINT_STATUSES),
  round: z.int(),
  responsibleUserId: ZId.nullable(),
  responsibleName: z.string().nullable(),
  department: z.string().nullable(),
  facts: z.string().nullable(),
  rootCause: z.enum(ROOT_CAUSES).nullable(),
  rootCauseNote: z.string().nullable(),
  solution: z.string().nullable(),
  upheld: z.boolean().nullable(),
  immediate: z.boolean().nullable(),
  expectedAnswerAt: ZInstant,
  handledAt: ZInstant.nullable(),
  onSiteAt: ZInstant.nullable(),
  replacedAt: ZInstant.nullable(),
  feedbackAskedAt: ZInstant.nullable(),
  satisfied: z.boolean().nullable(),
  feedbackAt: ZInstant.nullable(),
  closedAt: ZInstant.nullable(),
  closedReason: z.string().nullable(),
  milestones: z.array(ZMilestone),
  events: z.array(ZComplaintEvent),
  deadlines: z.array(ZComplaintDeadline),
  version: z.int(),
  createdAt: ZInstant,
});
export type TComplaint = z.infer<typeof ZComplaint>;
export const ZComplaintListItem = ZComplaint.pick({
  id: true,
  number: true,
  customerId: true,
  customerName: true,
  channel: true,
  complainantName: true,
  matter: true,
  category: true,
  receivedAt: true,
  status: true,
  round: true,
  responsibleName: true,
  expectedAnswerAt: true,
  version: true,
}).extend({ warning: z.boolean(), breached: z.boolean() });
export type TComplaintListItem = z.infer<typeof ZComplaintListItem>;
export const ZComplaintListQuery = ZCursorQuery.extend({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
  customerId: ZId.optional(),
});

// ---------- summary (投诉总结) ----------
export const ZComplaintSummaryQuery = z.object({ from: ZMonth, to: ZMonth });
export type TComplaintSummaryQuery = z.infer<typeof ZComplaintSummaryQuery>;
const ZCountRow = z.object({ key: z.string(), label: z.string(), count: z.int() });
export const ZComplaintSummary = z.object({
  from: ZMonth,
  to: ZMonth,
  total: z.int(),
  open: z.int(),
  closed: z.int(),
  satisfied: z.int(),
  reopened: z.int(),
  upheld: z.int(),
  handledOnTime: z.int(),
  handledLate: z.int(),
  byCategory: z.array(ZCountRow),
  byProduct: z.array(ZCountRow),
  byTeam: z.array(ZCountRow),
  byRegion: z.array(ZCountRow),
  byRootCause: z.array(ZCountRow),
  staff: z.array(z.object({ userId: ZId, name: z.string(), complaints: z.int(), upheld: z.int() })),
});
export type TComplaintSummary = z.infer<typeof ZComplaintSummary>;

// ---------- improvement suggestions (改进建议) ----------
export const SUGGESTION_SOURCES = ['follow_up', 'survey', 'complaint', 'portal', 'staff'] as const;
export const SUGGESTION_STATUSES = ['registered', 'evaluated', 'planned', 'declined'] as const;
export const ZCreateSuggestionRequest = z.strictObject({
  customerId: ZId.optional(),
  sourceKind: z.enum(SUGGESTION_SOURCES).default('portal'),
  sourceId: ZId.nullish(),
  title: text(200),
  description: text(4000),
  contactEmail: z.email().max(200).nullish(),
  language: ZLocale.default('zh-CN'),
});
export type TCreateSuggestionRequest = z.infer<typeof ZCreateSuggestionRequest>;
export const ZEvaluateSuggestionRequest = z.strictObject({
  version: ZVersion,
  feasible: z.boolean(),
  costEstimateFen: z.int().min(0).max(100_000_000_000).nullish(),
  evaluationNote: z.string().trim().max(4000).nullish(),
});
export const ZDecideSuggestionRequest = z.strictObject({
  version: ZVersion,
  decision: z.enum(['planned', 'declined']),
  reason: z.string().trim().max(4000).nullish(),
  /** Tell the customer by email (when the suggestion has an address). */
  tellCustomer: z.boolean().default(true),
});
export const ZSuggestionEffectRequest = z.strictObject({
  version: ZVersion,
  effectNote: text(4000),
  effectOn: ZDate,
});
export const ZSuggestion = z.object({
  id: ZId,
  number: z.string(),
  customerId: ZId,
  customerName: z.string(),
  sourceKind: z.enum(SUGGESTION_SOURCES),
  sourceId: ZId.nullable(),
  projectId: ZId.nullable(),
  title: z.string(),
  description: z.string(),
  contactEmail: z.string().nullable(),
  language: ZLocale,
  status: z.enum(SUGGESTION_STATUSES),
  feasible: z.boolean().nullable(),
  costEstimateFen: z.int().nullable(),
  evaluationNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: ZInstant.nullable(),
  customerToldAt: ZInstant.nullable(),
  effectNote: z.string().nullable(),
  effectOn: ZDate.nullable(),
  version: z.int(),
  createdAt: ZInstant,
});
export type TSuggestion = z.infer<typeof ZSuggestion>;
export const ZSuggestionListQuery = ZCursorQuery.extend({
  status: z.enum(SUGGESTION_STATUSES).optional(),
  customerId: ZId.optional(),
});
