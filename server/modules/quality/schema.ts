// Quality (质量, issue 19): the detector's settings (one row), the early-warning alerts, the product
// quality cases (产品质量处理单) with their timeline, the improvement requests and training needs a
// case's decision raises, and the field feedback forms (售后信息反馈意见表).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ALERT_GROUP_KINDS,
  ALERT_LEVELS,
  ALERT_REASONS,
  ALERT_STATUSES,
  CASE_DECISIONS,
  CASE_EVENT_KINDS,
  CASE_SOURCE_KINDS,
  CASE_STATUSES,
  type TAlertEvidence,
  type TCaseAction,
  TRAINING_TOPICS,
} from '../../../common/quality-api.ts';
import { ts } from '../../db/columns.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const qualitySettings = pgTable('quality_settings', {
  id: integer('id').primaryKey().default(1),
  level: doublePrecision('level').notNull(),
  minCount: integer('min_count').notNull(),
  consecutivePeriods: integer('consecutive_periods').notNull(),
  historyMonths: integer('history_months').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const qualityAlerts = pgTable(
  'quality_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    groupKind: text('group_kind', { enum: ALERT_GROUP_KINDS }).notNull(),
    /** The product, project or customer the group is about. */
    groupId: uuid('group_id').notNull(),
    groupName: text('group_name').notNull(),
    faultCategory: text('fault_category').notNull(),
    level: text('level', { enum: ALERT_LEVELS }).notNull(),
    reason: text('reason', { enum: ALERT_REASONS }).notNull(),
    periodStart: day('period_start').notNull(),
    periodEnd: day('period_end').notNull(),
    count: integer('count').notNull(),
    expected: doublePrecision('expected').notNull(),
    pValue: doublePrecision('p_value').notNull(),
    units: integer('units').notNull(),
    evidence: jsonb('evidence').$type<TAlertEvidence>().notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('open'),
    caseId: uuid('case_id'),
    raisedAt: ts('raised_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('quality_alerts_number_idx').on(t.number),
    index('quality_alerts_raised_idx').on(t.raisedAt, t.id),
    // One alert per group that is not closed: the daily run updates (escalates) it instead of repeating it.
    uniqueIndex('quality_alerts_live_group_idx')
      .on(t.groupKind, t.groupId, t.faultCategory)
      .where(sql`${t.status} <> 'closed'`),
    index('quality_alerts_group_idx').on(t.groupKind, t.groupId, t.faultCategory, t.raisedAt),
  ],
);

export const qualityCases = pgTable(
  'quality_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    sourceKind: text('source_kind', { enum: CASE_SOURCE_KINDS }).notNull(),
    sourceId: uuid('source_id').notNull(),
    sourceNumber: text('source_number').notNull(),
    /** The customer of the source, when it has one (a ticket, repair, return, complaint or feedback). */
    customerId: uuid('customer_id'),
    productModel: text('product_model'),
    assets: jsonb('assets').$type<{ id: string; serial: string }[]>().notNull().default(sql`'[]'::jsonb`),
    batches: text('batches').array().notNull().default(sql`'{}'::text[]`),
    description: text('description').notNull(),
    causeAnalysis: text('cause_analysis'),
    decision: text('decision', { enum: CASE_DECISIONS }),
    trainingTopic: text('training_topic', { enum: TRAINING_TOPICS }),
    actions: jsonb('actions').$type<TCaseAction[]>().notNull().default(sql`'[]'::jsonb`),
    closingCause: text('closing_cause'),
    closingAction: text('closing_action'),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by'),
    reopenCount: integer('reopen_count').notNull().default(0),
    alertId: uuid('alert_id'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('quality_cases_number_idx').on(t.number),
    index('quality_cases_created_idx').on(t.createdAt, t.id),
    index('quality_cases_source_idx').on(t.sourceKind, t.sourceId),
  ],
);

export const qualityCaseEvents = pgTable(
  'quality_case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => qualityCases.id),
    kind: text('kind', { enum: CASE_EVENT_KINDS }).notNull(),
    note: text('note'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('quality_case_events_case_idx').on(t.caseId, t.id)],
);

/** A technical problem's way to product development (产品改进要求). */
export const qualityImprovementRequests = pgTable('quality_improvement_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => qualityCases.id),
  productModel: text('product_model'),
  problem: text('problem').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A service problem's way to staff training (培训需求: knowledge, etiquette or process). */
export const qualityTrainingNeeds = pgTable('quality_training_needs', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => qualityCases.id),
  topic: text('topic', { enum: TRAINING_TOPICS }).notNull(),
  problem: text('problem').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** 售后信息反馈意见表: one per completed work order, filled by its engineer on the phone. */
export const qualityFeedbackForms = pgTable(
  'quality_feedback_forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    workOrderNumber: text('work_order_number').notNull(),
    customerId: uuid('customer_id').notNull(),
    engineerId: uuid('engineer_id').notNull(),
    engineerName: text('engineer_name').notNull(),
    faultFound: text('fault_found').notNull(),
    cause: text('cause').notNull(),
    customerOpinion: text('customer_opinion').notNull(),
    suggestions: text('suggestions'),
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    caseId: uuid('case_id'),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [
    uniqueIndex('quality_feedback_forms_work_order_idx').on(t.workOrderId),
    index('quality_feedback_forms_submitted_idx').on(t.submittedAt, t.id),
  ],
);
