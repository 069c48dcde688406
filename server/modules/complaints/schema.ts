// Complaints (投诉, 篇1 六) and improvement suggestions (改进建议), issue 17: the complaint with its
// workflow facts, its timeline, the plan's milestones, the deadline flags fired, the settings (the
// seed's hours as defaults), and the suggestions with their evaluation and decision.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  COMPLAINT_TARGETS,
  ROOT_CAUSES,
  SUGGESTION_SOURCES,
  SUGGESTION_STATUSES,
} from '../../../common/complaints-api.ts';
import { ts } from '../../db/columns.ts';
import { customers, projects } from '../registry/schema.ts';

const audited = {
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
};

export const complaintSettings = pgTable('complaint_settings', {
  id: integer('id').primaryKey().default(1),
  handleHours: integer('handle_hours').notNull(),
  onSiteHours: integer('on_site_hours').notNull(),
  solutionHours: integer('solution_hours').notNull(),
  replacementHours: integer('replacement_hours').notNull(),
  feedbackHours: integer('feedback_hours').notNull(),
  warningLeadHours: integer('warning_lead_hours').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    channel: text('channel', { enum: COMPLAINT_CHANNELS }).notNull(),
    complainantName: text('complainant_name').notNull(),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    language: text('language', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    matter: text('matter').notNull(),
    category: text('category', { enum: COMPLAINT_CATEGORIES }).notNull(),
    receivedAt: ts('received_at').notNull(),
    againstUserId: uuid('against_user_id'),
    againstTeam: text('against_team'),
    ticketId: uuid('ticket_id'),
    workOrderId: uuid('work_order_id'),
    assetId: uuid('asset_id'),
    /** Kept from the asset and the customer at acceptance: the summary's hot spots read one table. */
    productName: text('product_name'),
    region: text('region'),
    defect: boolean('defect').notNull().default(false),
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull().default('accepted'),
    round: integer('round').notNull().default(1),
    responsibleUserId: uuid('responsible_user_id'),
    department: text('department'),
    facts: text('facts'),
    rootCause: text('root_cause', { enum: ROOT_CAUSES }),
    rootCauseNote: text('root_cause_note'),
    solution: text('solution'),
    upheld: boolean('upheld'),
    immediate: boolean('immediate'),
    expectedAnswerAt: ts('expected_answer_at').notNull(),
    /** The first handling (the 24 h target is met by it); lastHandledAt is the latest round's. */
    handledAt: ts('handled_at'),
    lastHandledAt: ts('last_handled_at'),
    solutionAt: ts('solution_at'),
    onSiteAt: ts('on_site_at'),
    replacedAt: ts('replaced_at'),
    feedbackAskedAt: ts('feedback_asked_at'),
    satisfied: boolean('satisfied'),
    feedbackAt: ts('feedback_at'),
    closedAt: ts('closed_at'),
    closedReason: text('closed_reason'),
    /** When the deadline sweep next has something to fire (null: nothing). */
    nextFlagAt: ts('next_flag_at'),
    ...audited,
  },
  (t) => [
    uniqueIndex('complaints_number_key').on(t.number),
    index('complaints_customer_idx').on(t.customerId, t.receivedAt),
    index('complaints_received_idx').on(t.receivedAt, t.id),
    index('complaints_status_idx').on(t.status, t.receivedAt),
    index('complaints_against_idx').on(t.againstUserId, t.receivedAt),
    index('complaints_last_handled_idx').on(t.lastHandledAt),
    index('complaints_next_flag_idx').on(t.nextFlagAt).where(sql`${t.nextFlagAt} is not null`),
  ],
);

/** The complaint's timeline: every step of the workflow, per round. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    // In the order written: steps taken in the same instant keep their order.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    round: integer('round').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.at)],
);

/** A handling plan's milestones (计划与时间表), communicated to the complainant. */
export const complaintMilestones = pgTable(
  'complaint_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneAt: ts('done_at'),
  },
  (t) => [index('complaint_milestones_complaint_idx').on(t.complaintId, t.position)],
);

/** A deadline level fired once per complaint, target and level. */
export const complaintFlags = pgTable(
  'complaint_flags',
  {
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    target: text('target', { enum: COMPLAINT_TARGETS }).notNull(),
    round: integer('round').notNull(),
    level: text('level', { enum: ['warning', 'breach'] }).notNull(),
    firedAt: ts('fired_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.target, t.round, t.level] })],
);

export const improvementSuggestions = pgTable(
  'improvement_suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    sourceKind: text('source_kind', { enum: SUGGESTION_SOURCES }).notNull(),
    sourceId: uuid('source_id'),
    // The project the suggestion concerns, when its source names one (a follow-up of a project).
    projectId: uuid('project_id').references(() => projects.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    contactEmail: text('contact_email'),
    language: text('language', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    status: text('status', { enum: SUGGESTION_STATUSES }).notNull().default('registered'),
    feasible: boolean('feasible'),
    costEstimateFen: bigint('cost_estimate_fen', { mode: 'number' }),
    evaluationNote: text('evaluation_note'),
    decisionReason: text('decision_reason'),
    decidedAt: ts('decided_at'),
    customerToldAt: ts('customer_told_at'),
    effectNote: text('effect_note'),
    effectOn: date('effect_on', { mode: 'string' }),
    ...audited,
  },
  (t) => [
    uniqueIndex('improvement_suggestions_number_key').on(t.number),
    index('improvement_suggestions_customer_idx').on(t.customerId, t.createdAt),
    index('improvement_suggestions_created_idx').on(t.createdAt, t.id),
    // The suggestions of a source (a follow-up's outcome gives one, found again when recorded again).
    index('improvement_suggestions_source_idx').on(t.sourceKind, t.sourceId),
  ],
);
