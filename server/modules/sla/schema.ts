// SLA calendars: when the clock of a promised time runs (7×24, or working hours with holidays and
// make-up days in a time zone).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PolicyConditions, SlaEvent, TargetDefinition } from '../../../common/sla-rules.ts';
import type { TicketStatus } from '../../../common/ticket-rules.ts';
import { ts } from '../../db/columns.ts';

/** Minutes from midnight: [start, end). */
export type Slot = [number, number];
export type NamedDay = { date: string; name: string };
/** A pause of a target's clock, as stored (ISO instants; `to` null while paused). */
export type StoredPause = { from: string; to: string | null };

export const slaCalendars = pgTable('sla_calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  /** { "1": [[540, 720], [810, 1080]], … } minutes from midnight by weekday (0 = Sunday). */
  weekly: jsonb('weekly').$type<Record<string, Slot[]>>().notNull(),
  holidays: jsonb('holidays').$type<NamedDay[]>().notNull(),
  workdays: jsonb('workdays').$type<NamedDay[]>().notNull(),
  workdaySlots: jsonb('workday_slots').$type<Slot[]>().notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// Policies: conditions select tickets (first match by position, else the default); targets are what
// a selected ticket is promised.
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
    isDefault: boolean('is_default').notNull().default(false),
    conditions: jsonb('conditions').$type<PolicyConditions>().notNull(),
    targets: jsonb('targets').$type<TargetDefinition[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('sla_policies_position_idx').on(t.position),
    uniqueIndex('sla_policies_default_idx').on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);

// A ticket's SLA log: milestones and status changes, in time order; targets are recomputed from it.
export const slaEvents = pgTable(
  'sla_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    event: text('event').$type<SlaEvent | 'status'>().notNull(),
    status: text('status').$type<TicketStatus>(),
    at: ts('at').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('sla_events_ticket_idx').on(t.ticketId, t.at)],
);

// A ticket's targets (one per metric) with the definition they were promised under. next_fire_at is
// the next warning/escalation instant: the sweeper reads only rows that are due (partial index).
export const slaTargets = pgTable(
  'sla_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    policyId: uuid('policy_id'),
    policyVersion: integer('policy_version'),
    metric: text('metric').notNull(),
    definition: jsonb('definition').$type<TargetDefinition>().notNull(),
    state: text('state', { enum: ['pending', 'running', 'paused', 'met', 'cancelled'] }).notNull(),
    startedAt: ts('started_at'),
    dueAt: ts('due_at'),
    warnAt: ts('warn_at'),
    pauses: jsonb('pauses').$type<StoredPause[]>().notNull().default(sql`'[]'::jsonb`),
    metAt: ts('met_at'),
    breached: boolean('breached').notNull().default(false),
    breachedBy: integer('breached_by').notNull().default(0),
    nextFireAt: ts('next_fire_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sla_targets_ticket_metric_idx').on(t.ticketId, t.metric),
    index('sla_targets_next_fire_idx').on(t.nextFireAt).where(sql`${t.nextFireAt} is not null`),
    index('sla_targets_running_due_idx').on(t.dueAt).where(sql`${t.state} = 'running'`),
    // The breaching queue (warned, not yet due) and the workbench's count of it.
    index('sla_targets_running_warn_idx').on(t.warnAt).where(sql`${t.state} = 'running'`),
    // Targets by due time: today's compliance on the manager's workbench, the rollup's days, and the
    // drill-down's page and total — the outcome and metric columns make its count an index-only scan.
    index('sla_targets_due_outcome_idx').on(t.dueAt, t.breached, t.state, t.metric),
    // Targets written since a watermark: the days analytics' rollup recomputes.
    index('sla_targets_updated_idx').on(t.updatedAt),
    // The breaching queue: running targets whose [warning, deadline) window contains now.
    index('sla_targets_warning_window_idx')
      .using('gist', sql`tstzrange(${t.warnAt}, greatest(${t.warnAt}, ${t.dueAt}))`)
      .where(sql`${t.state} = 'running' and ${t.warnAt} is not null and ${t.dueAt} is not null`),
  ],
);

// Each escalation level of a target fires once: the primary key is the guarantee, whatever the
// number of instances and restarts.
export const slaFirings = pgTable(
  'sla_firings',
  {
    targetId: uuid('target_id')
      .notNull()
      .references(() => slaTargets.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    firedAt: ts('fired_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.level] })],
);
