// Zod schemas of the maintenance visit on the phone (issue 16): the checklist of every asset with its
// answers (device time, offline replay), hidden dangers as rectification suggestions (整改建议), and
// the signed maintenance record (保养记录) with its review by the service centre.
import { z } from 'zod';
import { patchOf, ZId } from './api.ts';
import { CHECKLIST_ITEM_KINDS } from './maintenance-api.ts';

const ZInstant = z.iso.datetime({ offset: true });
const ZDate = z.iso.date();

export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const;
export const SUGGESTION_PARTIES = ['customer', 'service_company'] as const;
export const RECORD_STATUSES = ['signed', 'approved', 'returned'] as const;
export type TRecordStatus = (typeof RECORD_STATUSES)[number];

/** One answer from the phone, with the moment it was given there and the phone's id for it. */
export const ZAnswerInput = z.strictObject({
  visitItemId: ZId,
  key: z.string().trim().min(1).max(40),
  clientEventId: z.string().trim().min(8).max(100),
  answeredAt: ZInstant,
  result: z.enum(CHECK_RESULTS).nullable().default(null),
  value: z.number().finite().nullable().default(null),
  text: z.string().trim().max(2000).nullable().default(null),
  note: z.string().trim().max(2000).nullable().default(null),
  photoIds: z.array(ZId).max(10).default([]),
});
export type TAnswerInput = z.infer<typeof ZAnswerInput>;
export const ZSaveAnswersRequest = z.strictObject({ answers: z.array(ZAnswerInput).min(1).max(500) });
export type TSaveAnswersRequest = z.infer<typeof ZSaveAnswersRequest>;

export const ZAnswer = z.object({
  result: z.enum(CHECK_RESULTS).nullable(),
  value: z.number().nullable(),
  text: z.string().nullable(),
  note: z.string().nullable(),
  photoIds: z.array(ZId),
  /** A failed check or a measurement out of its range: a hidden danger (隐患). */
  danger: z.boolean(),
  answeredAt: ZInstant,
});
export type TAnswer = z.infer<typeof ZAnswer>;

export const ZChecklistEntry = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(CHECKLIST_ITEM_KINDS),
  required: z.boolean(),
  photoRequired: z.boolean(),
  unit: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  answer: ZAnswer.nullable(),
});
export type TChecklistEntry = z.infer<typeof ZChecklistEntry>;

export const ZSuggestion = z.object({
  id: ZId,
  visitId: ZId,
  visitItemId: ZId,
  assetId: ZId,
  assetLabel: z.string(),
  itemKey: z.string(),
  itemLabel: z.string(),
  text: z.string(),
  dueOn: ZDate,
  /** Who does it: the customer, or the service company. */
  responsible: z.enum(SUGGESTION_PARTIES),
  ticketId: ZId.nullable(),
  ticketNumber: z.string().nullable(),
  version: z.int(),
  createdAt: ZInstant,
});
export type TSuggestion = z.infer<typeof ZSuggestion>;
export const ZUpdateSuggestionRequest = patchOf({
  text: z.string().trim().min(1).max(2000),
  dueOn: ZDate,
  responsible: z.enum(SUGGESTION_PARTIES),
});
export type TUpdateSuggestionRequest = z.infer<typeof ZUpdateSuggestionRequest>;

export const ZRecord = z.object({
  visitId: ZId,
  workOrderId: ZId,
  workOrderNumber: z.string(),
  customerId: ZId,
  customerName: z.string(),
  projectName: z.string(),
  dueOn: ZDate,
  status: z.enum(RECORD_STATUSES),
  signedBy: z.string(),
  signedAt: ZInstant,
  engineerName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: ZInstant.nullable(),
  returnReason: z.string().nullable(),
  fileId: ZId.nullable(),
  dangers: z.int(),
  version: z.int(),
});
export type TRecord = z.infer<typeof ZRecord>;

export const ZVisitChecklist = z.object({
  visitId: ZId,
  workOrderId: ZId,
  customerId: ZId,
  dueOn: ZDate,
  items: z.array(
    z.object({
      id: ZId,
      assetId: ZId,
      assetLabel: z.string(),
      templateName: z.string(),
      checklist: z.array(ZChecklistEntry),
    }),
  ),
  suggestions: z.array(ZSuggestion),
  record: ZRecord.nullable(),
});
export type TVisitChecklist = z.infer<typeof ZVisitChecklist>;

/** The customer signs on the engineer's screen: the record is complete, the work order done. */
export const ZSignVisitRequest = z.strictObject({
  signedBy: z.string().trim().min(1).max(100),
  /** A PNG drawn on the screen, as a data URL. */
  signature: z.string().max(420_000),
  /** When the customer signed, on the phone. */
  at: ZInstant,
  /** What was done, in the engineer's words (optional). */
  summary: z.string().trim().max(2000).nullable().default(null),
});
export type TSignVisitRequest = z.infer<typeof ZSignVisitRequest>;

export const ZReviewRecordRequest = z.strictObject({
  version: z.int().min(1).max(2_147_483_647),
  /** Required when returning the record to the engineer. */
  reason: z.string().trim().min(2).max(1000).optional(),
});
export type TReviewRecordRequest = z.infer<typeof ZReviewRecordRequest>;

export const ZRecordListQuery = z.object({
  status: z.enum(RECORD_STATUSES).optional(),
  customerId: ZId.optional(),
});
