// Webhooks: integrations subscribe to events; each delivery is HMAC-signed with the webhook's secret.
// Notification preferences: per user, the channels chosen per kind of message; the organisation's
// defaults per kind.
import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';
import { users } from '../accounts/schema.ts';

export const webhooks = pgTable('webhooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  events: text('events').array().notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** One row per user who has chosen: kind → channels; a kind not in `channels` takes its default. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  channels: jsonb('channels').$type<Record<string, string[]>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The organisation's default channels per kind (one row), set by an administrator: what a user gets
 * for a kind they have not chosen. A kind not in `channels` takes the product's default (defaults.ts).
 */
export const notificationDefaults = pgTable('notification_defaults', {
  id: integer('id').primaryKey().default(1),
  channels: jsonb('channels').$type<Record<string, string[]>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
