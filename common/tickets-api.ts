// Zod schemas of the tickets API.
import { z } from 'zod';
import { ZCursorQuery, ZId, ZVersion } from './api.ts';
import { isCallablePhone } from './portal-rules.ts';
import { ZSlaTarget } from './sla-api.ts';
import { TICKET_CHANNELS, TICKET_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from './ticket-rules.ts';

const ZInstant = z.iso.datetime({ offset: true });

export const ZTicket = z.object({
  id: ZId,
  number: z.string(),
  kind: z.enum(TICKET_KINDS),
  status: z.enum(TICKET_STATUSES),
  statusCategory: z.enum(['open', 'waiting', 'resolved', 'closed']),
  channel: z.enum(TICKET_CHANNELS),
  priority: z.enum(TICKET_PRIORITIES),
  emergency: z.boolean(),
  complexity: z.enum(['general', 'complex']),
  faultCategory: z.string().nullable(),
  customerId: ZId,
  customerName: z.string(),
  contactId: ZId.nullable(),
  /** The phone to call back about this request. */
  contactPhone: z.string().nullable(),
  projectId: ZId.nullable(),
  assetIds: z.array(ZId),
  subject: z.string(),
  description: z.string(),
  team: z.string(),
  assigneeId: ZId.nullable(),
  assigneeName: z.string().nullable(),
  tags: z.array(z.string()),
  watcherIds: z.array(ZId),
  attachmentIds: z.array(ZId),
  version: ZVersion,
  createdAt: ZInstant,
  updatedAt: ZInstant,
  resolvedAt: ZInstant.nullable(),
  closedAt: ZInstant.nullable(),
  /** The nearest deadline of its running SLA targets, and whether any target is breached. */
  slaDueAt: ZInstant.nullable(),
  slaBreached: z.boolean(),
});
export type TTicket = z.infer<typeof ZTicket>;

export const ZTicketMessage = z.object({
  id: ZId,
  kind: z.enum(['public_reply', 'customer_message', 'internal_note']),
  authorLabel: z.string(),
  body: z.string(),
  attachmentIds: z.array(ZId),
  createdAt: ZInstant,
});
export type TTicketMessage = z.infer<typeof ZTicketMessage>;

export const ZTicketLink = z.object({
  id: ZId,
  number: z.string(),
  subject: z.string(),
  kind: z.enum(['related', 'duplicate_of', 'split_from']),
  direction: z.enum(['in', 'out']),
});
export const ZTicketDetail = ZTicket.extend({
  messages: z.array(ZTicketMessage),
  allowedStatuses: z.array(z.enum(TICKET_STATUSES)),
  links: z.array(ZTicketLink),
  sla: z.array(ZSlaTarget),
});
export type TTicketDetail = z.infer<typeof ZTicketDetail>;

/**
 * A ticket's progress, oldest first: the steps of its log and its status changes. A customer gets
 * only the steps it is told about (common/portal-rules.ts) and no status change (its internal steps).
 */
export const ZTicketTimelineEntry = z.object({
  at: ZInstant,
  event: z.string(),
  status: z.enum(TICKET_STATUSES).nullable(),
});
export type TTicketTimelineEntry = z.infer<typeof ZTicketTimelineEntry>;

export const ZCreateTicketRequest = z.strictObject({
  kind: z.enum(TICKET_KINDS),
  customerId: ZId.optional(),
  contactId: ZId.nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .max(30)
    .refine(isCallablePhone, 'not a phone number (7–15 digits)')
    .nullable()
    .optional(),
  projectId: ZId.nullable().optional(),
  assetIds: z.array(ZId).max(50).default([]),
  channel: z.enum(TICKET_CHANNELS).optional(),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  emergency: z.boolean().default(false),
  complexity: z.enum(['general', 'complex']).default('general'),
  faultCategory: z.string().trim().max(100).nullable().optional(),
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(20_000),
  attachmentIds: z.array(ZId).max(20).default([]),
});
export type TCreateTicketRequest = z.infer<typeof ZCreateTicketRequest>;

export const ZUpdateTicketRequest = z.strictObject({
  version: ZVersion,
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  emergency: z.boolean().optional(),
  complexity: z.enum(['general', 'complex']).optional(),
  faultCategory: z.string().trim().max(100).nullable().optional(),
  team: z.string().trim().min(1).max(60).optional(),
  assigneeId: ZId.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  watcherIds: z.array(ZId).max(50).optional(),
  projectId: ZId.nullable().optional(),
  assetIds: z.array(ZId).max(50).optional(),
  /** The caller (联系人): one of the ticket's customer's contacts, or none. */
  contactId: ZId.nullable().optional(),
});

/** The ticket page's side panel: who and what the ticket is about, by name. */
export const ZTicketContext = z.object({
  customer: z.object({
    id: ZId,
    name: z.string(),
    phone: z.string().nullable(),
    contactName: z.string().nullable(),
  }),
  contact: z
    .object({
      id: ZId,
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      title: z.string().nullable(),
    })
    .nullable(),
  project: z.object({ id: ZId, name: z.string(), address: z.string().nullable() }).nullable(),
  equipment: z.array(
    z.object({
      id: ZId,
      name: z.string(),
      serial: z.string(),
      productName: z.string(),
      location: z.string().nullable(),
    }),
  ),
  otherOpen: z.array(
    z.object({
      id: ZId,
      number: z.string(),
      subject: z.string(),
      status: z.enum(TICKET_STATUSES),
      createdAt: ZInstant,
    }),
  ),
});
export type TTicketContext = z.infer<typeof ZTicketContext>;

export const ZCreateMessageRequest = z.strictObject({
  kind: z.enum(['public_reply', 'internal_note', 'customer_message']),
  body: z.string().trim().min(1).max(20_000),
  attachmentIds: z.array(ZId).max(20).default([]),
});

export const TICKET_QUEUES = [
  'all',
  'mine',
  'team',
  'unassigned',
  'waiting',
  'open',
  'breaching',
  'breached',
  /** Live chats (channel chat) still open with no public answer from the desk yet. */
  'chats',
] as const;
/** The orders of the ticket list, each over an index with a keyset cursor. */
export const TICKET_SORTS = ['created', 'updated', 'due', 'priority', 'number'] as const;
export type TTicketSort = (typeof TICKET_SORTS)[number];

// Strict: a parameter the list does not know is refused (400 naming it), never ignored.
export const ZTicketListQuery = ZCursorQuery.extend({
  queue: z.enum(TICKET_QUEUES).default('all'),
  kind: z.enum(TICKET_KINDS).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  customerId: ZId.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z
    .enum(TICKET_SORTS)
    .default('created')
    .describe('created (newest first), updated, due (earliest running SLA deadline first), priority, number'),
  order: z
    .enum(['asc', 'desc'])
    .optional()
    .describe('default: desc for created, updated and priority; asc for due and number'),
}).strict();

export const ZSavedFilter = z.object({ id: ZId, name: z.string(), query: z.record(z.string(), z.string()) });
export const ZCreateSavedFilterRequest = z.strictObject({
  name: z.string().trim().min(1).max(60),
  query: z.partialRecord(
    z.enum(['queue', 'kind', 'status', 'customerId', 'q', 'sort', 'order']),
    z.string().max(100),
  ),
});
