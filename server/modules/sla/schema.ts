// SLA calendars: when the clock of a promised time runs (7×24, or working hours with holidays and
// make-up days in a time zone).
import { integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';

export const slaCalendars = pgTable('sla_calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  /** { "1": [[540, 720], [810, 1080]], … } minutes from midnight by weekday (0 = Sunday). */
  weekly: jsonb('weekly').notNull(),
  holidays: jsonb('holidays').notNull(),
  workdays: jsonb('workdays').notNull(),
  workdaySlots: jsonb('workday_slots').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
