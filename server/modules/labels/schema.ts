// QR labels on equipment (扫码报修): the public code of each asset's label, the settings of the scan
// page's abuse limits, the one-time SMS codes a reporter confirms a phone with, and the reports.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';
import { assets } from '../registry/schema.ts';

/** One row per code ever issued; re-issuing a label revokes the asset's current code. */
export const assetLabels = pgTable(
  'asset_labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
    customerId: uuid('customer_id').notNull(),
    issuedAt: ts('issued_at').notNull(),
    issuedBy: uuid('issued_by'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('asset_labels_code_idx').on(t.code),
    uniqueIndex('asset_labels_current_idx').on(t.assetId).where(sql`${t.revokedAt} is null`),
  ],
);

/** One row (id 1) once an administrator saves; until then the defaults in labels/settings.ts. */
export const labelSettings = pgTable('label_settings', {
  id: integer('id').primaryKey().default(1),
  hotline: text('hotline').notNull(),
  otpPerPhonePerHour: integer('otp_per_phone_per_hour').notNull(),
  otpPerAddressPerHour: integer('otp_per_address_per_hour').notNull(),
  reportsPerAssetPerHour: integer('reports_per_asset_per_hour').notNull(),
  photoMaxBytes: integer('photo_max_bytes').notNull(),
  videoMaxBytes: integer('video_max_bytes').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull(),
});

/** A one-time code sent by SMS to confirm a reporter's phone; stored as its SHA-256 only. */
export const labelOtps = pgTable(
  'label_otps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id').notNull(),
    phone: text('phone').notNull(),
    ip: text('ip'),
    codeHash: text('code_hash').notNull(),
    attempts: smallint('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    index('label_otps_phone_idx').on(t.phone, t.createdAt),
    index('label_otps_ip_idx').on(t.ip, t.createdAt),
  ],
);

/** A fault report from a scan: the ticket it created or joined. */
export const labelReports = pgTable(
  'label_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    phone: text('phone'),
    userId: uuid('user_id'),
    joined: boolean('joined').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('label_reports_asset_idx').on(t.assetId, t.createdAt)],
);
