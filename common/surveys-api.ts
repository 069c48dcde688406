// Zod schemas of the satisfaction-survey API (满意度, 篇1 五.4: ≥ 95% promised): settings per kind,
// the signed public link, the portal's list, the answer, and the satisfaction report.
import { z } from 'zod';
import { ZId } from './api.ts';

const ZInstant = z.iso.datetime({ offset: true });

/** What a survey follows: a closed ticket, a completed repair, a signed maintenance record, a training. */
export const SURVEY_KINDS = ['ticket', 'repair', 'maintenance', 'training'] as const;
export type TSurveyKind = (typeof SURVEY_KINDS)[number];
export const ZSurveyKind = z.enum(SURVEY_KINDS);

/** Why a source got no question: not drawn by sampling, asked within the quiet period, no address. */
export const SURVEY_SKIP_REASONS = ['sampling', 'quiet_period', 'no_address'] as const;
export const SURVEY_STATUSES = ['open', 'answered', 'skipped'] as const;
export type TSurveyStatus = (typeof SURVEY_STATUSES)[number];

// ---------- settings ----------
/**
 * The seed's promise (篇1 五.4) as defaults: every source asked (100%), one customer not asked twice a
 * week (7 days), a link that works for 14 days, satisfaction of 95% as the target.
 */
export const DEFAULT_SURVEY_SETTINGS = {
  enabled: true,
  samplingPercent: 100,
  quietDays: 7,
  linkDays: 14,
  targetPercent: 95,
} as const;

const settingsFields = {
  enabled: z.boolean(),
  samplingPercent: z.int().min(0).max(100),
  quietDays: z.int().min(0).max(365),
  linkDays: z.int().min(1).max(90),
  targetPercent: z.int().min(1).max(100),
};
export const ZSurveySettings = z.object({
  kind: ZSurveyKind,
  ...settingsFields,
  /** Whether anything feeds this kind yet (training has no source in this release). */
  hasSource: z.boolean(),
  version: z.int(),
  updatedAt: ZInstant.nullable(),
});
export type TSurveySettings = z.infer<typeof ZSurveySettings>;
export const ZUpdateSurveySettingsRequest = z.strictObject({
  ...settingsFields,
  /** The current version (0 before the first change). */
  version: z.int().min(0).max(2_147_483_647),
});
export type TUpdateSurveySettingsRequest = z.infer<typeof ZUpdateSurveySettingsRequest>;

// ---------- the answer ----------
const ZStars = z.int().min(1).max(5);
export const ZSurveyAnswerRequest = z.strictObject({
  responseStars: ZStars,
  engineerStars: ZStars,
  resultStars: ZStars,
  comment: z.string().trim().max(2000).default(''),
  /** The customer's own "I'm not satisfied / 我不满意" tick: opens a service recovery whatever the stars. */
  notSatisfied: z.boolean().default(false),
});
export type TSurveyAnswerRequest = z.infer<typeof ZSurveyAnswerRequest>;

/** What the customer sees of a survey (by link or in the portal): no internal fields. */
export const ZPublicSurvey = z.object({
  id: ZId,
  kind: ZSurveyKind,
  status: z.enum(['open', 'answered', 'expired']),
  locale: z.enum(['zh-CN', 'en']),
  customerName: z.string(),
  sourceNumber: z.string().nullable(),
  sourceAt: ZInstant,
  engineerName: z.string().nullable(),
  expiresAt: ZInstant,
  answeredAt: ZInstant.nullable(),
  /** The organisation's zone, for dates on a page opened without a login. */
  timeZone: z.string(),
  answer: z
    .object({
      responseStars: z.int(),
      engineerStars: z.int(),
      resultStars: z.int(),
      comment: z.string(),
      notSatisfied: z.boolean(),
      satisfied: z.boolean(),
      /** The service-recovery ticket an unsatisfied answer opened (its number). */
      recoveryTicketNumber: z.string().nullable(),
    })
    .nullable(),
});
export type TPublicSurvey = z.infer<typeof ZPublicSurvey>;

// ---------- report ----------
export const SURVEY_DIMENSIONS = ['month', 'team', 'engineer', 'customer', 'product'] as const;
export type TSurveyDimension = (typeof SURVEY_DIMENSIONS)[number];

export const ZSurveyReportQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(SURVEY_DIMENSIONS).default('month'),
  kind: ZSurveyKind.optional(),
});
export type TSurveyReportQuery = z.infer<typeof ZSurveyReportQuery>;

export const ZSurveyReportRow = z.object({
  /** The group's key (a month `2026-11`, a team code, an id) — the drill-down filter, not shown. */
  key: z.string().nullable(),
  label: z.string(),
  answers: z.int(),
  satisfied: z.int(),
  /** satisfied / answers in percent with one decimal; null when there is no answer. */
  ratePercent: z.number().nullable(),
});
export const ZSurveyReport = z.object({
  by: z.enum(SURVEY_DIMENSIONS),
  targetPercent: z.int(),
  total: ZSurveyReportRow,
  rows: z.array(ZSurveyReportRow),
});
export type TSurveyReport = z.infer<typeof ZSurveyReport>;

/** The answers behind a figure: the report's period plus the group's key. */
export const ZSurveyAnswersQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  kind: ZSurveyKind.optional(),
  by: z.enum(SURVEY_DIMENSIONS).optional(),
  key: z.string().trim().min(1).max(100).optional(),
  satisfied: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TSurveyAnswersQuery = z.infer<typeof ZSurveyAnswersQuery>;

export const ZSurveyAnswerRow = z.object({
  id: ZId,
  kind: ZSurveyKind,
  customerName: z.string(),
  sourceNumber: z.string().nullable(),
  team: z.string().nullable(),
  engineerName: z.string().nullable(),
  productName: z.string().nullable(),
  answeredAt: ZInstant,
  channel: z.enum(['link', 'portal']),
  responseStars: z.int(),
  engineerStars: z.int(),
  resultStars: z.int(),
  comment: z.string(),
  notSatisfied: z.boolean(),
  satisfied: z.boolean(),
  recoveryTicketId: ZId.nullable(),
  recoveryTicketNumber: z.string().nullable(),
});
export type TSurveyAnswerRow = z.infer<typeof ZSurveyAnswerRow>;
export const ZSurveyAnswerPage = z.object({
  items: z.array(ZSurveyAnswerRow),
  nextCursor: z.string().nullable(),
});

export const ZSurveyInviteResult = z.object({
  invited: z.int(),
  skipped: z.int(),
});
