// Identity: users (staff and customer), sessions, API tokens, login attempts.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../common/api.ts';
import type { TRole } from '../../../common/roles.ts';
import { ts } from '../../db/columns.ts';
import { customers } from '../registry/schema.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['staff', 'customer'] }).notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().$type<TRole[]>().notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    locale: text('locale', { enum: LOCALES }).notNull().default('zh-CN'),
    timeZone: text('time_zone').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_idx').on(sql`lower(${t.username})`),
    index('users_customer_idx').on(t.customerId),
    check('users_customer_scope', sql`(${t.kind} = 'customer') = (${t.customerId} is not null)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the cookie token; the token itself is never stored
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    role: text('role').$type<TRole>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_user_idx').on(t.username, t.at),
    index('login_attempts_ip_idx').on(t.ip, t.at),
  ],
);

// The service company's own letterhead (one row): its name and logo in the header of the documents it
// sends (repair reports, service archives). An administrator sets them; every change is audited.
export const companyProfile = pgTable('company_profile', {
  id: integer('id').primaryKey().default(1),
  name: text('name').notNull(),
  /** A PNG or JPEG in the file store (the PDF library draws only those). */
  logoFileId: uuid('logo_file_id'),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
