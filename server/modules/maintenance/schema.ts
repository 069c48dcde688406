// Planned maintenance (issue 16): the organisation's maintenance settings (the seed's intervals as
// defaults), templates with their checklists, and plans per project with one item per asset and
// template (what overlapping plans are checked on, and what generation will schedule).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
  MAINTENANCE_CYCLES,
  PLAN_MODES,
  SHIFT_DIRECTIONS,
  type TChecklistItem,
  type TVisitReason,
} from '../../../common/maintenance-api.ts';
import type { TTuningEvidence } from '../../../common/maintenance-tuning-api.ts';
import { SIZE_CLASSES } from '../../../common/registry-api.ts';
import { ts } from '../../db/columns.ts';
import { assets, customers, projects } from '../registry/schema.ts';
import { slaCalendars } from '../sla/schema.ts';

const day = (name: string) => date(name, { mode: 'string' });
const audited = {
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
};

/** One row; until a manager saves it, the seed's numbers (DEFAULT_MAINTENANCE_SETTINGS) apply. */
export const maintenanceSettings = pgTable('maintenance_settings', {
  id: integer('id').primaryKey().default(1),
  smallMonths: integer('small_months').notNull(),
  mediumMonths: integer('medium_months').notNull(),
  largeMonths: integer('large_months').notNull(),
  patrolMonths: integer('patrol_months').notNull(),
  electricalCleaningMonths: integer('electrical_cleaning_months').notNull(),
  overhaulMonths: integer('overhaul_months').notNull(),
  horizonDays: integer('horizon_days').notNull(),
  shiftDirection: text('shift_direction', { enum: SHIFT_DIRECTIONS }).notNull(),
  calendarId: uuid('calendar_id').references(() => slaCalendars.id),
  graceDays: integer('grace_days').notNull().default(7),
  warningLeadDays: integer('warning_lead_days').notNull().default(3),
  tuningCleanVisits: integer('tuning_clean_visits').notNull().default(4),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const maintenanceTemplates = pgTable(
  'maintenance_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    cycle: text('cycle', { enum: MAINTENANCE_CYCLES }).notNull(),
    category: text('category'),
    sizeClass: text('size_class', { enum: SIZE_CLASSES }),
    intervalMonths: integer('interval_months'),
    checklist: jsonb('checklist').$type<TChecklistItem[]>().notNull(),
    active: boolean('active').notNull().default(true),
    ...audited,
  },
  (t) => [
    index('maintenance_templates_category_idx').on(t.category, t.sizeClass),
    check(
      'maintenance_templates_interval_positive',
      sql`${t.intervalMonths} is null or ${t.intervalMonths} > 0`,
    ),
  ],
);

export const maintenancePlans = pgTable(
  'maintenance_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on'),
    mode: text('mode', { enum: PLAN_MODES }).notNull(),
    preferredWeekday: integer('preferred_weekday'),
    windowStart: text('window_start'),
    windowEnd: text('window_end'),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
    /** The long-term maintenance contract the plan was made from (篇4 g.8); null: made by hand. */
    contractId: uuid('contract_id'),
    /** The owner's own cycle in months, when the contract says so: every item runs at it. */
    intervalMonths: integer('interval_months'),
    ...audited,
  },
  (t) => [
    index('maintenance_plans_project_idx').on(t.projectId),
    check('maintenance_plans_interval_positive', sql`${t.intervalMonths} is null or ${t.intervalMonths} > 0`),
    index('maintenance_plans_customer_idx').on(t.customerId),
    check('maintenance_plans_dates', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Each asset of a plan with each of its templates that applies to it: the unit that is scheduled. */
export const maintenancePlanItems = pgTable(
  'maintenance_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => maintenancePlans.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => maintenanceTemplates.id),
  },
  (t) => [
    index('maintenance_plan_items_plan_idx').on(t.planId),
    index('maintenance_plan_items_asset_idx').on(t.assetId, t.templateId),
  ],
);

/**
 * A maintenance visit: one per project and due date, covering every asset due there; its work is a
 * field work order of kind maintenance. The unique key makes generation idempotent.
 */
export const maintenanceVisits = pgTable(
  'maintenance_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    dueOn: day('due_on').notNull(),
    workOrderId: uuid('work_order_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The next overdue flag (warning before the due window closes, escalation at its close); null: none. */
    nextFlagAt: ts('next_flag_at'),
  },
  (t) => [
    uniqueIndex('maintenance_visits_project_due_idx').on(t.projectId, t.dueOn),
    // The overdue sweep reads only what is due (like SLA deadlines).
    index('maintenance_visits_due_idx').on(t.dueOn),
    index('maintenance_visits_flag_idx').on(t.nextFlagAt).where(sql`${t.nextFlagAt} is not null`),
    index('maintenance_visits_customer_idx').on(t.customerId, t.dueOn),
  ],
);

/** What a visit does: an asset with a template of a plan, for one occurrence (its nominal date), and why. */
export const maintenanceVisitItems = pgTable(
  'maintenance_visit_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => maintenanceVisits.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => maintenancePlans.id),
    assetId: uuid('asset_id').notNull(),
    templateId: uuid('template_id').notNull(),
    nominalOn: day('nominal_on').notNull(),
    reason: jsonb('reason').$type<TVisitReason>().notNull(),
  },
  (t) => [
    uniqueIndex('maintenance_visit_items_occurrence_idx').on(t.planId, t.assetId, t.templateId, t.nominalOn),
    index('maintenance_visit_items_visit_idx').on(t.visitId),
    index('maintenance_visit_items_asset_idx').on(t.assetId, t.templateId),
  ],
);

/** Each overdue level fired for a visit, once (the primary key), like sla_firings. */
export const maintenanceVisitFlags = pgTable(
  'maintenance_visit_flags',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => maintenanceVisits.id, { onDelete: 'cascade' }),
    level: text('level', { enum: ['warning', 'escalation'] }).notNull(),
    firedAt: ts('fired_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.level] })],
);

/**
 * Plan tuning (根据设备运行状况和维护保养数据调整和优化维护保养计划): a proposed interval for a template and a
 * product, with the evidence it rests on; a manager accepts (the template's interval changes) or rejects.
 */
export const maintenanceTuningProposals = pgTable(
  'maintenance_tuning_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => maintenanceTemplates.id),
    productId: uuid('product_id').notNull(),
    currentMonths: integer('current_months').notNull(),
    proposedMonths: integer('proposed_months').notNull(),
    direction: text('direction', { enum: ['shorter', 'longer'] }).notNull(),
    evidence: jsonb('evidence').$type<TTuningEvidence>().notNull(),
    status: text('status', { enum: ['open', 'accepted', 'rejected'] })
      .notNull()
      .default('open'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('maintenance_tuning_open_idx').on(t.templateId, t.productId).where(sql`${t.status} = 'open'`),
    index('maintenance_tuning_status_idx').on(t.status, t.createdAt),
  ],
);
