// Zod schemas of the follow-up (回访) API: the rules that create follow-ups, the call list (回访清单),
// outcomes with retries, what was found and what was done about it, and the report (回访报告).
import { z } from 'zod';
import { ZId, ZVersion } from './api.ts';
import { isDate } from './calendar-dates.ts';

/**
 * Why a follow-up exists (篇1 二.2 every 3 months after delivery, 四.3 after a repair, 四.1 after a
 * consultation, 六.5 after a complaint is handled; 篇4 g.1 the monthly on-site visit; 篇2 the yearly
 * visit; 篇3 (5) the periodic call to every customer).
 */
export const FOLLOW_UP_RULES = [
  'delivery_quarterly',
  'repair',
  'consultation',
  'complaint',
  'onsite_monthly',
  'onsite_yearly',
  'periodic_call',
] as const;
export type TFollowUpRule = (typeof FOLLOW_UP_RULES)[number];
/** Rules counted from the project's delivery (acceptance) date, or the customer's first one. */
export const PERIODIC_RULES = [
  'delivery_quarterly',
  'onsite_monthly',
  'onsite_yearly',
  'periodic_call',
] as const;
export const FOLLOW_UP_CHANNELS = ['phone', 'email', 'on_site'] as const;
export type TFollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];
export const FOLLOW_UP_STATUSES = [
  'open',
  // Problems were passed on; the customer has not yet been told the outcome (篇1 四.2).
  'awaiting_customer',
  'done',
  // Not reached after the tries: the questions went by email.
  'emailed',
  // Not reached and no email address to fall back to.
  'unreached',
  'cancelled',
] as const;
export type TFollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const PROBLEM_CLASSES = ['usage', 'quality', 'service'] as const;
export type TProblemClass = (typeof PROBLEM_CLASSES)[number];
/** Usage → guidance now or a consultation ticket; quality/service → a ticket to the responsible team. */
export const PROBLEM_ACTIONS = ['guidance', 'consultation_ticket', 'ticket'] as const;
export type TProblemAction = (typeof PROBLEM_ACTIONS)[number];
export const CONTRACT_KINDS_FOR_RULES = [
  'supply_install',
  'maintenance_agreement',
  'extended_warranty',
] as const;

const ZQuestion = z.string().trim().min(1).max(300);

export const ZFollowUpRuleSetting = z.strictObject({
  enabled: z.boolean(),
  channel: z.enum(FOLLOW_UP_CHANNELS),
  /** Periodic rules: months between two follow-ups. */
  intervalMonths: z.int().min(1).max(60).nullable(),
  /** Event rules: days after the event (repair completed, consultation answered, complaint handled). */
  delayDays: z.int().min(0).max(60).nullable(),
  /** Count the delay in working days of the business calendar, and move due dates off closed days. */
  workingDays: z.boolean(),
  /** The on-site monthly visit applies to projects with an active contract of these kinds (篇4 g.1). */
  contractKinds: z.array(z.enum(CONTRACT_KINDS_FOR_RULES)).max(3),
  /** The script: what the agent asks (and what the fallback email asks). */
  questions: z.array(ZQuestion).max(20),
});
export type TFollowUpRuleSetting = z.infer<typeof ZFollowUpRuleSetting>;

const ZRules = z.strictObject(
  Object.fromEntries(FOLLOW_UP_RULES.map((r) => [r, ZFollowUpRuleSetting])) as Record<
    TFollowUpRule,
    typeof ZFollowUpRuleSetting
  >,
);

export const ZFollowUpSettingsValues = z.strictObject({
  rules: ZRules,
  /** Tries by phone before the questions go by email (default 3 over 2 days). */
  maxTries: z.int().min(1).max(10),
  retrySpanHours: z.int().min(1).max(336),
  /** "Due soon" warning this many hours before the due time; "overdue" this many after it. */
  dueSoonHours: z.int().min(0).max(168),
  overdueHours: z.int().min(0).max(168),
  /** Periodic follow-ups are created this many days before they are due (on-site visits need planning). */
  horizonDays: z.int().min(0).max(60),
});
export type TFollowUpSettingsValues = z.infer<typeof ZFollowUpSettingsValues>;

export const ZFollowUpSettings = ZFollowUpSettingsValues.extend({
  version: z.int().min(0),
  updatedAt: z.string().nullable(),
});
export type TFollowUpSettings = z.infer<typeof ZFollowUpSettings>;
export const ZUpdateFollowUpSettingsRequest = ZFollowUpSettingsValues.extend({ version: z.int().min(0) });
export type TUpdateFollowUpSettingsRequest = z.infer<typeof ZUpdateFollowUpSettingsRequest>;

const rule = (
  enabled: boolean,
  channel: TFollowUpChannel,
  intervalMonths: number | null,
  delayDays: number | null,
  workingDays: boolean,
  questions: string[],
  contractKinds: (typeof CONTRACT_KINDS_FOR_RULES)[number][] = [],
): TFollowUpRuleSetting => ({
  enabled,
  channel,
  intervalMonths,
  delayDays,
  workingDays,
  contractKinds,
  questions,
});

const SYSTEM_QUESTIONS = ['工程系统运行情况如何？', '使用中是否遇到问题？', '对我们的服务有什么意见或建议？'];

/** The seed's numbers (篇1 二.2, 四.1, 四.3, 六.5; 篇2; 篇3 (5); 篇4 g.1) as the defaults. */
export const DEFAULT_FOLLOW_UP_SETTINGS: TFollowUpSettingsValues = {
  rules: {
    delivery_quarterly: rule(true, 'phone', 3, null, true, SYSTEM_QUESTIONS),
    repair: rule(true, 'phone', null, 3, false, [
      '故障是否已彻底排除？',
      '维修工程师的服务态度和效率如何？',
      '您对本次维修满意吗？',
    ]),
    consultation: rule(true, 'phone', null, 1, true, ['您的问题是否已得到解答？', '您对答复满意吗？']),
    complaint: rule(true, 'phone', null, 1, false, [
      '您对投诉的处理结果满意吗？',
      '还有需要我们改进的地方吗？',
    ]),
    onsite_monthly: rule(
      true,
      'on_site',
      1,
      null,
      true,
      ['设备工作状态是否正常？', '管理人员是否掌握操作与保养？', '是否发现故障或隐患？'],
      ['maintenance_agreement'],
    ),
    onsite_yearly: rule(true, 'on_site', 12, null, true, SYSTEM_QUESTIONS),
    // 篇3 (5) names no interval: twice a year until the organisation decides otherwise.
    periodic_call: rule(true, 'phone', 6, null, true, [
      '您对所购产品的了解程度如何？',
      '产品特性是否符合您的要求？',
      '上门服务人员的态度是否良好？',
      '产品有哪些需要更人性化、合理化的地方？',
    ]),
  },
  maxTries: 3,
  retrySpanHours: 48,
  dueSoonHours: 2,
  overdueHours: 0,
  horizonDays: 7,
};

// ---------- the follow-up and the call list ----------
export const ZAnswer = z.strictObject({ question: ZQuestion, answer: z.string().trim().max(2000) });
export const ZFoundProblem = z.strictObject({
  class: z.enum(PROBLEM_CLASSES),
  description: z.string().trim().min(1).max(2000),
  action: z.enum(PROBLEM_ACTIONS),
  /** The guidance given on the call (usage problems). */
  note: z.string().trim().max(2000).nullable().optional(),
});
export type TFoundProblem = z.infer<typeof ZFoundProblem>;
export const ZRecordedProblem = ZFoundProblem.extend({
  ticketId: ZId.nullable(),
  ticketNumber: z.string().nullable(),
});
export const ZEquipmentCheck = z.strictObject({
  item: z.string().trim().min(1).max(200),
  ok: z.boolean(),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const ZFollowUp = z.object({
  id: ZId,
  rule: z.enum(FOLLOW_UP_RULES),
  channel: z.enum(FOLLOW_UP_CHANNELS),
  status: z.enum(FOLLOW_UP_STATUSES),
  dueAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  customerId: ZId,
  customerName: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  projectId: ZId.nullable(),
  projectName: z.string().nullable(),
  /** What it follows: the work order or ticket number, or the period (e.g. 2026-12). */
  reference: z.string().nullable(),
  /** Kept for the dispatch list: the repair's work order number. */
  workOrderNumber: z.string().nullable(),
  ticketId: ZId.nullable(),
  visitWorkOrderId: ZId.nullable(),
  visitWorkOrderNumber: z.string().nullable(),
  agentId: ZId.nullable(),
  agentName: z.string().nullable(),
  attempts: z.int(),
  questions: z.array(z.string()),
  reached: z.boolean().nullable(),
  answers: z.array(ZAnswer),
  satisfaction: z.int().nullable(),
  problems: z.array(ZRecordedProblem),
  suggestions: z.string().nullable(),
  equipmentCheck: z.array(ZEquipmentCheck),
  coaching: z.string().nullable(),
  note: z.string().nullable(),
  toldAt: z.string().nullable(),
  toldNote: z.string().nullable(),
  overdue: z.boolean(),
  version: z.int(),
});
export type TFollowUp = z.infer<typeof ZFollowUp>;

/**
 * A follow-up as the customer's own portal shows it: when it is (or was) due, how it went, what was
 * found and what was done about it, and what the customer was told. No agent notes, no staff names.
 */
export const ZPortalFollowUp = z.object({
  id: ZId,
  rule: z.enum(FOLLOW_UP_RULES),
  channel: z.enum(FOLLOW_UP_CHANNELS),
  status: z.enum(FOLLOW_UP_STATUSES),
  dueAt: z.string(),
  projectName: z.string().nullable(),
  /** What it follows, as people read it: the work order or ticket number, or the period's date. */
  reference: z.string().nullable(),
  reached: z.boolean().nullable(),
  satisfaction: z.int().nullable(),
  outcomeAt: z.string().nullable(),
  problems: z.array(
    z.object({
      class: z.enum(PROBLEM_CLASSES),
      description: z.string(),
      action: z.enum(PROBLEM_ACTIONS),
      /** The guidance given on the call. */
      note: z.string().nullable(),
      ticketNumber: z.string().nullable(),
    }),
  ),
  suggestions: z.string().nullable(),
  toldAt: z.string().nullable(),
  toldNote: z.string().nullable(),
});
export type TPortalFollowUp = z.infer<typeof ZPortalFollowUp>;

const ZIsoDate = z.string().refine(isDate, 'a date YYYY-MM-DD');
export const ZCallListQuery = z.strictObject({
  date: ZIsoDate.optional().describe("the day (organisation's zone); today when left out"),
  agentId: z
    .union([ZId, z.literal('unassigned')])
    .optional()
    .describe('managers: whose list (or the unassigned ones); agents always see their own'),
});
export const ZOpenFollowUpQuery = z.strictObject({
  rule: z.enum(FOLLOW_UP_RULES).optional(),
});

export const ZAssignFollowUpsRequest = z.strictObject({
  ids: z.array(ZId).min(1).max(500),
  agentId: ZId.nullable(),
});

export const ZRecordOutcomeRequest = z
  .strictObject({
    version: ZVersion,
    reached: z.boolean(),
    note: z.string().trim().max(2000).nullable().optional(),
    answers: z.array(ZAnswer).max(20).default([]),
    satisfaction: z.int().min(1).max(5).nullable().optional(),
    problems: z.array(ZFoundProblem).max(20).default([]),
    suggestions: z.string().trim().max(4000).nullable().optional(),
    /** 设备回访单 (篇4 g.1): the equipment checked with the customer's staff and the coaching given. */
    equipmentCheck: z.array(ZEquipmentCheck).max(100).default([]),
    coaching: z.string().trim().max(4000).nullable().optional(),
  })
  .refine((r) => r.reached || (r.answers.length === 0 && r.problems.length === 0 && r.satisfaction == null), {
    message: 'answers, satisfaction and problems need the customer reached',
    path: ['reached'],
  })
  .refine((r) => r.problems.every((p) => p.class === 'usage' || p.action === 'ticket'), {
    message: 'a quality or service problem goes to the responsible team as a ticket',
    path: ['problems'],
  })
  .refine((r) => r.problems.every((p) => p.class !== 'usage' || p.action !== 'ticket'), {
    message: 'a usage problem gets guidance now or a consultation ticket',
    path: ['problems'],
  });
export type TRecordOutcomeRequest = z.infer<typeof ZRecordOutcomeRequest>;

export const ZCustomerToldRequest = z.strictObject({
  version: ZVersion,
  note: z.string().trim().min(1).max(2000),
});
export type TCustomerToldRequest = z.infer<typeof ZCustomerToldRequest>;

// ---------- the job and the report ----------
export const ZCreateDueResult = z.object({
  created: z.int(),
  visits: z.int(),
});
export type TCreateDueResult = z.infer<typeof ZCreateDueResult>;

export const ZReportQuery = z
  .strictObject({
    from: ZIsoDate.describe('first day of the period (inclusive)'),
    to: ZIsoDate.describe('last day of the period (inclusive)'),
  })
  .refine((q) => q.from <= q.to, { message: 'the period ends before it starts', path: ['to'] });
export const ZReportFileQuery = z
  .strictObject({
    from: ZIsoDate,
    to: ZIsoDate,
    lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .refine((q) => q.from <= q.to, { message: 'the period ends before it starts', path: ['to'] });

export const ZFollowUpReport = z.object({
  from: z.string(),
  to: z.string(),
  total: z.int(),
  reached: z.int(),
  notReached: z.int(),
  emailed: z.int(),
  open: z.int(),
  satisfactionAverage: z.number().nullable(),
  /** Answers with 1, 2, 3, 4, 5 stars. */
  satisfactionDistribution: z.array(z.int()).length(5),
  problems: z.object({ usage: z.int(), quality: z.int(), service: z.int() }),
  actions: z.object({
    guidance: z.int(),
    consultationTickets: z.int(),
    tickets: z.int(),
    customerTold: z.int(),
  }),
  byRule: z.array(z.object({ rule: z.enum(FOLLOW_UP_RULES), total: z.int(), reached: z.int() })),
});
export type TFollowUpReport = z.infer<typeof ZFollowUpReport>;
