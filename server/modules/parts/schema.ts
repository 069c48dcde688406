// Spare parts (备件): the catalogue, stock locations (warehouses and engineers' vans), batches with
// their shelf warranty, stock levels kept by the database never below zero, an append-only ledger of
// movements, reservations for work, reorder rules and alerts, stock-taking (盘点).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  COUNT_STATUSES,
  LOCATION_KINDS,
  MOVEMENT_KINDS,
  STOCK_CONDITIONS,
} from '../../../common/parts-api.ts';
import { ts } from '../../db/columns.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const parts = pgTable(
  'parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partNumber: text('part_number').notNull(),
    name: text('name').notNull(),
    specification: text('specification'),
    unit: text('unit').notNull().default('个'),
    genuine: boolean('genuine').notNull().default(true),
    wearing: boolean('wearing').notNull().default(false),
    costFen: integer('cost_fen'),
    factoryPriceFen: integer('factory_price_fen'),
    salePriceFen: integer('sale_price_fen'),
    shelfLifeMonths: integer('shelf_life_months'),
    /** Products (or component products) this part fits. */
    fitsProductIds: uuid('fits_product_ids').array().notNull().default(sql`'{}'::uuid[]`),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('parts_number_idx').on(sql`lower(${t.partNumber})`),
    index('parts_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export const stockLocations = pgTable(
  'stock_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: LOCATION_KINDS }).notNull(),
    /** The storekeeper of a warehouse; the field engineer of a van. */
    keeperId: uuid('keeper_id'),
    region: text('region'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stock_locations_code_idx').on(t.code),
    index('stock_locations_keeper_idx').on(t.keeperId),
  ],
);

export const stockBatches = pgTable(
  'stock_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    code: text('code').notNull(),
    receivedOn: day('received_on').notNull(),
    /** Receipt date + the shelf-warranty limit (篇4 c.1); null: no limit. */
    shelfWarrantyEndsOn: day('shelf_warranty_ends_on'),
    /** Who supplied the batch (issue 19's supplier × part early warning); null: not recorded. */
    supplier: text('supplier'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stock_batches_part_code_idx').on(t.partId, t.code)],
);

// On hand and reserved per location, part, batch and condition. The CHECKs are the last word: no
// code path can leave a negative quantity or reserve more than is there.
export const stockLevels = pgTable(
  'stock_levels',
  {
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => stockBatches.id),
    condition: text('condition', { enum: STOCK_CONDITIONS }).notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.partId, t.batchId, t.condition] }),
    index('stock_levels_part_idx').on(t.partId, t.locationId),
    check('stock_levels_on_hand_nonneg', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_nonneg', sql`${t.reserved} >= 0`),
    check('stock_levels_reserved_le_on_hand', sql`${t.reserved} <= ${t.onHand}`),
  ],
);

// The ledger: append-only (trigger). Quantities are positive; the locations say which way it went.
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    partId: uuid('part_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    condition: text('condition', { enum: STOCK_CONDITIONS }).notNull(),
    fromLocationId: uuid('from_location_id'),
    toLocationId: uuid('to_location_id'),
    quantity: integer('quantity').notNull(),
    reservationId: uuid('reservation_id'),
    ticketId: uuid('ticket_id'),
    workOrderRef: text('work_order_ref'),
    /** The equipment an issued part was fitted to (its warranty decides the charge). */
    assetId: uuid('asset_id'),
    countId: uuid('count_id'),
    serial: text('serial'),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
  },
  (t) => [
    index('stock_movements_part_idx').on(t.partId, t.at),
    index('stock_movements_from_idx').on(t.fromLocationId, t.at),
    index('stock_movements_to_idx').on(t.toLocationId, t.at),
    index('stock_movements_ticket_idx').on(t.ticketId),
    // The parts of a work order (its charge sheet, its report) without reading the whole ledger.
    index('stock_movements_work_order_idx').on(t.workOrderRef),
    // The early warning's part read models (quality-read.ts): the issues to equipment since a date, and a
    // piece of equipment's fittings of a part in order (the next one is the replacement).
    index('stock_movements_fitted_at_idx')
      .on(t.at)
      .where(sql`${t.kind} = 'issue' and ${t.assetId} is not null`),
    index('stock_movements_fitted_idx')
      .on(t.assetId, t.partId, t.at, t.id)
      .where(sql`${t.kind} = 'issue' and ${t.assetId} is not null`),
    check('stock_movements_quantity_pos', sql`${t.quantity} > 0`),
  ],
);

// Parts held for a piece of work; issuing consumes them, releasing gives them back.
export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partId: uuid('part_id').notNull(),
    locationId: uuid('location_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    /** Still held (reserved and not yet issued or released). */
    open: integer('open').notNull(),
    quantity: integer('quantity').notNull(),
    ticketId: uuid('ticket_id'),
    workOrderRef: text('work_order_ref'),
    emergency: boolean('emergency').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('stock_reservations_ticket_idx').on(t.ticketId),
    index('stock_reservations_open_idx').on(t.partId, t.locationId).where(sql`${t.open} > 0`),
    check('stock_reservations_open_range', sql`${t.open} >= 0 and ${t.open} <= ${t.quantity}`),
  ],
);

export const reorderRules = pgTable(
  'reorder_rules',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    reorderPoint: integer('reorder_point').notNull(),
    reorderQuantity: integer('reorder_quantity').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partId, t.locationId] }),
    check('reorder_rules_nonneg', sql`${t.reorderPoint} >= 0 and ${t.reorderQuantity} > 0`),
  ],
);

// A replenishment suggestion: at most one open per part and location.
export const replenishmentAlerts = pgTable(
  'replenishment_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partId: uuid('part_id').notNull(),
    locationId: uuid('location_id').notNull(),
    available: integer('available').notNull(),
    reorderPoint: integer('reorder_point').notNull(),
    suggestedQuantity: integer('suggested_quantity').notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    createdAt: ts('created_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('replenishment_alerts_open_idx').on(t.partId, t.locationId).where(sql`${t.status} = 'open'`),
  ],
);

export const stockCounts = pgTable('stock_counts', {
  id: uuid('id').primaryKey().defaultRandom(),
  locationId: uuid('location_id')
    .notNull()
    .references(() => stockLocations.id),
  status: text('status', { enum: COUNT_STATUSES }).notNull().default('open'),
  openedBy: uuid('opened_by'),
  openedAt: ts('opened_at').notNull(),
  submittedAt: ts('submitted_at'),
  approvedBy: uuid('approved_by'),
  approvedAt: ts('approved_at'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const stockCountLines = pgTable(
  'stock_count_lines',
  {
    countId: uuid('count_id')
      .notNull()
      .references(() => stockCounts.id),
    partId: uuid('part_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    condition: text('condition', { enum: STOCK_CONDITIONS }).notNull(),
    expected: integer('expected').notNull(),
    counted: integer('counted'),
  },
  (t) => [
    primaryKey({ columns: [t.countId, t.partId, t.batchId, t.condition] }),
    check('stock_count_lines_counted_nonneg', sql`${t.counted} is null or ${t.counted} >= 0`),
  ],
);
