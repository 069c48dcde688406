// Registry tables: customers (业主) and their contacts, projects/sites (工程项目), contracts with their
// warranty terms and deposit (质量保证金) ledger, the product catalogue, assets (equipment trees),
// installation/commissioning/acceptance records, and the per-asset/per-project service archive.
// Every customer-scoped table carries customer_id so the data layer can confine customer users.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
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
import type { TAsset } from '../../../common/registry-api.ts';
import { ts } from '../../db/columns.ts';

const day = (name: string) => date(name, { mode: 'string' });
const audited = {
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
};

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ['enterprise', 'government', 'institution', 'individual'] })
      .notNull()
      .default('enterprise'),
    region: text('region'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    address: text('address'),
    ...audited,
  },
  (t) => [
    uniqueIndex('customers_code_idx').on(sql`lower(${t.code})`),
    index('customers_name_idx').on(t.name, t.id),
    index('customers_created_idx').on(t.createdAt, t.id),
    index('customers_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('customers_phone_idx').on(t.contactPhone),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    title: text('title'),
    userId: uuid('user_id'),
    ...audited,
  },
  (t) => [
    index('contacts_customer_idx').on(t.customerId, t.name),
    index('contacts_phone_idx').on(t.phone),
    index('contacts_email_idx').on(sql`lower(${t.email})`),
  ],
);

export const PROJECT_STATUSES = [
  'planning',
  'installing',
  'commissioning',
  'accepted',
  'in_service',
  'closed',
] as const;

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    region: text('region'),
    timeZone: text('time_zone').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    customerContactId: uuid('customer_contact_id').references(() => contacts.id),
    // 篇4 f.9: two engineers answer for each project
    engineerIds: uuid('engineer_ids').array().notNull().default(sql`'{}'::uuid[]`),
    emergencyPlanFileId: uuid('emergency_plan_file_id'),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('planning'),
    ...audited,
  },
  (t) => [
    uniqueIndex('projects_code_idx').on(sql`lower(${t.code})`),
    index('projects_customer_idx').on(t.customerId, t.name),
    index('projects_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    // The followups module's delivery changes since its watermark (deliveryChangesSince).
    index('projects_updated_idx').on(t.updatedAt),
  ],
);

export const CONTRACT_KINDS = ['supply_install', 'maintenance_agreement', 'extended_warranty'] as const;

export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    number: text('number').notNull(),
    kind: text('kind', { enum: CONTRACT_KINDS }).notNull(),
    warrantyMonths: integer('warranty_months').notNull().default(12),
    latentDefectMonths: integer('latent_defect_months').notNull().default(24),
    sparePartsShelfMonths: integer('spare_parts_shelf_months').notNull().default(60),
    maxRepairsBeforeReplace: integer('max_repairs_before_replace').notNull().default(3),
    // 篇3 5 退货服务 "使用产品X天中…在合同规定…范围内": the days after delivery a return may be asked
    // for; null takes the returns module's default setting.
    returnDays: integer('return_days'),
    replacementPolicy: text('replacement_policy', { enum: ['inherit', 'restart'] })
      .notNull()
      .default('inherit'),
    responseTier: text('response_tier').notNull().default('standard'),
    // What a maintenance agreement / extended warranty covers when no warranty period applies.
    agreementCoversLabour: boolean('agreement_covers_labour').notNull().default(true),
    agreementCoversTravel: boolean('agreement_covers_travel').notNull().default(true),
    agreementCoversParts: boolean('agreement_covers_parts').notNull().default(false),
    labourRateFen: bigint('labour_rate_fen', { mode: 'number' }).notNull().default(0),
    travelFeeFen: bigint('travel_fee_fen', { mode: 'number' }).notNull().default(0),
    // 篇4 g.7–8: the cost rates of a repair charged at cost, and lifetime repair at cost after the warranty.
    labourCostRateFen: bigint('labour_cost_rate_fen', { mode: 'number' }).notNull().default(0),
    travelCostFeeFen: bigint('travel_cost_fee_fen', { mode: 'number' }).notNull().default(0),
    lifetimeCostRepair: boolean('lifetime_cost_repair').notNull().default(false),
    partsPricing: text('parts_pricing', { enum: ['factory_price', 'sale_price'] })
      .notNull()
      .default('factory_price'),
    currency: text('currency').notNull().default('CNY'),
    depositAmountFen: bigint('deposit_amount_fen', { mode: 'number' }).notNull().default(0),
    depositBalanceFen: bigint('deposit_balance_fen', { mode: 'number' }).notNull().default(0),
    startDate: day('start_date').notNull(),
    endDate: day('end_date'),
    documentFileIds: uuid('document_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...audited,
  },
  (t) => [
    uniqueIndex('contracts_number_idx').on(sql`lower(${t.number})`),
    index('contracts_project_idx').on(t.projectId, t.startDate),
    index('contracts_customer_idx').on(t.customerId),
    check('contracts_deposit_balance_nonnegative', sql`${t.depositBalanceFen} >= 0`),
    check('contracts_months_valid', sql`${t.warrantyMonths} >= 0 and ${t.latentDefectMonths} >= 0`),
  ],
);

export const depositEntries = pgTable(
  'deposit_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['deposit', 'deduction', 'release'] }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    balanceAfterFen: bigint('balance_after_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    evidenceFileId: uuid('evidence_file_id'),
    ticketRef: text('ticket_ref'),
    /** What caused the entry (e.g. `work-order:<id>` for a third-party repair): one entry per source. */
    sourceRef: text('source_ref'),
    approvedBy: uuid('approved_by'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('deposit_entries_contract_idx').on(t.contractId, t.createdAt),
    uniqueIndex('deposit_entries_source_ref_idx').on(t.sourceRef).where(sql`${t.sourceRef} is not null`),
    check('deposit_entries_amount_positive', sql`${t.amountFen} > 0`),
    check('deposit_entries_balance_nonnegative', sql`${t.balanceAfterFen} >= 0`),
  ],
);

export const SIZE_CLASSES = ['small', 'medium', 'large'] as const;

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    model: text('model').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    sizeClass: text('size_class', { enum: SIZE_CLASSES }).notNull().default('medium'),
    maintenanceTemplate: text('maintenance_template'),
    standardPriceFen: bigint('standard_price_fen', { mode: 'number' }),
    documentFileIds: uuid('document_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...audited,
  },
  (t) => [
    uniqueIndex('products_model_idx').on(sql`lower(${t.model})`),
    index('products_name_trgm_idx').using('gin', sql`(${t.name} || ' ' || ${t.model}) gin_trgm_ops`),
    index('products_category_idx').on(t.category),
  ],
);

export const ASSET_STATUSES = ['installed', 'in_service', 'under_repair', 'replaced', 'retired'] as const;

export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    serial: text('serial').notNull(),
    name: text('name'),
    location: text('location'),
    parentId: uuid('parent_id'),
    installDate: day('install_date'),
    commissioningDate: day('commissioning_date'),
    acceptanceDate: day('acceptance_date'),
    // A replacement carries its own warranty window (inherited or restarted, 篇4 f.5).
    warrantyStart: day('warranty_start'),
    warrantyEnd: day('warranty_end'),
    status: text('status', { enum: ASSET_STATUSES }).notNull().default('installed'),
    replacesId: uuid('replaces_id'),
    replacedById: uuid('replaced_by_id'),
    repairCount: integer('repair_count').notNull().default(0),
    attributes: jsonb('attributes').$type<TAsset['attributes']>().notNull().default(sql`'{}'::jsonb`),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...audited,
  },
  (t) => [
    uniqueIndex('assets_product_serial_idx').on(t.productId, t.serial),
    index('assets_project_idx').on(t.projectId, t.serial),
    index('assets_serial_idx').on(t.serial, t.id),
    index('assets_customer_idx').on(t.customerId, t.serial, t.id),
    index('assets_parent_idx').on(t.parentId),
    index('assets_status_idx').on(t.status),
    index('assets_updated_idx').on(t.updatedAt),
    // Analytics: equipment at its 2nd, 3rd, 4th… repair.
    index('assets_repair_count_idx').on(t.repairCount).where(sql`${t.repairCount} >= 2`),
    index('assets_search_trgm_idx').using(
      'gin',
      sql`(${t.serial} || ' ' || coalesce(${t.name}, '') || ' ' || coalesce(${t.location}, '')) gin_trgm_ops`,
    ),
  ],
);

export const ACCEPTANCE_KINDS = ['installation', 'commissioning', 'acceptance'] as const;

interface AcceptanceCheckItem {
  item: string;
  passed: boolean;
  note?: string | null;
}

interface AcceptanceTestResult {
  name: string;
  value: string;
  passed: boolean;
}

export const acceptanceRecords = pgTable(
  'acceptance_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind', { enum: ACCEPTANCE_KINDS }).notNull(),
    performedOn: day('performed_on').notNull(),
    checklist: jsonb('checklist').$type<AcceptanceCheckItem[]>().notNull().default(sql`'[]'::jsonb`),
    testResults: jsonb('test_results').$type<AcceptanceTestResult[]>().notNull().default(sql`'[]'::jsonb`),
    certificateNumber: text('certificate_number'),
    signedByName: text('signed_by_name'),
    signedByContactId: uuid('signed_by_contact_id'),
    notes: text('notes'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('acceptance_records_project_idx').on(t.projectId, t.performedOn),
    index('acceptance_records_created_idx').on(t.createdAt),
  ],
);

// 服务档案: append-only timeline written by every module through the registry's recordArchiveEvent.
export const archiveEvents = pgTable(
  'archive_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id'),
    assetId: uuid('asset_id'),
    kind: text('kind').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    summary: text('summary').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    refType: text('ref_type'),
    refId: text('ref_id'),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
  },
  (t) => [
    index('archive_events_asset_idx').on(t.assetId, t.occurredAt),
    index('archive_events_project_idx').on(t.projectId, t.occurredAt),
    index('archive_events_customer_idx').on(t.customerId, t.occurredAt),
  ],
);

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export const IMPORT_ENTITIES = ['customers', 'projects', 'products', 'assets'] as const;

// Excel imports run as jobs; the row errors are kept (capped) for the report.
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entity: text('entity', { enum: IMPORT_ENTITIES }).notNull(),
    mode: text('mode', { enum: ['all_or_nothing', 'good_rows'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] })
      .notNull()
      .default('queued'),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    importedRows: integer('imported_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors').$type<ImportRowError[]>().notNull().default(sql`'[]'::jsonb`),
    message: text('message'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('imports_created_idx').on(t.createdAt)],
);
