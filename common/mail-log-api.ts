// API shapes of the mail log: the outbound emails of the outbox, as administrators see them.
import { z } from 'zod';
import { ZCursorQuery } from './api.ts';

export const MAIL_STATES = ['pending', 'delivered', 'failed'] as const;
export type TMailState = (typeof MAIL_STATES)[number];

export const ZMailLogQuery = ZCursorQuery.extend({
  state: z.enum(MAIL_STATES).optional(),
  recipient: z.string().trim().max(200).optional(),
});
export type TMailLogQuery = z.infer<typeof ZMailLogQuery>;

export const ZMailLogEntry = z.object({
  id: z.string(),
  recipient: z.string(),
  subject: z.string(),
  /** pending: waiting for its (next) attempt; failed: the outbox gave up after its last attempt. */
  state: z.enum(MAIL_STATES),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  attempts: z.int(),
  lastError: z.string().nullable(),
});
export type TMailLogEntry = z.infer<typeof ZMailLogEntry>;

/** One email as it is (or would be) sent: rendered text and HTML, and its attachments. */
export const ZMailLogDetail = ZMailLogEntry.extend({
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string().nullable() })),
});
export type TMailLogDetail = z.infer<typeof ZMailLogDetail>;
