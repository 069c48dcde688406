// Follow-ups (回访): the record a rule creates (once per rule, subject and period), worked from the
// call list, with the outcome, what was found and what was done about it; the rules' settings; the
// watermarks of the event sources the job reads (completed repairs, answered consultations).
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_RULES,
  FOLLOW_UP_STATUSES,
  type TFollowUpSettingsValues,
} from '../../../common/followups-api.ts';
import { ts } from '../../db/columns.ts';

export interface StoredAnswer {
  question: string;
  answer: string;
}
export interface StoredProblem {
  class: 'usage' | 'quality' | 'service';
  description: string;
  action: 'guidance' | 'consultation_ticket' | 'ticket';
  note: string | null;
  ticketId: string | null;
  ticketNumber: string | null;
}
export interface StoredCheck {
  item: string;
  ok: boolean;
  note: string | null;
}

// The record that was field's "follow-up 3 days after a repair" (篇1 四.3) is now one rule among seven;
// its rows were kept (rule repair, subject = the work order).
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule', { enum: FOLLOW_UP_RULES }).notNull().default('repair'),
    /** What the rule fired for: the project, customer, work order, ticket or complaint. */
    subjectId: uuid('subject_id'),
    /** The period of a periodic rule (the n-th interval since delivery); '' for an event. */
    periodKey: text('period_key').notNull().default(''),
    channel: text('channel', { enum: FOLLOW_UP_CHANNELS }).notNull().default('phone'),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id'),
    contactId: uuid('contact_id'),
    ticketId: uuid('ticket_id'),
    workOrderId: uuid('work_order_id'),
    /** What it follows, as people read it: the work order or ticket number, or the period. */
    reference: text('reference'),
    /** The on-site visit's work order (field's), for the on-site channel. */
    visitWorkOrderId: uuid('visit_work_order_id'),
    dueAt: ts('due_at').notNull(),
    status: text('status', { enum: FOLLOW_UP_STATUSES }).notNull().default('open'),
    agentId: uuid('agent_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    reached: boolean('reached'),
    answers: jsonb('answers').$type<StoredAnswer[]>().notNull().default(sql`'[]'::jsonb`),
    satisfaction: smallint('satisfaction'),
    problems: jsonb('problems').$type<StoredProblem[]>().notNull().default(sql`'[]'::jsonb`),
    suggestions: text('suggestions'),
    /** 设备回访单 (篇4 g.1): the equipment checked and the coaching given to the operators. */
    equipmentCheck: jsonb('equipment_check').$type<StoredCheck[]>().notNull().default(sql`'[]'::jsonb`),
    coaching: text('coaching'),
    note: text('note'),
    outcomeAt: ts('outcome_at'),
    toldAt: ts('told_at'),
    toldNote: text('told_note'),
    closedAt: ts('closed_at'),
    /** The next warning instant (due soon, then overdue) and the last level fired. */
    flagAt: ts('flag_at'),
    flagLevel: smallint('flag_level').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follow_ups_rule_subject_idx').on(t.rule, t.subjectId, t.periodKey),
    index('follow_ups_due_idx').on(t.dueAt).where(sql`${t.status} = 'open'`),
    index('follow_ups_agent_idx')
      .on(t.agentId, t.dueAt)
      .where(sql`${t.status} in ('open', 'awaiting_customer')`),
    index('follow_ups_flag_idx').on(t.flagAt).where(sql`${t.flagAt} is not null`),
    index('follow_ups_period_idx').on(t.dueAt, t.id),
    index('follow_ups_customer_idx').on(t.customerId, t.dueAt),
    // What analytics' follow-up rollup recomputes: the follow-ups written since its last run.
    index('follow_ups_updated_idx').on(t.updatedAt),
  ],
);

export const followUpSettings = pgTable('follow_up_settings', {
  id: integer('id').primaryKey().default(1),
  values: jsonb('values').$type<TFollowUpSettingsValues>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** How far the job has read each event source (server time of the source's own record). */
export const followUpWatermarks = pgTable('follow_up_watermarks', {
  source: text('source').primaryKey(),
  at: ts('at').notNull(),
});

/**
 * The next period of each periodic rule per subject (a delivered project, or a customer for the
 * periodic call): the job selects only the rows whose next date is within its horizon
 * (follow_up_schedules_next_idx), so its work follows what is due, not how many projects exist. Rows
 * are kept from registry's delivery changes; `next_on` moves on when the period's follow-up is created.
 */
export const followUpSchedules = pgTable(
  'follow_up_schedules',
  {
    rule: text('rule', { enum: FOLLOW_UP_RULES }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id'),
    contactId: uuid('contact_id'),
    /** The delivery the periods count from (the customer's first delivery for the periodic call). */
    anchorOn: date('anchor_on', { mode: 'string' }).notNull(),
    /** The nominal date of the next period not created yet. */
    nextOn: date('next_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.rule, t.subjectId] }),
    index('follow_up_schedules_next_idx').on(t.nextOn),
    index('follow_up_schedules_project_idx').on(t.projectId),
  ],
);
