// Field service: work orders (repair, maintenance, inspection, installation) and the engineer's
// visit, recorded as events with the moment they happened on the phone.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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
  DEFAULT_TRAVEL_COST_RATE_PER_KM_FEN,
  DEFAULT_TRAVEL_RATE_PER_KM_FEN,
  type TChargeSheet,
  type TDiagnosis,
  type TLeave,
  type TRepairPlan,
  type TRepairReport,
  type TReportDelivery,
  type TStoredStageData,
  type TTemporarySolution,
  VISIT_STAGES,
  WORK_ORDER_KINDS,
  WORK_ORDER_STATUSES,
} from '../../../common/field-api.ts';
import { ts } from '../../db/columns.ts';

export { VISIT_STAGES, WORK_ORDER_KINDS, WORK_ORDER_STATUSES };

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    kind: text('kind', { enum: WORK_ORDER_KINDS }).notNull(),
    status: text('status', { enum: WORK_ORDER_STATUSES }).notNull().default('new'),
    ticketId: uuid('ticket_id'),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id'),
    assetIds: uuid('asset_ids').array().notNull().default(sql`'{}'::uuid[]`),
    engineerId: uuid('engineer_id'),
    emergency: boolean('emergency').notNull().default(false),
    summary: text('summary').notNull(),
    scheduledAt: ts('scheduled_at'),
    diagnosis: jsonb('diagnosis').$type<TDiagnosis>(),
    plan: jsonb('plan').$type<TRepairPlan>(),
    temporary: jsonb('temporary').$type<TTemporarySolution>(),
    report: jsonb('report').$type<TRepairReport>(),
    timeSpentMinutes: integer('time_spent_minutes'),
    travelKm: doublePrecision('travel_km'),
    /** Photos before the work (photo_ids) and after it. */
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    afterPhotoIds: uuid('after_photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The signed repair report (PDF), once completed. */
    reportFileId: uuid('report_file_id'),
    /** Where the emailed report stands (the `field.publish-report` job). */
    reportDelivery: jsonb('report_delivery').$type<TReportDelivery>(),
    /** The charge sheet as agreed and billed (null: not charged); with its receipt number. */
    charges: jsonb('charges').$type<TChargeSheet>(),
    receiptNumber: text('receipt_number'),
    /** Labels of equipment scanned on site (labels module): evidence of presence beside the check-in. */
    equipmentScans: jsonb('equipment_scans')
      .$type<{ assetId: string; at: string; by: string | null }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('work_orders_number_idx').on(t.number),
    index('work_orders_engineer_idx').on(t.engineerId, t.status),
    index('work_orders_status_idx').on(t.status, t.createdAt),
    index('work_orders_ticket_idx').on(t.ticketId),
    index('work_orders_customer_idx').on(t.customerId, t.createdAt),
    // Analytics' measures (docs/analytics.md): jobs done in a period, an asset's repairs, failures.
    index('work_orders_updated_idx').on(t.updatedAt),
    index('work_orders_completed_at_idx').on(t.completedAt).where(sql`${t.completedAt} is not null`),
    index('work_orders_assets_idx').using('gin', t.assetIds),
    index('work_orders_repair_created_idx').on(t.createdAt).where(sql`${t.kind} = 'repair'`),
  ],
);

export const workOrderEvents = pgTable(
  'work_order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    stage: text('stage', { enum: VISIT_STAGES }).notNull(),
    /** When it happened on the phone (kept through offline sync). */
    at: ts('at').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    actorId: uuid('actor_id'),
    /** The phone's id for the action: a resent action is recorded once. */
    clientEventId: text('client_event_id').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    note: text('note'),
    data: jsonb('data').$type<TStoredStageData>(),
    /** Set when the engineer skipped the stage: why it did not apply to this visit. */
    skipReason: text('skip_reason'),
  },
  (t) => [
    uniqueIndex('work_order_events_client_idx').on(t.clientEventId),
    index('work_order_events_wo_idx').on(t.workOrderId, t.at),
    // Customer care (followups, surveys) reads the completions recorded since its watermark (repairsCompleted).
    index('work_order_events_completed_idx').on(t.recordedAt).where(sql`${t.stage} = 'completed'`),
    // Visits (first-time fix counts a work order's arrivals, index-only) and the first arrival (travel).
    index('work_order_events_arrived_idx').on(t.workOrderId, t.at).where(sql`${t.stage} = 'arrived'`),
  ],
);

// What the dispatcher knows of each field engineer: skills (product categories), home region and
// position, working days and hours, leave.
export const engineerProfiles = pgTable('engineer_profiles', {
  userId: uuid('user_id').primaryKey(),
  skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
  homeRegion: text('home_region'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  /** 0 = Sunday … 6 = Saturday. */
  workDays: integer('work_days').array().notNull().default(sql`'{1,2,3,4,5}'::int[]`),
  /** Minutes from midnight, local time. */
  workStart: integer('work_start').notNull().default(510),
  workEnd: integer('work_end').notNull().default(1050),
  /** Inclusive local dates. */
  leave: jsonb('leave').$type<TLeave[]>().notNull().default(sql`'[]'::jsonb`),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// The organisation's field settings (one row): the seed's numbers are the defaults until a manager
// changes them.
export const fieldSettings = pgTable('field_settings', {
  id: integer('id').primaryKey().default(1),
  /** Travel is priced per kilometre driven (fen per km), by the fee schedule and at cost. */
  travelRatePerKmFen: integer('travel_rate_per_km_fen').notNull().default(DEFAULT_TRAVEL_RATE_PER_KM_FEN),
  travelCostRatePerKmFen: integer('travel_cost_rate_per_km_fen')
    .notNull()
    .default(DEFAULT_TRAVEL_COST_RATE_PER_KM_FEN),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
