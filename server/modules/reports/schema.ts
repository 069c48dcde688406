// The reports module's tables (issue 19, reports that write themselves): each generated report with
// the figures it was made from (one per kind, period and project), the organisation's recipients of
// the weekly and monthly reports, and the customers' contacts who asked for their project reports.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TReportFigures } from '../../../common/reports-api.ts';
import { REPORT_KINDS, REPORT_LANGS } from '../../../common/reports-api.ts';
import { ts } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';
import { contacts, customers, projects } from '../registry/schema.ts';

export const reportRuns = pgTable(
  'report_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    /** A week's Monday (`2026-11-30`) or a month (`2026-11`), in the organisation's calendar. */
    period: text('period').notNull(),
    /** The project and its customer of a customer's monthly report; null for the organisation's reports. */
    projectId: uuid('project_id').references(() => projects.id),
    customerId: uuid('customer_id').references(() => customers.id),
    figures: jsonb('figures').$type<TReportFigures>().notNull(),
    empty: boolean('empty').notNull(),
    trigger: text('trigger', { enum: ['job', 'manual'] }).notNull(),
    generatedAt: ts('generated_at').notNull(),
    generatedBy: uuid('generated_by').references(() => users.id),
    emailedTo: integer('emailed_to').notNull().default(0),
  },
  (t) => [
    // One report per kind, period and project: the job run twice finds it there.
    uniqueIndex('report_runs_period_idx').on(
      t.kind,
      t.period,
      sql`coalesce(${t.projectId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('report_runs_generated_idx').on(t.kind, t.generatedAt),
    index('report_runs_customer_idx').on(t.customerId, t.period).where(sql`${t.customerId} is not null`),
  ],
);

export const reportRecipients = pgTable(
  'report_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id),
    email: text('email'),
    lang: text('lang', { enum: REPORT_LANGS }).notNull(),
    weekly: boolean('weekly').notNull(),
    monthly: boolean('monthly').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('report_recipients_user_idx').on(t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('report_recipients_email_idx').on(sql`lower(${t.email})`).where(sql`${t.email} is not null`),
  ],
);

export const reportSubscribers = pgTable(
  'report_subscribers',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
  },
  (t) => [uniqueIndex('report_subscribers_pk').on(t.customerId, t.contactId)],
);
