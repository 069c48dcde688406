// Tickets (工单): one model for consultations (咨询), fault reports (报修), complaints (投诉), return
// requests (退货), training requests and others; numbered per kind and year; with a conversation of
// public replies, customer messages and internal notes.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  TICKET_CHANNELS,
  TICKET_KINDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '../../../common/ticket-rules.ts';
import { ts } from '../../db/columns.ts';

/** The rank of a priority (low 0 … urgent 3): the sort key of `sort=priority`, and its index. */
export const PRIORITY_RANK_SQL =
  "case priority when 'low' then 0 when 'normal' then 1 when 'high' then 2 when 'urgent' then 3 end";

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    kind: text('kind', { enum: TICKET_KINDS }).notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('new'),
    channel: text('channel', { enum: TICKET_CHANNELS }).notNull(),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    emergency: boolean('emergency').notNull().default(false),
    complexity: text('complexity', { enum: ['general', 'complex'] })
      .notNull()
      .default('general'),
    faultCategory: text('fault_category'),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    // The phone to call back about this request (报修 from the portal: the contact's, as confirmed).
    contactPhone: text('contact_phone'),
    projectId: uuid('project_id'),
    assetIds: uuid('asset_ids').array().notNull().default(sql`'{}'::uuid[]`),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    team: text('team').notNull(),
    assigneeId: uuid('assignee_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    // Staff who follow the ticket and hear of its changes.
    watcherIds: uuid('watcher_ids').array().notNull().default(sql`'{}'::uuid[]`),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    // The Message-ID of the mail that opened the ticket (email channel), for threading replies.
    emailThreadId: text('email_thread_id'),
    // Unguessable per-ticket token of our Reply-To address (reply+<token>@…): a mail carrying it, or
    // referencing a Message-ID we sent, may join the ticket; the ticket number alone may not.
    replyToken: text('reply_token').notNull().default(sql`replace(gen_random_uuid()::text, '-', '')`),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    // First-time fix (analytics, docs/analytics.md): when the ticket was first resolved, and the first
    // reopening after that (a customer's message or a status change back to open).
    firstResolvedAt: ts('first_resolved_at'),
    reopenedAt: ts('reopened_at'),
    // The SLA summary of the list, written by the sla module through its port in the transaction
    // that changes the targets: the earliest deadline of a running target, and whether a running or
    // paused target is breached. The queues filter and sort on them without reading sla_targets.
    slaDueAt: ts('sla_due_at'),
    slaBreached: boolean('sla_breached').notNull().default(false),
    // The distinct 2-character grams of subject and description (lower case), kept by a trigger
    // (migration ticket_search_bigrams): Chinese words of two characters find their tickets through
    // a GIN index where pg_trgm needs three.
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('tickets_number_idx').on(t.number),
    // A customer's tickets newest first: its list, and a search naming customers (customersFilter).
    index('tickets_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('tickets_assignee_idx').on(t.assigneeId, t.status, t.createdAt),
    index('tickets_team_idx').on(t.team, t.status, t.createdAt),
    index('tickets_status_idx').on(t.status, t.createdAt, t.id),
    index('tickets_created_idx').on(t.createdAt, t.id),
    // The followups job reads the consultations answered since its watermark (篇1 四.1).
    index('tickets_consultation_resolved_idx')
      .on(t.resolvedAt)
      .where(sql`${t.kind} = 'consultation' and ${t.resolvedAt} is not null`),
    // One index per queue, its filter as the predicate and the list's order as the key.
    index('tickets_mine_queue_idx')
      .on(t.assigneeId, t.createdAt, t.id)
      .where(sql`${t.status} in ('new', 'assigned', 'in_progress', 'waiting_customer')`),
    index('tickets_team_queue_idx')
      .on(t.team, t.createdAt, t.id)
      .where(sql`${t.status} in ('new', 'assigned', 'in_progress', 'waiting_customer')`),
    index('tickets_unassigned_queue_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.assigneeId} is null and ${t.status} in ('new', 'assigned', 'in_progress')`),
    // The breached count: past the earliest running deadline, read from the index alone.
    index('tickets_sla_due_at_idx').on(t.slaDueAt).where(sql`${t.slaDueAt} is not null`),
    // Live chats still open: the call agent's "chats waiting" count and queue.
    index('tickets_chat_open_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.channel} = 'chat' and ${t.status} in ('new', 'assigned', 'in_progress')`),
    index('tickets_sla_running_idx').on(t.createdAt, t.id).where(sql`${t.slaDueAt} is not null`),
    // The sort options other than created.
    index('tickets_sla_due_idx').on(sql`coalesce(${t.slaDueAt}, 'infinity'::timestamptz)`, t.id),
    index('tickets_updated_idx').on(t.updatedAt, t.id),
    index('tickets_priority_idx').on(sql`(${sql.raw(PRIORITY_RANK_SQL)})`, t.createdAt, t.id),
    index('tickets_assets_idx').using('gin', t.assetIds),
    index('tickets_email_thread_idx').on(t.emailThreadId),
    uniqueIndex('tickets_reply_token_idx').on(t.replyToken),
    // Which ticket holds a file (who may download an attachment).
    index('tickets_attachments_idx').using('gin', t.attachmentIds),
    // Closed tickets in the order they closed: the satisfaction survey's poller reads what is new.
    index('tickets_fault_first_resolved_idx')
      .on(t.firstResolvedAt, t.id)
      .where(sql`${t.kind} = 'fault_report' and ${t.firstResolvedAt} is not null`),
    index('tickets_closed_idx').on(t.closedAt, t.id).where(sql`${t.closedAt} is not null`),
  ],
);

export const MESSAGE_KINDS = ['public_reply', 'customer_message', 'internal_note'] as const;

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    authorId: uuid('author_id'),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    // The Message-ID of the mail this message came in as or went out as, for threading replies.
    emailMessageId: text('email_message_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('ticket_messages_ticket_idx').on(t.ticketId, t.createdAt),
    index('ticket_messages_email_idx').on(t.emailMessageId),
    // Which message holds a file (who may download an attachment).
    index('ticket_messages_attachments_idx').using('gin', t.attachmentIds),
  ],
);

// Mail received by the built-in SMTP receiver, and what became of it.
export const INBOUND_STATUSES = ['ticket_created', 'appended', 'triage', 'quarantined', 'duplicate'] as const;

export const inboundEmails = pgTable(
  'inbound_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    status: text('status', { enum: INBOUND_STATUSES }).notNull(),
    reason: text('reason'),
    customerId: uuid('customer_id'),
    ticketId: uuid('ticket_id'),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inbound_emails_message_id_idx').on(t.messageId),
    index('inbound_emails_status_idx').on(t.status, t.receivedAt),
  ],
);

// Routing rules: the first active rule (by position) whose conditions all match decides the team
// (and, optionally, the assignee) of a new ticket; without a match the default of its kind applies.
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: TICKET_KINDS }),
    faultCategory: text('fault_category'),
    productCategory: text('product_category'),
    region: text('region'),
    team: text('team').notNull(),
    assigneeId: uuid('assignee_id'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('routing_rules_position_idx').on(t.position)],
);

// Links between tickets: related, merged into (duplicate), split from.
export const ticketLinks = pgTable(
  'ticket_links',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    linkedId: uuid('linked_id')
      .notNull()
      .references(() => tickets.id),
    kind: text('kind', { enum: ['related', 'duplicate_of', 'split_from'] }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.linkedId] }), index('ticket_links_linked_idx').on(t.linkedId)],
);

// A user's saved queue filters (name → query).
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_filters_user_name_idx').on(t.userId, t.name)],
);

/** Canned replies (常用回复) the agents insert into the composer; shared by the whole service desk. */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_replies_title_idx').on(t.title)],
);
