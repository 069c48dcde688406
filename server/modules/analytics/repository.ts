// Every SQL statement of analytics: its rollup table and watermarks, nothing else.
import { type SQL, sql } from 'drizzle-orm';
import type { TAnalyticsFilter, TAnalyticsGranularity } from '../../../common/analytics-api.ts';
import { addDays, addMonths } from '../../../common/calendar-dates.ts';
import type { Executor } from '../../db/pool.ts';
import type { RestoreDayRow, SlaDayRow } from '../sla/index.ts';
import { analyticsDaily, analyticsMeasuresDaily, NARROW_DIMS } from './schema.ts';

export type Measure = 'sla' | 'restore';

export async function lockWatermark(db: Executor, source: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`analytics.${source}`}))`);
  const r = await db.execute<{ watermark: Date; refreshed_at: Date }>(
    sql`select watermark, refreshed_at from analytics_watermarks where source = ${source}`,
  );
  const row = r.rows[0];
  return row ? { watermark: new Date(row.watermark), refreshedAt: new Date(row.refreshed_at) } : null;
}

export async function setWatermark(db: Executor, source: string, watermark: Date, refreshedAt: Date) {
  await db.execute(sql`
    insert into analytics_watermarks (source, watermark, refreshed_at)
    values (${source}, ${watermark.toISOString()}::timestamptz, ${refreshedAt.toISOString()}::timestamptz)
    on conflict (source) do update set watermark = excluded.watermark, refreshed_at = excluded.refreshed_at`);
}

/** Forgets a source's watermark: its next run recomputes every day (the views compute per request until then). */
export async function forgetWatermark(db: Executor, source: string) {
  await db.execute(sql`delete from analytics_watermarks where source = ${source}`);
}

export async function watermarkOf(db: Executor, source: string): Promise<Date | null> {
  const r = await db.execute<{ watermark: Date }>(
    sql`select watermark from analytics_watermarks where source = ${source}`,
  );
  return r.rows[0] ? new Date(r.rows[0].watermark) : null;
}

export async function refreshedAt(db: Executor, source: string): Promise<Date | null> {
  const r = await db.execute<{ refreshed_at: Date }>(
    sql`select refreshed_at from analytics_watermarks where source = ${source}`,
  );
  return r.rows[0] ? new Date(r.rows[0].refreshed_at) : null;
}

type RollupRow = typeof analyticsDaily.$inferInsert;

/** Replaces the rows of a measure on the given days (the recomputed figures, whole days at a time). */
export async function replaceDays(
  db: Executor,
  measure: Measure,
  days: readonly string[],
  rows: RollupRow[],
) {
  await db.execute(
    sql`delete from analytics_daily where measure = ${measure} and day = any(${sql.param([...days])}::date[])`,
  );
  for (let i = 0; i < rows.length; i += 1000) await db.insert(analyticsDaily).values(rows.slice(i, i + 1000));
  await replaceNarrowDays(db, measure, days);
}

/**
 * Replaces the narrow rows of the given days with the wide rows summed per breakdown key (call after
 * the wide rows of those days were written, in the same transaction): one source, the same figures.
 * Then the months of those days are recomputed from the narrow daily rows (`replaceNarrowMonths`).
 */
export async function replaceNarrowDays(db: Executor, measure: Measure, days: readonly string[]) {
  const dayList = sql`any(${sql.param([...days])}::date[])`;
  await db.execute(sql`delete from analytics_daily_by where measure = ${measure} and day = ${dayList}`);
  await db.execute(sql`
    insert into analytics_daily_by (day, measure, dim, key, n, met, breached, seconds)
    ${sql.join(
      NARROW_DIMS.map(
        (
          dim,
        ) => sql`select day, measure, ${dim}::text, ${KEY_SQL[dim]}, sum(n), sum(met), sum(breached), sum(seconds)
          from analytics_daily where measure = ${measure} and day = ${dayList}
          group by day, measure, ${KEY_SQL[dim]}`,
      ),
      sql` union all `,
    )}`);
  await replaceNarrowMonths(db, measure, [...new Set(days.map(monthOf))]);
}

/** The first day of a local day's month. */
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Recomputes the monthly narrow rows of the given months (first days) from the daily narrow rows: one
 * INSERT … SELECT … GROUP BY after deleting them. Serialised per measure (an advisory lock held to the
 * end of the transaction), so a concurrent run that replaced other days of the same month recomputes
 * it after this one committed, with both runs' days.
 */
export async function replaceNarrowMonths(db: Executor, measure: Measure, months: readonly string[]) {
  if (months.length === 0) return;
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`analytics.monthly_by.${measure}`}))`);
  const monthList = sql.param([...months]);
  await db.execute(
    sql`delete from analytics_monthly_by where measure = ${measure} and month = any(${monthList}::date[])`,
  );
  await db.execute(sql`
    insert into analytics_monthly_by (month, measure, dim, key, n, met, breached, seconds)
    select m.month, d.measure, d.dim, d.key, sum(d.n), sum(d.met), sum(d.breached), sum(d.seconds)
      from unnest(${monthList}::date[]) as m(month)
      join analytics_daily_by d on d.measure = ${measure}
       and d.dim = any(${sql.param([...NARROW_DIMS])}::text[])
       and d.day >= m.month and d.day < (m.month + interval '1 month')::date
     group by m.month, d.measure, d.dim, d.key`);
}

export const slaRollupRow = (r: SlaDayRow): RollupRow => ({
  day: r.day,
  measure: 'sla',
  metric: r.metric,
  customerId: r.customerId,
  projectId: r.projectId,
  productId: r.productId,
  team: r.team,
  engineerId: r.engineerId,
  n: r.decided,
  met: r.met,
  breached: r.breached,
  seconds: r.breachSeconds,
});

export const restoreRollupRow = (r: RestoreDayRow): RollupRow => ({
  day: r.day,
  measure: 'restore',
  metric: '',
  customerId: r.customerId,
  projectId: r.projectId,
  productId: r.productId,
  team: r.team,
  engineerId: r.engineerId,
  n: r.restored,
  seconds: r.restoreSeconds,
});

/** The group keys a dashboard breaks a measure down by. */
export type GroupKey =
  | 'period'
  | 'metric'
  | 'customer'
  | 'project'
  | 'product'
  | 'team'
  | 'engineer'
  | 'total';

function periodKey(g: TAnalyticsGranularity): SQL {
  if (g === 'month') return sql`to_char(day, 'YYYY-MM')`;
  if (g === 'week') return sql`to_char(date_trunc('week', day::timestamp)::date, 'YYYY-MM-DD')`;
  return sql`to_char(day, 'YYYY-MM-DD')`;
}

const KEY_SQL: Record<Exclude<GroupKey, 'period' | 'total'>, SQL> = {
  metric: sql`metric`,
  customer: sql`customer_id::text`,
  project: sql`project_id::text`,
  product: sql`product_id::text`,
  team: sql`team`,
  engineer: sql`engineer_id::text`,
};

export interface Figures {
  group: GroupKey;
  key: string | null;
  n: number;
  met: number;
  breached: number;
  seconds: number;
  /** How many groups the row's breakdown has in all (0 for the total and the periods). */
  groups: number;
}

type Breakdown = Exclude<GroupKey, 'period' | 'total'>;

/**
 * Whether a breakdown is cut to its `top` largest groups: every one but the stages (`metric`), a fixed
 * set of about a dozen that the dashboard's chart and the reports list whole.
 */
const isCut = (g: Breakdown) => g !== 'metric';

/** The order of a breakdown's groups: the largest n first, ties by key (bytewise, no key first). */
const LARGEST_FIRST = (key: SQL) => sql`n desc, ${key} collate "C" nulls first`;

/**
 * Group keys in the order the SQL cuts use (`collate "C" nulls first`): by code unit, no key first — so
 * the groups a cut keeps are the ones a sorted list would show first.
 */
export const compareKeys = (a: string | null, b: string | null) => {
  const ka = a ?? '';
  const kb = b ?? '';
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

const figureOf = (group: GroupKey, key: string | null, row: Record<string, unknown>): Figures => ({
  group,
  key,
  n: Number(row.n ?? 0),
  met: Number(row.met ?? 0),
  breached: Number(row.breached ?? 0),
  seconds: Number(row.seconds ?? 0),
  groups: Number(row.groups ?? 0),
});

/** Whether the narrow rollup answers the filter: no dimension filtered (every row of the period counts). */
export const narrowAnswers = (f: TAnalyticsFilter) =>
  !f.customerId && !f.projectId && !f.productId && !f.team && !f.engineerId;

/**
 * The figures of a measure over a period: the total, each period and each requested breakdown, each
 * breakdown but the stages cut to its `top` largest groups (null: all) with its count of groups in all.
 * An unfiltered view reads the narrow rollup, a filtered one the wide; both give the same figures
 * (analytics.int.test.ts compares them). `filter.customerId` is the scope's when the caller is a customer.
 */
export function figures(
  db: Executor,
  measure: Measure,
  filter: TAnalyticsFilter,
  granularity: TAnalyticsGranularity,
  groups: readonly Breakdown[],
  top: number | null,
): Promise<Figures[]> {
  return narrowAnswers(filter)
    ? narrowFigures(db, measure, filter, granularity, groups, top)
    : wideFigures(db, measure, filter, granularity, groups, top);
}

const SUMS = sql`sum(n)::bigint as n, sum(met)::bigint as met, sum(breached)::bigint as breached,
  sum(seconds)::bigint as seconds`;

/**
 * The whole local months of from…to as [first, end) (first days; `end` excluded), or null when the
 * period holds no whole month.
 */
export function wholeMonths(from: string, to: string): { first: string; end: string } | null {
  const first = from.endsWith('-01') ? from : addMonths(monthOf(from), 1);
  const end = monthOf(addDays(to, 1));
  return first < end ? { first, end } : null;
}

/**
 * The unfiltered figures from the narrow rollups: the total, the periods and the metrics from the
 * `metric` rows, each other breakdown from its own rows — one statement, a branch per group. The whole
 * months of the period are read from `analytics_monthly_by`, the days before the first and after the
 * last from `analytics_daily_by`; periods by day or week read the daily rows only. A cut breakdown's
 * branch counts its groups (a window over the grouped rows) and keeps the `top` largest.
 */
export async function narrowFigures(
  db: Executor,
  measure: Measure,
  filter: Pick<TAnalyticsFilter, 'from' | 'to'>,
  granularity: TAnalyticsGranularity,
  groups: readonly Breakdown[],
  top: number | null = null,
): Promise<Figures[]> {
  const cols = sql`key, day, n, met, breached, seconds`;
  const daysOf = (dim: Breakdown, from: string, to: string) =>
    sql`select ${cols} from analytics_daily_by where measure = ${measure} and dim = ${dim}
      and day >= ${from}::date and day <= ${to}::date`;
  const months = wholeMonths(filter.from, filter.to);
  const dailyRows = (dim: Breakdown) => sql`from (${daysOf(dim, filter.from, filter.to)}) r`;
  const rowsOf = (dim: Breakdown) =>
    months
      ? sql`from (${daysOf(dim, filter.from, addDays(months.first, -1))}
          union all ${daysOf(dim, months.end, filter.to)}
          union all select key, month, n, met, breached, seconds from analytics_monthly_by
           where measure = ${measure} and dim = ${dim}
             and month >= ${months.first}::date and month < ${months.end}::date) r`
      : dailyRows(dim);
  const periods = granularity === 'month' ? rowsOf('metric') : dailyRows('metric');
  const cut = (g: Breakdown) =>
    top !== null && isCut(g) ? sql` order by ${LARGEST_FIRST(sql`key`)} limit ${top}` : sql``;
  const branches = [
    sql`select 'total' as grp, null::text as key, ${SUMS}, 0::bigint as groups ${rowsOf('metric')}`,
    sql`select 'period', ${periodKey(granularity)}, ${SUMS}, 0 ${periods} group by 2`,
    ...groups.map(
      (g) => sql`(select ${g}::text, key, ${SUMS}, count(*) over () ${rowsOf(g)} group by key${cut(g)})`,
    ),
  ];
  const r = await db.execute<{ grp: GroupKey; key: string | null } & Record<string, string | null>>(
    sql.join(branches, sql` union all `),
  );
  return r.rows.map((row) => figureOf(row.grp, row.key ?? null, row));
}

/**
 * One pass over the period's wide rollup rows, summed per group with GROUPING SETS: the total, each
 * period and each requested dimension, under any filter; then each dimension's groups counted and a cut
 * one's ranked (windows per grouping set), keeping its `top` largest in the narrow path's order.
 */
export async function wideFigures(
  db: Executor,
  measure: Measure,
  filter: TAnalyticsFilter,
  granularity: TAnalyticsGranularity,
  groups: readonly Breakdown[],
  top: number | null = null,
): Promise<Figures[]> {
  const conds: SQL[] = [
    sql`measure = ${measure}`,
    sql`day >= ${filter.from}::date`,
    sql`day <= ${filter.to}::date`,
  ];
  if (filter.customerId) conds.push(sql`customer_id = ${filter.customerId}::uuid`);
  if (filter.projectId) conds.push(sql`project_id = ${filter.projectId}::uuid`);
  if (filter.productId) conds.push(sql`product_id = ${filter.productId}::uuid`);
  if (filter.team) conds.push(sql`team = ${filter.team}`);
  if (filter.engineerId) conds.push(sql`engineer_id = ${filter.engineerId}::uuid`);
  const keyed: [GroupKey, SQL][] = [
    ['period', periodKey(granularity)],
    ...groups.map((g) => [g, KEY_SQL[g]] as [GroupKey, SQL]),
  ];
  // g<i> columns, then the GROUPING bitmask says which set a row belongs to.
  const cols = keyed.map(([, expr], i) => sql`${expr} as ${sql.raw(`g${i}`)}`);
  const sets = [sql`()`, ...keyed.map((_, i) => sql.raw(`(g${i})`))];
  const gs = sql.join(
    keyed.map((_, i) => sql.raw(`g${i}`)),
    sql`, `,
  );
  const width = keyed.length;
  // A grouping set's mask: all ones but its own column's bit (the total's: all ones).
  const all = (1 << width) - 1;
  const maskOf = (i: number) => all - (1 << (width - 1 - i));
  const cutMasks = groups.flatMap((g, i) => (isCut(g) ? [maskOf(i + 1)] : []));
  // In a dimension's set every other g<i> is null, so the coalesce is the row's own key.
  const ownKey =
    groups.length > 0
      ? sql`coalesce(${sql.join(
          groups.map((_, i) => sql.raw(`g${i + 1}`)),
          sql`, `,
        )})`
      : sql`null::text`;
  const r = await db.execute<Record<string, string | number | null>>(sql`
    select * from (
      select s.*, case when gmask = any(${sql.param([all, maskOf(0)])}::int[]) then 0
                  else count(*) over (partition by gmask) end as groups,
             row_number() over (partition by gmask order by ${LARGEST_FIRST(ownKey)}) as rank
        from (select ${gs}, grouping(${gs})::int as gmask, ${SUMS}
                from (select ${sql.join(cols, sql`, `)}, n, met, breached, seconds from analytics_daily
                       where ${sql.join(conds, sql` and `)}) x
               group by grouping sets (${sql.join(sets, sql`, `)})) s) t
     where ${top === null ? sql`true` : sql`gmask <> all(${sql.param(cutMasks)}::int[]) or rank <= ${top}`}`);
  return r.rows.map((row) => {
    const mask = Number(row.gmask);
    // The set's column is the one bit that is 0 (grouped); all ones = the total.
    let group: GroupKey = 'total';
    let key: string | null = null;
    for (let i = 0; i < width; i++) {
      if ((mask & (1 << (width - 1 - i))) === 0) {
        group = keyed[i]![0];
        key = (row[`g${i}`] as string | null) ?? null;
      }
    }
    return figureOf(group, key, row);
  });
}

// ---------- the measures beyond SLA, per day (analytics_measures_daily) ----------

export type MeasureDayRow = typeof analyticsMeasuresDaily.$inferInsert;

/** Replaces the measure rollup rows of the given days (whole days, recomputed). */
export async function replaceMeasureDays(db: Executor, days: readonly string[], rows: MeasureDayRow[]) {
  await db.execute(
    sql`delete from analytics_measures_daily where day = any(${sql.param([...days])}::date[])`,
  );
  for (let i = 0; i < rows.length; i += 1000)
    await db.insert(analyticsMeasuresDaily).values(rows.slice(i, i + 1000));
}

/** A measure's sums over the rows that pass a filter; `engineerId` set for the PER_ENGINEER measures. */
export interface MeasureSums {
  measure: MeasureDayRow['measure'];
  engineerId: string | null;
  n: number;
  hits: number;
  late: number;
  minutes: number;
  km: number;
  travelSeconds: number;
}

export interface MeasureRowFilter {
  customerId?: string;
  projectId?: string;
  productId?: string;
  engineerId?: string;
  /** The team's members (the engineer or agent must be one); undefined: no team filter. */
  members?: readonly string[];
}

/** The measures whose product filter applies (the others have no product: follow-ups, jobs, answers). */
export const PRODUCT_MEASURES: readonly MeasureDayRow['measure'][] = ['first_time_fix', 'repeat_repair'];
/** The measures summed per engineer (the engineers' table; first-time fix for staff performance). */
export const PER_ENGINEER: readonly MeasureDayRow['measure'][] = ['job', 'satisfaction', 'first_time_fix'];

/**
 * The stored rows of local days from…to summed per measure (and per engineer for PER_ENGINEER's),
 * under the dashboard's filter; first-time-fix rows only of the reopen window `param`.
 */
export async function measureSums(
  db: Executor,
  days: { from: string; to: string },
  f: MeasureRowFilter,
  param: number,
): Promise<MeasureSums[]> {
  const conds: SQL[] = [sql`day >= ${days.from}::date`, sql`day <= ${days.to}::date`];
  if (f.customerId) conds.push(sql`customer_id = ${f.customerId}::uuid`);
  if (f.projectId) conds.push(sql`project_id = ${f.projectId}::uuid`);
  if (f.productId)
    conds.push(
      sql`(product_id = ${f.productId}::uuid or measure <> all(${sql.param([...PRODUCT_MEASURES])}::text[]))`,
    );
  if (f.engineerId) conds.push(sql`engineer_id = ${f.engineerId}::uuid`);
  if (f.members) conds.push(sql`engineer_id = any(${sql.param([...f.members])}::uuid[])`);
  conds.push(sql`(measure <> 'first_time_fix' or param = ${param})`);
  const r = await db.execute<Record<string, string | number | null>>(sql`
    select measure,
           case when measure = any(${sql.param([...PER_ENGINEER])}::text[]) then engineer_id::text end as engineer_id,
           sum(n)::bigint as n, sum(hits)::bigint as hits, sum(late)::bigint as late, sum(minutes)::bigint as minutes,
           sum(km)::float8 as km, sum(travel_seconds)::float8 as travel_seconds
      from analytics_measures_daily where ${sql.join(conds, sql` and `)}
     group by 1, 2`);
  return r.rows.map((x) => ({
    measure: x.measure as MeasureDayRow['measure'],
    engineerId: (x.engineer_id as string | null) ?? null,
    n: Number(x.n),
    hits: Number(x.hits),
    late: Number(x.late),
    minutes: Number(x.minutes),
    km: Number(x.km),
    travelSeconds: Number(x.travel_seconds),
  }));
}

/**
 * Whether first-time-fix rows of days from…to were computed with another reopen window than `param`.
 * Two ranges of the partial index analytics_measures_daily_ftf_param_idx, below and above `param`
 * (windows are 1 day or more; the other measures' param is 0): `param <> …` would scan the period.
 */
export async function otherFirstFixWindow(db: Executor, days: { from: string; to: string }, param: number) {
  const ftf = sql`measure = 'first_time_fix' and day >= ${days.from}::date and day <= ${days.to}::date`;
  const r = await db.execute<{ other: boolean }>(sql`
    select exists (select 1 from analytics_measures_daily where ${ftf} and param > 0 and param < ${param})
        or exists (select 1 from analytics_measures_daily where ${ftf} and param > ${param}) as other`);
  return !!r.rows[0]?.other;
}
