// Returns (退货 / RMA, 篇3 5): the return requests with their inspection, decision and stock receipt,
// the timeline of each, and the module's settings (one row). Customer-scoped rows carry customer_id.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  RETURN_EVENT_KINDS,
  RETURN_OUTCOMES,
  RETURN_STATUSES,
  RETURN_WINDOW_FROM,
  type TReturnInspection,
} from '../../../common/returns-api.ts';
import { ts } from '../../db/columns.ts';
import { assets, customers, projects } from '../registry/schema.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const returnSettings = pgTable('return_settings', {
  id: integer('id').primaryKey().default(1),
  defaultReturnDays: integer('default_return_days').notNull(),
  windowFrom: text('window_from', { enum: RETURN_WINDOW_FROM }).notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const returnRequests = pgTable(
  'return_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    status: text('status', { enum: RETURN_STATUSES }).notNull().default('requested'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
    productId: uuid('product_id').notNull(),
    // Facts of the return form (退货单) as they were when it was asked for.
    customerName: text('customer_name').notNull(),
    projectName: text('project_name').notNull(),
    serial: text('serial').notNull(),
    productModel: text('product_model').notNull(),
    productName: text('product_name').notNull(),
    reason: text('reason').notNull(),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    requestedVia: text('requested_via', { enum: ['portal', 'staff'] }).notNull(),
    requestedBy: uuid('requested_by'),
    requestedByName: text('requested_by_name').notNull(),
    windowStart: day('window_start'),
    allowedDays: integer('allowed_days').notNull(),
    deadline: day('deadline'),
    withinWindow: boolean('within_window').notNull(),
    overrideReason: text('override_reason'),
    overrideBy: uuid('override_by'),
    overrideByName: text('override_by_name'),
    inspection: jsonb('inspection').$type<TReturnInspection>(),
    outcome: text('outcome', { enum: RETURN_OUTCOMES }),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: ts('decided_at'),
    stockLocationId: uuid('stock_location_id'),
    stockLocationName: text('stock_location_name'),
    stockPartId: uuid('stock_part_id'),
    stockPartNumber: text('stock_part_number'),
    stockCondition: text('stock_condition', { enum: ['good', 'defective'] }),
    stockMovementId: bigint('stock_movement_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('return_requests_number_idx').on(t.number),
    index('return_requests_created_idx').on(t.createdAt, t.id),
    index('return_requests_customer_idx').on(t.customerId, t.createdAt, t.id),
    index('return_requests_status_idx').on(t.status, t.createdAt, t.id),
    // One open return per piece of equipment.
    uniqueIndex('return_requests_open_asset_idx')
      .on(t.assetId)
      .where(sql`${t.status} in ('requested', 'awaiting_approval', 'approved')`),
  ],
);

// The timeline of a return: who did what, when; the customer sees it too.
export const returnEvents = pgTable(
  'return_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returnRequests.id),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: RETURN_EVENT_KINDS }).notNull(),
    status: text('status', { enum: RETURN_STATUSES }).notNull(),
    note: text('note'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('return_events_return_idx').on(t.returnId, t.id)],
);
