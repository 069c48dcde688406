// The quality engineer's dashboard's SQL (docs/analytics.md, "Quality"): counts over the module's own
// alerts, cases, improvement requests and training needs. A few statements, each one pass.
import { type SQL, sql } from 'drizzle-orm';
import type { TAnalyticsGranularity } from '../../../common/analytics-api.ts';
import type { Executor } from '../../db/pool.ts';

export interface Period {
  start: Date;
  end: Date;
  timeZone: string;
  now: Date;
}
const inPeriod = (col: SQL, p: Period) =>
  sql`${col} >= ${p.start.toISOString()}::timestamptz and ${col} < ${p.end.toISOString()}::timestamptz`;

function periodKey(g: TAnalyticsGranularity, col: SQL, tz: string): SQL {
  const day = sql`(${col} at time zone ${tz})::date`;
  if (g === 'day') return sql`to_char(${day}, 'YYYY-MM-DD')`;
  if (g === 'week') return sql`to_char(date_trunc('week', ${day}::timestamp)::date, 'YYYY-MM-DD')`;
  return sql`to_char(${day}, 'YYYY-MM')`;
}

type LevelRow = { key: string | null; level: string; open: number; raised: number };

/** Alerts not closed now by level; alerts raised in the period by level and period key. */
export async function alertCounts(db: Executor, p: Period, g: TAnalyticsGranularity) {
  const r = await db.execute<LevelRow>(sql`
    select null as key, level, count(*) filter (where status <> 'closed')::int as open,
      count(*) filter (where ${inPeriod(sql`raised_at`, p)})::int as raised
    from quality_alerts group by level
    union all
    select ${periodKey(g, sql`raised_at`, p.timeZone)} as key, level, 0, count(*)::int
    from quality_alerts where ${inPeriod(sql`raised_at`, p)} group by 1, 2`);
  return r.rows;
}

type CaseRow = {
  open: number;
  closed: number;
  opened_in: number;
  closed_in: number;
  lt7: number;
  d7to30: number;
  d30to90: number;
  gt90: number;
};
const AGE = (p: Period) => sql`(${p.now.toISOString()}::timestamptz - created_at)`;

export async function caseCounts(db: Executor, p: Period): Promise<CaseRow> {
  const age = AGE(p);
  const r = await db.execute<CaseRow>(sql`
    select count(*) filter (where status = 'open')::int as open,
      count(*) filter (where status = 'closed')::int as closed,
      count(*) filter (where ${inPeriod(sql`created_at`, p)})::int as opened_in,
      count(*) filter (where status = 'closed' and ${inPeriod(sql`closed_at`, p)})::int as closed_in,
      count(*) filter (where status = 'open' and ${age} < interval '7 days')::int as lt7,
      count(*) filter (where status = 'open' and ${age} >= interval '7 days' and ${age} < interval '30 days')::int as d7to30,
      count(*) filter (where status = 'open' and ${age} >= interval '30 days' and ${age} < interval '90 days')::int as d30to90,
      count(*) filter (where status = 'open' and ${age} >= interval '90 days')::int as gt90
    from quality_cases`);
  return r.rows[0] as CaseRow;
}

type ProblemRow = {
  group_kind: string;
  group_name: string;
  fault_category: string;
  alerts: number;
  failures: number;
  highest_level: string;
};

/** The groups with the most alerts raised in the period (then the most failures counted). */
export async function topProblems(db: Executor, p: Period, limit: number) {
  const r = await db.execute<ProblemRow>(sql`
    select group_kind, group_name, fault_category, count(*)::int as alerts, sum(count)::int as failures,
      (array['month', 'quarter', 'year'])[max(case level when 'year' then 3 when 'quarter' then 2 else 1 end)]
        as highest_level
    from quality_alerts where ${inPeriod(sql`raised_at`, p)}
    group by group_kind, group_id, group_name, fault_category
    order by alerts desc, failures desc, group_name limit ${limit}`);
  return r.rows;
}

type FollowRow = { raised: number; closed: number; open: number };

// A request or need is closed when its case is closed (the case records the cause and the action).
export async function followThrough(db: Executor, table: 'improvements' | 'training', p: Period) {
  const from = table === 'improvements' ? sql`quality_improvement_requests` : sql`quality_training_needs`;
  const r = await db.execute<FollowRow>(sql`
    select count(*) filter (where ${inPeriod(sql`x.created_at`, p)})::int as raised,
      count(*) filter (where c.status = 'closed' and ${inPeriod(sql`c.closed_at`, p)})::int as closed,
      count(*) filter (where c.status <> 'closed')::int as open
    from ${from} x join quality_cases c on c.id = x.case_id`);
  return r.rows[0] as FollowRow;
}

export type RecordRow = {
  id: string;
  kind: 'alert' | 'case' | 'improvement' | 'training_need';
  number: string;
  title: string;
  status: string | null;
  at: Date;
  case_id: string | null;
};

export interface RecordFilter {
  figure: string;
  level?: string | undefined;
  bucket?: string | undefined;
  groupName?: string | undefined;
  faultCategory?: string | undefined;
}

const BUCKETS: Record<string, [string, string | null]> = {
  lt7: ['0 days', '7 days'],
  d7to30: ['7 days', '30 days'],
  d30to90: ['30 days', '90 days'],
  gt90: ['90 days', null],
};

/** The alerts, cases, requests or needs behind a figure, newest first. */
export async function records(db: Executor, p: Period, f: RecordFilter, limit: number) {
  const alerts = (where: SQL) => sql`
    select id, 'alert' as kind, number, group_name || ' · ' || fault_category as title, status,
      raised_at as at, case_id from quality_alerts where ${where}${f.level ? sql` and level = ${f.level}` : sql``}
    order by raised_at desc limit ${limit}`;
  const cases = (where: SQL) => sql`
    select id, 'case' as kind, number, description as title, status, created_at as at, id as case_id
    from quality_cases where ${where} order by created_at desc limit ${limit}`;
  const follow = (kind: 'improvement' | 'training_need', where: SQL) => {
    const table = kind === 'improvement' ? sql`quality_improvement_requests` : sql`quality_training_needs`;
    return sql`select x.id, ${kind} as kind, x.number, x.problem as title, c.status, x.created_at as at,
      x.case_id from ${table} x join quality_cases c on c.id = x.case_id where ${where}
      order by x.created_at desc limit ${limit}`;
  };
  const age = AGE(p);
  const bucket = f.bucket ? BUCKETS[f.bucket] : undefined;
  const q: Record<string, () => SQL> = {
    open_alerts: () => alerts(sql`status <> 'closed'`),
    raised_alerts: () => alerts(inPeriod(sql`raised_at`, p)),
    problem: () =>
      alerts(
        sql`${inPeriod(sql`raised_at`, p)} and group_name = ${f.groupName ?? ''} and fault_category = ${f.faultCategory ?? ''}`,
      ),
    open_cases: () =>
      cases(
        bucket
          ? sql`status = 'open' and ${age} >= ${bucket[0]}::interval${bucket[1] ? sql` and ${age} < ${bucket[1]}::interval` : sql``}`
          : sql`status = 'open'`,
      ),
    opened_cases: () => cases(inPeriod(sql`created_at`, p)),
    closed_cases: () => cases(sql`status = 'closed' and ${inPeriod(sql`closed_at`, p)}`),
    improvements_raised: () => follow('improvement', inPeriod(sql`x.created_at`, p)),
    improvements_closed: () =>
      follow('improvement', sql`c.status = 'closed' and ${inPeriod(sql`c.closed_at`, p)}`),
    improvements_open: () => follow('improvement', sql`c.status <> 'closed'`),
    training_raised: () => follow('training_need', inPeriod(sql`x.created_at`, p)),
    training_closed: () =>
      follow('training_need', sql`c.status = 'closed' and ${inPeriod(sql`c.closed_at`, p)}`),
    training_open: () => follow('training_need', sql`c.status <> 'closed'`),
  };
  const build = q[f.figure];
  if (!build) return [];
  return (await db.execute<RecordRow>(build())).rows;
}
