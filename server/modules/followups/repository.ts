// Every SQL statement of the followups module: settings, watermarks, follow-ups (created by the
// rules, the call list, outcomes, warnings) and the report's aggregates.
import { and, asc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { TFollowUpRule } from '../../../common/followups-api.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { followUpSchedules, followUpSettings, followUps, followUpWatermarks } from './schema.ts';

export type FollowUpRow = typeof followUps.$inferSelect;
export type NewFollowUp = typeof followUps.$inferInsert;
export type ScheduleRow = typeof followUpSchedules.$inferSelect;
const WORKING = ['open', 'awaiting_customer'] as const;

// ---------- settings and watermarks ----------
export async function findSettings(db: Executor) {
  const [row] = await db.select().from(followUpSettings).where(eq(followUpSettings.id, 1));
  return row;
}

/** Insert or update when the version matches; undefined on a stale version. */
export async function upsertSettings(
  db: Executor,
  version: number,
  values: Pick<typeof followUpSettings.$inferInsert, 'values' | 'updatedBy'>,
  now: Date,
) {
  const [row] = await db
    .insert(followUpSettings)
    .values({ id: 1, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: followUpSettings.id,
      set: { ...values, version: sql`${followUpSettings.version} + 1`, updatedAt: now },
      setWhere: sql`${followUpSettings.version} = ${version}`,
    })
    .returning();
  return row;
}

/** The watermark of a source, locked for the caller's transaction (one job reads a source at a time). */
export async function lockWatermark(db: Executor, source: string, initial: Date): Promise<Date> {
  await db.insert(followUpWatermarks).values({ source, at: initial }).onConflictDoNothing();
  const [row] = await db
    .select({ at: followUpWatermarks.at })
    .from(followUpWatermarks)
    .where(eq(followUpWatermarks.source, source))
    .for('update');
  return row?.at ?? initial;
}

export async function findWatermark(db: Executor, source: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: followUpWatermarks.at })
    .from(followUpWatermarks)
    .where(eq(followUpWatermarks.source, source));
  return row?.at;
}

export async function initWatermark(db: Executor, source: string, at: Date) {
  await db
    .insert(followUpWatermarks)
    .values({ source, at })
    .onConflictDoUpdate({ target: followUpWatermarks.source, set: { at } });
}

export async function setWatermark(db: Executor, source: string, at: Date) {
  await db.update(followUpWatermarks).set({ at }).where(eq(followUpWatermarks.source, source));
}

// ---------- the periodic rules' schedules ----------
/**
 * Inserts or refreshes the schedules of delivered subjects. The next date is kept unless the anchor
 * moved (a delivery recorded again); the periodic call keeps the customer's earliest delivery.
 */
export async function upsertSchedules(db: Executor, rows: readonly ScheduleRow[]) {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({
      rule: r.rule,
      subject_id: r.subjectId,
      customer_id: r.customerId,
      project_id: r.projectId,
      contact_id: r.contactId,
      anchor_on: r.anchorOn,
      next_on: r.nextOn,
    }));
    await db.execute(sql`
      insert into follow_up_schedules as s (rule, subject_id, customer_id, project_id, contact_id, anchor_on, next_on)
      select x.rule, x.subject_id, x.customer_id, x.project_id, x.contact_id, x.anchor_on, x.next_on
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(
          rule text, subject_id uuid, customer_id uuid, project_id uuid, contact_id uuid, anchor_on date, next_on date)
      on conflict (rule, subject_id) do update set
        customer_id = excluded.customer_id,
        project_id = excluded.project_id,
        contact_id = coalesce(excluded.contact_id, s.contact_id),
        anchor_on = case when s.rule = 'periodic_call' then least(s.anchor_on, excluded.anchor_on) else excluded.anchor_on end,
        next_on = case
          when (case when s.rule = 'periodic_call' then least(s.anchor_on, excluded.anchor_on) else excluded.anchor_on end) = s.anchor_on
          then s.next_on else excluded.next_on end
      where (s.customer_id, s.project_id, s.anchor_on) is distinct from
            (excluded.customer_id, excluded.project_id, least(s.anchor_on, excluded.anchor_on))
         or (s.rule <> 'periodic_call' and s.anchor_on <> excluded.anchor_on)
         or (excluded.contact_id is not null and s.contact_id is distinct from excluded.contact_id)`);
  }
}

/** A project no longer delivered (or in service) leaves its project rules' schedules. */
export async function deleteProjectSchedules(db: Executor, projectIds: readonly string[]) {
  if (!projectIds.length) return;
  await db.execute(sql`delete from follow_up_schedules where project_id = any(${uuidArray(projectIds)})`);
}

/**
 * The schedules of the rules whose next date is on or before `until`. Not locked: two runs at once
 * (the hourly job and a manager's "run now") read the same rows, the unique key keeps one follow-up
 * (and its one visit work order), and both move `next_on` to the same date; a row lock per schedule
 * would cost a write per row on every run.
 */
export async function claimDueSchedules(
  db: Executor,
  rules: readonly TFollowUpRule[],
  until: string,
  limit: number,
) {
  if (!rules.length) return [];
  return db
    .select()
    .from(followUpSchedules)
    .where(and(inArray(followUpSchedules.rule, [...rules]), lte(followUpSchedules.nextOn, until)))
    .orderBy(asc(followUpSchedules.nextOn))
    .limit(limit);
}

export async function advanceSchedules(
  db: Executor,
  rows: readonly { rule: string; subjectId: string; nextOn: string }[],
) {
  if (!rows.length) return;
  await db.execute(sql`
    update follow_up_schedules s set next_on = x.next_on
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ rule: r.rule, subject_id: r.subjectId, next_on: r.nextOn })))}::jsonb)
        as x(rule text, subject_id uuid, next_on date)
     where s.rule = x.rule and s.subject_id = x.subject_id`);
}

/**
 * A rule's interval changed: each schedule's next date becomes the first period of the new interval
 * after `today` (the period already created stands; none is created twice for the change).
 */
export async function rescheduleRule(db: Executor, rule: TFollowUpRule, months: number, today: string) {
  await db.execute(sql`
    update follow_up_schedules s set next_on = (s.anchor_on + make_interval(months => ${months}::int * (
        floor((extract(year from age(${today}::date, s.anchor_on)) * 12
               + extract(month from age(${today}::date, s.anchor_on))) / ${months}::int)::int + 1)))::date
     where s.rule = ${rule}`);
}

// ---------- creation ----------
/**
 * Inserts what is not there yet (the unique rule+subject+period key); returns the new rows. A chunk
 * is one statement with one parameter (the rows as JSON): building thousands of bound values costs
 * more than the insert itself.
 */
export async function insertFollowUps(db: Executor, rows: readonly NewFollowUp[]) {
  const out: { id: string; channel: string; projectId: string | null; subjectId: string | null }[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({
      id: r.id,
      rule: r.rule,
      subject_id: r.subjectId ?? null,
      period_key: r.periodKey ?? '',
      channel: r.channel ?? 'phone',
      customer_id: r.customerId,
      project_id: r.projectId ?? null,
      contact_id: r.contactId ?? null,
      ticket_id: r.ticketId ?? null,
      work_order_id: r.workOrderId ?? null,
      reference: r.reference ?? null,
      due_at: r.dueAt,
      flag_at: r.flagAt ?? null,
      created_at: r.createdAt,
      updated_at: r.updatedAt ?? r.createdAt,
    }));
    const res = await db.execute<{
      id: string;
      channel: string;
      projectId: string | null;
      subjectId: string | null;
    }>(sql`
      insert into follow_ups (id, rule, subject_id, period_key, channel, customer_id, project_id, contact_id,
                              ticket_id, work_order_id, reference, due_at, flag_at, created_at, updated_at)
      select x.id, x.rule, x.subject_id, x.period_key, x.channel, x.customer_id, x.project_id, x.contact_id,
             x.ticket_id, x.work_order_id, x.reference, x.due_at, x.flag_at, x.created_at, x.updated_at
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(
          id uuid, rule text, subject_id uuid, period_key text, channel text, customer_id uuid, project_id uuid,
          contact_id uuid, ticket_id uuid, work_order_id uuid, reference text, due_at timestamptz,
          flag_at timestamptz, created_at timestamptz, updated_at timestamptz)
      on conflict do nothing
      returning id, channel, project_id as "projectId", subject_id as "subjectId"`);
    out.push(...res.rows);
  }
  return out;
}

/** The keys (rule:subject:period) already there among the subjects (follow_ups_rule_subject_idx). */
export async function existingKeys(
  db: Executor,
  rules: readonly TFollowUpRule[],
  subjectIds: readonly string[],
) {
  if (!subjectIds.length) return new Set<string>();
  const rows = await db
    .select({ rule: followUps.rule, subjectId: followUps.subjectId, periodKey: followUps.periodKey })
    .from(followUps)
    .where(
      and(inArray(followUps.rule, [...rules]), sql`${followUps.subjectId} = any(${uuidArray(subjectIds)})`),
    );
  return new Set(rows.map((r) => `${r.rule}:${r.subjectId}:${r.periodKey}`));
}

export async function setVisitWorkOrders(
  db: Executor,
  pairs: readonly { id: string; workOrderId: string }[],
) {
  if (!pairs.length) return;
  await db.execute(sql`
    update follow_ups f set visit_work_order_id = v.wo
    from unnest(${uuidArray(pairs.map((p) => p.id))}, ${uuidArray(pairs.map((p) => p.workOrderId))}) as v(id, wo)
    where f.id = v.id`);
}

// ---------- reads ----------
export async function findFollowUp(db: Executor, id: string, forUpdate = false) {
  const q = db.select().from(followUps).where(eq(followUps.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** A customer's follow-ups, latest due first (follow_ups_customer_idx); cancelled ones left out. */
export async function customerFollowUps(db: Executor, customerId: string, limit: number) {
  return db
    .select()
    .from(followUps)
    .where(and(eq(followUps.customerId, customerId), sql`${followUps.status} <> 'cancelled'`))
    .orderBy(sql`${followUps.dueAt} desc`, asc(followUps.id))
    .limit(limit);
}

/**
 * The call list: follow-ups being worked whose next try (or due time) is before `until` — overdue
 * ones included — of one agent, or the unassigned ones (follow_ups_agent_idx).
 */
export async function callList(db: Executor, agentId: string | null, until: Date, limit: number) {
  return db
    .select()
    .from(followUps)
    .where(
      and(
        agentId ? eq(followUps.agentId, agentId) : isNull(followUps.agentId),
        inArray(followUps.status, [...WORKING]),
        sql`coalesce(${followUps.nextAttemptAt}, ${followUps.dueAt}) < ${until}`,
      ),
    )
    .orderBy(sql`coalesce(${followUps.nextAttemptAt}, ${followUps.dueAt})`, asc(followUps.id))
    .limit(limit);
}

/** Open follow-ups, earliest due first (follow_ups_due_idx). */
export async function openFollowUps(db: Executor, rule: TFollowUpRule | undefined, limit: number) {
  return db
    .select()
    .from(followUps)
    .where(and(eq(followUps.status, 'open'), rule ? eq(followUps.rule, rule) : undefined))
    .orderBy(asc(followUps.dueAt), asc(followUps.id))
    .limit(limit);
}

/** Open follow-ups in pages for an export; the key is the due time as PostgreSQL writes it. */
export async function pageOpenFollowUps(
  db: Executor,
  after: { due: string; id: string } | null,
  limit: number,
) {
  return db
    .select({ row: followUps, dueKey: sql<string>`${followUps.dueAt}::text` })
    .from(followUps)
    .where(
      and(
        eq(followUps.status, 'open'),
        after
          ? sql`(${followUps.dueAt}, ${followUps.id}) > (${after.due}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(followUps.dueAt), asc(followUps.id))
    .limit(limit + 1);
}

/** Follow-ups being worked due before `until` (of one agent when given). */
export async function dueCount(db: Executor, until: Date, agentId?: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(followUps)
    .where(
      and(
        inArray(followUps.status, [...WORKING]),
        lt(followUps.dueAt, until),
        agentId ? eq(followUps.agentId, agentId) : undefined,
      ),
    );
  return row?.n ?? 0;
}

// ---------- changes ----------
export async function assign(db: Executor, ids: readonly string[], agentId: string | null, now: Date) {
  return db
    .update(followUps)
    .set({ agentId, updatedAt: now, version: sql`${followUps.version} + 1` })
    .where(and(inArray(followUps.id, [...ids]), inArray(followUps.status, [...WORKING])))
    .returning({ id: followUps.id, customerId: followUps.customerId });
}

/** Applies the change at the expected version; undefined when the version moved on. */
export async function updateAtVersion(
  db: Executor,
  id: string,
  version: number,
  values: Partial<NewFollowUp>,
  now: Date,
) {
  const [row] = await db
    .update(followUps)
    .set({ ...values, updatedAt: now, version: sql`${followUps.version} + 1` })
    .where(and(eq(followUps.id, id), eq(followUps.version, version)))
    .returning();
  return row;
}

/** Follow-ups whose warning instant has come, locked; others sweeping skip them (follow_ups_flag_idx). */
export async function claimFlags(db: Executor, now: Date, limit: number) {
  return db
    .select({
      id: followUps.id,
      dueAt: followUps.dueAt,
      flagLevel: followUps.flagLevel,
      agentId: followUps.agentId,
      customerId: followUps.customerId,
      rule: followUps.rule,
      reference: followUps.reference,
    })
    .from(followUps)
    .where(and(sql`${followUps.flagAt} is not null`, sql`${followUps.flagAt} <= ${now}`))
    .orderBy(asc(followUps.flagAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function setFlag(db: Executor, id: string, level: number, flagAt: Date | null) {
  await db.update(followUps).set({ flagLevel: level, flagAt }).where(eq(followUps.id, id));
}

// ---------- report ----------
/** The follow-ups due in [from, to) (follow_ups_period_idx), aggregated in SQL. */
export async function reportFigures(db: Executor, from: Date, to: Date) {
  const inPeriod = and(
    gte(followUps.dueAt, from),
    lt(followUps.dueAt, to),
    sql`${followUps.status} <> 'cancelled'`,
  );
  const [totals] = await db
    .select({
      total: sql<number>`count(*)::int`,
      reached: sql<number>`count(*) filter (where ${followUps.reached})::int`,
      notReached: sql<number>`count(*) filter (where ${followUps.status} in ('emailed', 'unreached'))::int`,
      emailed: sql<number>`count(*) filter (where ${followUps.status} = 'emailed')::int`,
      open: sql<number>`count(*) filter (where ${followUps.status} in ('open', 'awaiting_customer'))::int`,
      told: sql<number>`count(*) filter (where ${followUps.toldAt} is not null)::int`,
      average: sql<string | null>`avg(${followUps.satisfaction})::text`,
      s1: sql<number>`count(*) filter (where ${followUps.satisfaction} = 1)::int`,
      s2: sql<number>`count(*) filter (where ${followUps.satisfaction} = 2)::int`,
      s3: sql<number>`count(*) filter (where ${followUps.satisfaction} = 3)::int`,
      s4: sql<number>`count(*) filter (where ${followUps.satisfaction} = 4)::int`,
      s5: sql<number>`count(*) filter (where ${followUps.satisfaction} = 5)::int`,
    })
    .from(followUps)
    .where(inPeriod);
  const problems = await db.execute<{ class: string; action: string; n: number }>(sql`
    select p->>'class' as class, p->>'action' as action, count(*)::int as n
    from ${followUps}, jsonb_array_elements(${followUps.problems}) p
    where ${inPeriod}
    group by 1, 2`);
  const byRule = await db
    .select({
      rule: followUps.rule,
      total: sql<number>`count(*)::int`,
      reached: sql<number>`count(*) filter (where ${followUps.reached})::int`,
    })
    .from(followUps)
    .where(inPeriod)
    .groupBy(followUps.rule)
    .orderBy(followUps.rule);
  return { totals: totals!, problems: problems.rows, byRule };
}

/** The follow-ups due in [from, to) in pages for the report's workbook, by due time. */
export async function pageReportRows(
  db: Executor,
  from: Date,
  to: Date,
  after: { due: string; id: string } | null,
  limit: number,
) {
  return db
    .select({ row: followUps, dueKey: sql<string>`${followUps.dueAt}::text` })
    .from(followUps)
    .where(
      and(
        gte(followUps.dueAt, from),
        lt(followUps.dueAt, to),
        sql`${followUps.status} <> 'cancelled'`,
        after
          ? sql`(${followUps.dueAt}, ${followUps.id}) > (${after.due}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(followUps.dueAt), asc(followUps.id))
    .limit(limit + 1);
}
