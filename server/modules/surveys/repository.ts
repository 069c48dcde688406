// Every SQL statement of the surveys module: settings per kind, the pollers' watermarks, invitations
// and their answers, and the report's sums.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { TSurveyDimension, TSurveyKind } from '../../../common/surveys-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { surveyInvitations, surveySettings, surveyWatermarks } from './schema.ts';

export type SettingsRow = typeof surveySettings.$inferSelect;
export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type NewInvitation = typeof surveyInvitations.$inferInsert;

// ---------- settings ----------
export async function findSettings(db: Executor): Promise<SettingsRow[]> {
  return db.select().from(surveySettings);
}

export async function upsertSettings(
  db: Executor,
  kind: TSurveyKind,
  version: number,
  values: Omit<typeof surveySettings.$inferInsert, 'kind' | 'version' | 'updatedAt'>,
  now: Date,
) {
  const [row] = await db
    .insert(surveySettings)
    .values({ kind, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: surveySettings.kind,
      set: { ...values, version: sql`${surveySettings.version} + 1`, updatedAt: now },
      setWhere: sql`${surveySettings.version} = ${version}`,
    })
    .returning();
  return row;
}

// ---------- watermarks ----------
export async function findWatermark(db: Executor, kind: TSurveyKind) {
  const [row] = await db.select().from(surveyWatermarks).where(eq(surveyWatermarks.kind, kind));
  return row;
}

export async function saveWatermark(db: Executor, kind: TSurveyKind, at: Date, id: string | null) {
  await db
    .insert(surveyWatermarks)
    .values({ kind, afterAt: at, afterId: id })
    .onConflictDoUpdate({ target: surveyWatermarks.kind, set: { afterAt: at, afterId: id } });
}

// ---------- invitations ----------
/** When each customer was last asked (a skipped source does not count), from `since`. */
export async function lastAsked(
  db: Executor,
  customerIds: readonly string[],
  since: Date,
): Promise<Map<string, Date>> {
  if (!customerIds.length) return new Map();
  const r = await db.execute<{ customer_id: string; at: Date }>(sql`
    select customer_id, max(created_at) as at from survey_invitations
    where customer_id = any(${sql.param([...new Set(customerIds)])}::uuid[])
      and status <> 'skipped' and created_at >= ${since}
    group by customer_id`);
  return new Map(r.rows.map((x) => [x.customer_id, new Date(x.at)]));
}

/** Which of these sources of a kind already have their invitation (asked or skipped). */
export async function askedSources(db: Executor, kind: TSurveyKind, sourceIds: readonly string[]) {
  if (!sourceIds.length) return new Set<string>();
  const r = await db.execute<{ source_id: string }>(sql`
    select source_id from survey_invitations
    where kind = ${kind} and source_id = any(${sql.param([...sourceIds])}::uuid[])`);
  return new Set(r.rows.map((x) => x.source_id));
}

/** Inserts the invitations; a source already asked keeps its first one. Returns the new rows. */
export async function insertInvitations(db: Executor, rows: NewInvitation[]): Promise<InvitationRow[]> {
  if (!rows.length) return [];
  return db.insert(surveyInvitations).values(rows).onConflictDoNothing().returning();
}

export async function findInvitation(db: Executor, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.id, id), scopeFilter(surveyInvitations.customerId, scope)));
  return row;
}

/** Locks the invitation for the answer: two answers at once, the second finds it answered. */
export async function lockInvitation(db: Executor, id: string) {
  const [row] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id)).for('update');
  return row;
}

export async function saveAnswer(db: Executor, id: string, values: Partial<NewInvitation>) {
  const [row] = await db
    .update(surveyInvitations)
    .set(values)
    .where(and(eq(surveyInvitations.id, id), eq(surveyInvitations.status, 'open')))
    .returning();
  return row;
}

export async function setRecovery(db: Executor, id: string, ticketId: string, number: string) {
  await db
    .update(surveyInvitations)
    .set({ recoveryTicketId: ticketId, recoveryTicketNumber: number })
    .where(eq(surveyInvitations.id, id));
}

/** The portal's list: the organisation's open surveys that have not expired, then its recent answers. */
export async function portalInvitations(db: Executor, customerId: string, now: Date, limit: number) {
  const open = await db
    .select()
    .from(surveyInvitations)
    .where(
      sql`${surveyInvitations.customerId} = ${customerId} and ${surveyInvitations.status} = 'open'
        and ${surveyInvitations.expiresAt} > ${now}`,
    )
    .orderBy(surveyInvitations.expiresAt)
    .limit(limit);
  const answered = await db
    .select()
    .from(surveyInvitations)
    .where(sql`${surveyInvitations.customerId} = ${customerId} and ${surveyInvitations.status} = 'answered'`)
    .orderBy(sql`${surveyInvitations.answeredAt} desc`)
    .limit(limit);
  return [...open, ...answered];
}

// ---------- report ----------
const GROUP: Record<TSurveyDimension, (tz: string) => SQL> = {
  month: (tz) => sql`to_char(answered_at at time zone ${tz}, 'YYYY-MM')`,
  team: () => sql`team`,
  engineer: () => sql`engineer_id::text`,
  customer: () => sql`customer_id::text`,
  product: () => sql`product_id::text`,
};

export interface ReportFilter {
  from: string;
  to: string;
  timeZone: string;
  kind?: TSurveyKind;
}

/** Answers in [from, to] (local dates in the organisation's zone), of one kind or all. */
function periodWhere(f: ReportFilter): SQL {
  return sql`answered_at is not null
    and answered_at >= (${f.from}::date)::timestamp at time zone ${f.timeZone}
    and answered_at < ((${f.to}::date + 1)::timestamp at time zone ${f.timeZone})
    ${f.kind ? sql`and kind = ${f.kind}` : sql``}`;
}

export async function reportRows(db: Executor, f: ReportFilter, by: TSurveyDimension) {
  const key = GROUP[by](f.timeZone);
  const r = await db.execute<{ key: string | null; answers: number; satisfied: number }>(sql`
    select ${key} as key, count(*)::int as answers, count(*) filter (where satisfied)::int as satisfied
    from survey_invitations where ${periodWhere(f)}
    group by 1 order by 1 nulls last`);
  return r.rows;
}

export interface AnswerFilter extends ReportFilter {
  by?: TSurveyDimension;
  key?: string;
  satisfied?: boolean;
}

export async function answerRows(
  db: Executor,
  f: AnswerFilter,
  after: { v: string; id: string } | null,
  limit: number,
): Promise<InvitationRow[]> {
  const conditions: SQL[] = [periodWhere(f)];
  if (f.by) {
    const key = GROUP[f.by](f.timeZone);
    conditions.push(f.key === undefined ? sql`${key} is null` : sql`${key} = ${f.key}`);
  }
  if (f.satisfied !== undefined) conditions.push(sql`satisfied = ${f.satisfied}`);
  if (after) conditions.push(sql`(answered_at, id) < (${after.v}::timestamptz, ${after.id}::uuid)`);
  const r = await db.execute(sql`
    select id from survey_invitations where ${sql.join(conditions, sql` and `)}
    order by answered_at desc, id desc limit ${limit}`);
  const ids = r.rows.map((x) => (x as { id: string }).id);
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(surveyInvitations)
    .where(sql`${surveyInvitations.id} = any(${sql.param(ids)}::uuid[])`)
    .orderBy(sql`${surveyInvitations.answeredAt} desc, ${surveyInvitations.id} desc`);
  return rows;
}

/** The invitation of one source (each source is asked at most once), with its answer if any. */
export async function findBySource(db: Executor, kind: TSurveyKind, sourceId: string) {
  const [row] = await db
    .select()
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.kind, kind), eq(surveyInvitations.sourceId, sourceId)));
  return row;
}
