// Planned maintenance (issue 16): the organisation's maintenance settings (the seed's intervals as
// defaults), templates with their checklists, and plans per project with one item per asset and
// template (what overlapping plans are checked on, and what generation will schedule).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
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
import { CHECK_RESULTS, RECORD_STATUSES, SUGGESTION_PARTIES } from '../../../common/maintenance-visit-api.ts';
import {
  CAMPAIGN_OCCASIONS,
  DATE_REQUEST_STATUSES,
  type TCampaignSelection,
  VISIT_KINDS,
} from '../../../common/maintenance-visits-api.ts';
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
  /** Signed maintenance records wait for a reviewer's approval (the seed: the service centre reviews). */
  reviewRequired: boolean('review_required').notNull().default(true),
  // Days before a visit that its customer contact is told (seed: 3); 0 turns the reminder off.
  reminderDays: integer('reminder_days').notNull().default(3),
  graceDays: integer('grace_days').notNull().default(7),
  warningLeadDays: integer('warning_lead_days').notNull().default(3),
  tuningCleanVisits: integer('tuning_clean_visits').notNull().default(4),
  // Days from today a special inspection started from a quality alert is due by (seed-style: 3).
  specialInspectionDays: integer('special_inspection_days').notNull().default(3),
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
 * A campaign (节假日前、重大活动保障、暴雨后): inspection visits generated in bulk for the projects or
 * assets a filter selected, each before the deadline; `selection` keeps the filter as given.
 */
export const maintenanceCampaigns = pgTable(
  'maintenance_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    occasion: text('occasion', { enum: CAMPAIGN_OCCASIONS }).notNull(),
    reason: text('reason').notNull(),
    deadline: day('deadline').notNull(),
    selection: jsonb('selection').$type<TCampaignSelection>().notNull(),
    siteCount: integer('site_count').notNull(),
    assetCount: integer('asset_count').notNull(),
    ...audited,
  },
  (t) => [index('maintenance_campaigns_created_idx').on(t.createdAt)],
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
    // planned: generated from plans; special: 特殊巡查 from a ticket; campaign: a campaign's inspection.
    kind: text('kind', { enum: VISIT_KINDS }).notNull().default('planned'),
    ticketId: uuid('ticket_id'),
    /** The quality early-warning alert a special inspection was started from (quality owns alerts). */
    alertId: uuid('alert_id'),
    campaignId: uuid('campaign_id').references(() => maintenanceCampaigns.id),
    // Moved at the customer's request: generation leaves the date alone from then on.
    rescheduledAt: ts('rescheduled_at'),
    // The customer contact was told of the visit (once; the reminder job's idempotency).
    remindedAt: ts('reminded_at'),
    /** The next overdue flag (warning before the due window closes, escalation at its close); null: none. */
    nextFlagAt: ts('next_flag_at'),
    /**
     * A planned visit's item set as generation last left it (`visitFingerprint` of its occurrences):
     * regeneration reads the items only of visits whose wanted set no longer matches. Null: unknown.
     */
    itemsFingerprint: text('items_fingerprint'),
  },
  (t) => [
    uniqueIndex('maintenance_visits_project_due_idx')
      .on(t.projectId, t.dueOn)
      .where(sql`${t.kind} = 'planned'`),
    uniqueIndex('maintenance_visits_campaign_project_idx')
      .on(t.campaignId, t.projectId)
      .where(sql`${t.campaignId} is not null`),
    // The overdue sweep reads only what is due (like SLA deadlines).
    index('maintenance_visits_due_idx').on(t.dueOn),
    index('maintenance_visits_flag_idx').on(t.nextFlagAt).where(sql`${t.nextFlagAt} is not null`),
    index('maintenance_visits_customer_idx').on(t.customerId, t.dueOn),
    index('maintenance_visits_ticket_idx').on(t.ticketId).where(sql`${t.ticketId} is not null`),
    // The dispatch board asks for the due windows of the work orders it shows.
    index('maintenance_visits_work_order_idx').on(t.workOrderId),
    index('maintenance_visits_alert_idx').on(t.alertId).where(sql`${t.alertId} is not null`),
    // The reminder job reads only what is due and not yet reminded.
    index('maintenance_visits_reminder_idx').on(t.dueOn).where(sql`${t.remindedAt} is null`),
  ],
);

/**
 * What a visit does: an asset with a template (its checklist) — on a planned visit, of a plan for one
 * occurrence (its nominal date) and why; on a special or campaign visit, the inspection's day and no plan.
 */
export const maintenanceVisitItems = pgTable(
  'maintenance_visit_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => maintenanceVisits.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    /** The plan that scheduled it; null on a special inspection's or a campaign's visit. */
    planId: uuid('plan_id').references(() => maintenancePlans.id),
    assetId: uuid('asset_id').notNull(),
    templateId: uuid('template_id').notNull(),
    nominalOn: day('nominal_on').notNull(),
    /** Why a plan scheduled it then; null when no plan did (special and campaign visits). */
    reason: jsonb('reason').$type<TVisitReason>(),
  },
  (t) => [
    uniqueIndex('maintenance_visit_items_occurrence_idx').on(t.planId, t.assetId, t.templateId, t.nominalOn),
    index('maintenance_visit_items_visit_idx').on(t.visitId),
    index('maintenance_visit_items_asset_idx').on(t.assetId, t.templateId),
  ],
);

// ---------- the visit on the phone (visit-checklist.ts, suggestions.ts, record.ts) ----------

/** The latest answer to each checklist entry of a visit item, with its moment on the phone. */
export const maintenanceAnswers = pgTable(
  'maintenance_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => maintenanceVisits.id, { onDelete: 'cascade' }),
    visitItemId: uuid('visit_item_id')
      .notNull()
      .references(() => maintenanceVisitItems.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    key: text('key').notNull(),
    result: text('result', { enum: CHECK_RESULTS }),
    value: doublePrecision('value'),
    text: text('text'),
    note: text('note'),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    danger: boolean('danger').notNull().default(false),
    answeredAt: ts('answered_at').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    actorId: uuid('actor_id'),
    clientEventId: text('client_event_id').notNull(),
  },
  (t) => [
    uniqueIndex('maintenance_answers_entry_idx').on(t.visitItemId, t.key),
    index('maintenance_answers_visit_idx').on(t.visitId),
  ],
);

/** 整改建议: a hidden danger found on a visit, what should be done about it, by whom and when. */
export const maintenanceSuggestions = pgTable(
  'maintenance_suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => maintenanceVisits.id, { onDelete: 'cascade' }),
    visitItemId: uuid('visit_item_id')
      .notNull()
      .references(() => maintenanceVisitItems.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    itemKey: text('item_key').notNull(),
    text: text('text').notNull(),
    dueOn: day('due_on').notNull(),
    responsible: text('responsible', { enum: SUGGESTION_PARTIES }).notNull(),
    /** The fault ticket opened for it when the repair is needed now. */
    ticketId: uuid('ticket_id'),
    ...audited,
  },
  (t) => [
    uniqueIndex('maintenance_suggestions_entry_idx').on(t.visitItemId, t.itemKey),
    index('maintenance_suggestions_customer_idx').on(t.customerId, t.dueOn),
  ],
);

/** 保养记录: the visit's record, signed by the customer, its PDF, and the service centre's review. */
export const maintenanceRecords = pgTable(
  'maintenance_records',
  {
    visitId: uuid('visit_id')
      .primaryKey()
      .references(() => maintenanceVisits.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: RECORD_STATUSES }).notNull(),
    summary: text('summary'),
    signedBy: text('signed_by').notNull(),
    signedAt: ts('signed_at').notNull(),
    signatureFileId: uuid('signature_file_id').notNull(),
    engineerId: uuid('engineer_id'),
    fileId: uuid('file_id'),
    reviewerId: uuid('reviewer_id'),
    reviewedAt: ts('reviewed_at'),
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('maintenance_records_status_idx').on(t.status, t.signedAt),
    index('maintenance_records_customer_idx').on(t.customerId, t.signedAt),
    // Records in the order they were signed: the satisfaction survey's poller reads what is new.
    index('maintenance_records_signed_idx').on(t.signedAt, t.visitId),
  ],
);

/** A customer's request to move a visit to another date; the dispatcher confirms or declines it. */
export const maintenanceDateRequests = pgTable(
  'maintenance_date_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => maintenanceVisits.id, { onDelete: 'cascade' }),
    currentOn: day('current_on').notNull(),
    requestedOn: day('requested_on').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: DATE_REQUEST_STATUSES }).notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    ...audited,
  },
  (t) => [
    index('maintenance_date_requests_status_idx').on(t.status, t.createdAt),
    index('maintenance_date_requests_customer_idx').on(t.customerId, t.createdAt),
    // One open request per visit.
    uniqueIndex('maintenance_date_requests_pending_idx').on(t.visitId).where(sql`${t.status} = 'pending'`),
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
