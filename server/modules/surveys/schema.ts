// Satisfaction surveys (满意度, 篇1 五.4): settings per kind, the pollers' watermarks, and one
// invitation per source (a closed ticket, a completed repair, a signed maintenance record) holding
// the answer. Dimensions of the report (team, engineer, customer, product) are copied from the source
// when the invitation is made, so the report reads this table alone.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { SURVEY_KINDS, SURVEY_SKIP_REASONS, SURVEY_STATUSES } from '../../../common/surveys-api.ts';
import { ts } from '../../db/columns.ts';

export const surveySettings = pgTable('survey_settings', {
  kind: text('kind', { enum: SURVEY_KINDS }).primaryKey(),
  enabled: boolean('enabled').notNull(),
  samplingPercent: integer('sampling_percent').notNull(),
  quietDays: integer('quiet_days').notNull(),
  linkDays: integer('link_days').notNull(),
  targetPercent: integer('target_percent').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** How far each source has been read: the last (time, id) taken, so a run reads only what is new. */
export const surveyWatermarks = pgTable('survey_watermarks', {
  kind: text('kind', { enum: SURVEY_KINDS }).primaryKey(),
  afterAt: ts('after_at').notNull(),
  afterId: uuid('after_id'),
});

export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: SURVEY_KINDS }).notNull(),
    sourceId: uuid('source_id').notNull(),
    sourceNumber: text('source_number'),
    sourceAt: ts('source_at').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    projectId: uuid('project_id'),
    team: text('team'),
    engineerId: uuid('engineer_id'),
    productId: uuid('product_id'),
    email: text('email'),
    phone: text('phone'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    status: text('status', { enum: SURVEY_STATUSES }).notNull(),
    skipReason: text('skip_reason', { enum: SURVEY_SKIP_REASONS }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    answeredAt: ts('answered_at'),
    answeredBy: uuid('answered_by'),
    channel: text('channel', { enum: ['link', 'portal'] }),
    responseStars: smallint('response_stars'),
    engineerStars: smallint('engineer_stars'),
    resultStars: smallint('result_stars'),
    comment: text('comment'),
    notSatisfied: boolean('not_satisfied'),
    /** common/survey-rules.ts `isSatisfied`, stored at answer time: the report sums it. */
    satisfied: boolean('satisfied'),
    recoveryTicketId: uuid('recovery_ticket_id'),
    recoveryTicketNumber: text('recovery_ticket_number'),
  },
  (t) => [
    // Each source is asked at most once.
    uniqueIndex('survey_invitations_source_idx').on(t.kind, t.sourceId),
    // The quiet period: when was this customer last asked.
    index('survey_invitations_asked_idx').on(t.customerId, t.createdAt).where(sql`${t.status} <> 'skipped'`),
    // The report and its drill-down: answers by time.
    index('survey_invitations_answered_idx').on(t.answeredAt, t.id).where(sql`${t.answeredAt} is not null`),
    // The portal's "surveys to answer".
    index('survey_invitations_open_idx').on(t.customerId, t.expiresAt).where(sql`${t.status} = 'open'`),
  ],
);
