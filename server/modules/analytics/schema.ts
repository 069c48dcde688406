// Analytics' own tables: per-day rollups of the measures (docs/analytics.md) and the watermark of the
// job that keeps them up to date. Dashboards read these, never the history.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';

/**
 * One row per local day (organisation's zone) × measure × metric × dimensions. measure `sla`: n = targets
 * decided, met = on time, breached, seconds = breach seconds; measure `restore`: n = tickets restored,
 * seconds = restore time summed (metric '').
 */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    day: date('day').notNull(),
    measure: text('measure', { enum: ['sla', 'restore'] }).notNull(),
    metric: text('metric').notNull(),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id'),
    productId: uuid('product_id'),
    team: text('team').notNull(),
    engineerId: uuid('engineer_id'),
    n: integer('n').notNull(),
    met: integer('met').notNull().default(0),
    breached: integer('breached').notNull().default(0),
    seconds: bigint('seconds', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('analytics_daily_day_idx').on(t.measure, t.day),
    index('analytics_daily_customer_idx').on(t.customerId, t.measure, t.day),
  ],
);

/** The narrow rollups' breakdowns (`dim`). */
export const NARROW_DIMS = ['metric', 'customer', 'project', 'product', 'team', 'engineer'] as const;

/**
 * The narrow rollup beside the wide one: one row per local day × measure × breakdown × key, summed over
 * the other dimensions (and over the metrics, except for the breakdown `metric`, whose rows also give
 * each period's and the period's total). Derived from `analytics_daily` in the same transaction that
 * replaces a day, so both always agree; the unfiltered views read it (far fewer rows per day than the
 * wide table, whose rows are keyed by all five dimensions).
 */
export const analyticsDailyBy = pgTable(
  'analytics_daily_by',
  {
    day: date('day').notNull(),
    measure: text('measure', { enum: ['sla', 'restore'] }).notNull(),
    dim: text('dim', { enum: NARROW_DIMS }).notNull(),
    key: text('key'),
    n: integer('n').notNull(),
    met: integer('met').notNull().default(0),
    breached: integer('breached').notNull().default(0),
    seconds: bigint('seconds', { mode: 'number' }).notNull().default(0),
  },
  // Every column read in the key (drizzle declares no INCLUDE): the unfiltered dashboard's branches are
  // index-only scans (docs/analytics.md "Rollups": ~20 % faster on the year at 10⁶; needs the visibility map).
  (t) => [
    index('analytics_daily_by_read_idx').on(
      t.measure,
      t.dim,
      t.day,
      t.key,
      t.n,
      t.met,
      t.breached,
      t.seconds,
    ),
  ],
);

/**
 * The narrow rollup per local month (the organisation's zone: the days summed are local days): one row
 * per month (its first day) × measure × breakdown × key, the sums of `analytics_daily_by` over the
 * month's days. Recomputed from those rows for every month whose days are replaced, in the same
 * transaction (`replaceNarrowDays`); an unfiltered view reads its whole months here and the partial
 * months at the period's edges from the daily rows (about 30× fewer rows for a year).
 */
export const analyticsMonthlyBy = pgTable(
  'analytics_monthly_by',
  {
    month: date('month').notNull(),
    measure: text('measure', { enum: ['sla', 'restore'] }).notNull(),
    dim: text('dim', { enum: NARROW_DIMS }).notNull(),
    key: text('key'),
    n: bigint('n', { mode: 'number' }).notNull(),
    met: bigint('met', { mode: 'number' }).notNull().default(0),
    breached: bigint('breached', { mode: 'number' }).notNull().default(0),
    seconds: bigint('seconds', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('analytics_monthly_by_read_idx').on(
      t.measure,
      t.dim,
      t.month,
      t.key,
      t.n,
      t.met,
      t.breached,
      t.seconds,
    ),
  ],
);

/**
 * The measures beyond SLA per local day (docs/analytics.md "Rollups"), one row per day × measure ×
 * customer, project, product, engineer — the dimensions each measure's filters use:
 * - `first_time_fix` (day of first resolution): n = eligible, hits = fixed first time, `param` = the
 *   reopen window (days) the row was computed with (another window: the dashboard computes per request);
 * - `repeat_repair` (day of completion): n = repairs, hits = 2nd or later of the equipment;
 * - `follow_up` (day due): n = due, hits = on time, late; product null (not a filter of this measure);
 * - `job` (day of completion): n = work orders completed, minutes on them, km, travel seconds;
 * - `satisfaction` (day answered): n = answers about the engineer, hits = satisfied.
 */
export const analyticsMeasuresDaily = pgTable(
  'analytics_measures_daily',
  {
    day: date('day').notNull(),
    measure: text('measure', {
      enum: ['first_time_fix', 'repeat_repair', 'follow_up', 'job', 'satisfaction'],
    }).notNull(),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id'),
    productId: uuid('product_id'),
    engineerId: uuid('engineer_id'),
    n: integer('n').notNull(),
    hits: integer('hits').notNull().default(0),
    late: integer('late').notNull().default(0),
    minutes: bigint('minutes', { mode: 'number' }).notNull().default(0),
    km: doublePrecision('km').notNull().default(0),
    travelSeconds: doublePrecision('travel_seconds').notNull().default(0),
    param: integer('param').notNull().default(0),
  },
  (t) => [
    index('analytics_measures_daily_day_idx').on(t.measure, t.day),
    index('analytics_measures_daily_customer_idx').on(t.customerId, t.measure, t.day),
    // Whether a period's first-time-fix rows have another reopen window (`otherFirstFixWindow`): two
    // empty range reads, not a scan of the period's rows.
    index('analytics_measures_daily_ftf_param_idx')
      .on(t.param, t.day)
      .where(sql`${t.measure} = 'first_time_fix'`),
  ],
);

/** How far each rollup source has been read (the sources' updated_at), and when it ran. */
export const analyticsWatermarks = pgTable('analytics_watermarks', {
  source: text('source').primaryKey(),
  watermark: ts('watermark').notNull(),
  refreshedAt: ts('refreshed_at').notNull(),
});

/**
 * The measures' settings (docs/analytics.md), one row: the days after its first resolution within which
 * a reopening means the fix was not first-time; the repair count at which equipment is listed (the
 * seed's "3 repairs", 篇4 c.2: the 3rd repair is the last before replacement, a 4th calls for it).
 */
export const analyticsSettings = pgTable('analytics_settings', {
  id: integer('id').primaryKey().default(1),
  firstFixReopenDays: integer('first_fix_reopen_days').notNull().default(30),
  repeatRepairThreshold: integer('repeat_repair_threshold').notNull().default(3),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * MTBF's failures per local day opened × asset × the work order's customer and project (field's
 * `failuresByDay`: repair work orders not cancelled, once per asset named), kept by the rollup job
 * (source `failures`). The asset's product, model, project and installed time come from
 * `analytics_assets` when read, so an asset moved to another product counts under its new one.
 */
export const analyticsFailuresDaily = pgTable(
  'analytics_failures_daily',
  {
    day: date('day').notNull(),
    assetId: uuid('asset_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id'),
    n: integer('n').notNull(),
  },
  (t) => [
    // The period's rows read from the index alone (MTBF's request sums asset_id, n over its days).
    index('analytics_failures_daily_day_idx').on(t.day, t.assetId, t.n),
    index('analytics_failures_daily_customer_idx').on(t.customerId, t.day),
  ],
);

/**
 * Every asset as MTBF reads it (registry's `assetsChangedBetween`, source `assets`): its dimensions, the
 * local day its installed time starts (installation, else commissioning, else acceptance) and whether it
 * is in the installed base. Also what the measures rollup compares to find an asset that moved to
 * another product (its days are then recomputed).
 */
export const analyticsAssets = pgTable(
  'analytics_assets',
  {
    assetId: uuid('asset_id').primaryKey(),
    serial: text('serial').notNull(),
    customerId: uuid('customer_id').notNull(),
    projectId: uuid('project_id').notNull(),
    productId: uuid('product_id').notNull(),
    model: text('model').notNull(),
    since: date('since', { mode: 'string' }),
    inService: boolean('in_service').notNull(),
  },
  (t) => [index('analytics_assets_customer_idx').on(t.customerId)],
);
