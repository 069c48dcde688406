// Every SQL statement on complaints, their timeline, milestones, deadline flags and settings.
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { TComplaintStatus, TComplaintTarget } from '../../../common/complaints-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/scope.ts';
import {
  complaintEvents,
  complaintFlags,
  complaintMilestones,
  complaintSettings,
  complaints,
} from './schema.ts';

export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintInsert = typeof complaints.$inferInsert;
export type EventRow = typeof complaintEvents.$inferSelect;
export type MilestoneRow = typeof complaintMilestones.$inferSelect;

// ---------- settings ----------
export async function findSettings(db: Executor) {
  const [row] = await db.select().from(complaintSettings).where(eq(complaintSettings.id, 1));
  return row;
}

export async function upsertSettings(
  db: Executor,
  version: number,
  values: Omit<typeof complaintSettings.$inferInsert, 'id' | 'version' | 'updatedAt'>,
  now: Date,
) {
  const [row] = await db
    .insert(complaintSettings)
    .values({ id: 1, ...values, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: complaintSettings.id,
      set: { ...values, version: sql`${complaintSettings.version} + 1`, updatedAt: now },
      setWhere: sql`${complaintSettings.version} = ${version}`,
    })
    .returning();
  return row;
}

// ---------- complaints ----------
export async function insertComplaint(db: Executor, values: ComplaintInsert): Promise<ComplaintRow> {
  const [row] = await db.insert(complaints).values(values).returning();
  return row!;
}

export async function findComplaint(db: Executor, scope: Scope, id: string, lock = false) {
  const q = db
    .select()
    .from(complaints)
    .where(and(eq(complaints.id, id), scopeFilter(complaints.customerId, scope)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function listComplaints(
  db: Executor,
  scope: Scope,
  filter: { status?: TComplaintStatus; open?: boolean; customerId?: string },
  after: CursorKey | null,
  limit: number,
): Promise<ComplaintRow[]> {
  return db
    .select()
    .from(complaints)
    .where(
      and(
        scopeFilter(complaints.customerId, scope),
        filter.status ? eq(complaints.status, filter.status) : undefined,
        filter.open === undefined
          ? undefined
          : filter.open
            ? sql`${complaints.status} <> 'closed'`
            : eq(complaints.status, 'closed'),
        filter.customerId ? eq(complaints.customerId, filter.customerId) : undefined,
        after
          ? or(
              lt(complaints.receivedAt, new Date(String(after.v))),
              and(eq(complaints.receivedAt, new Date(String(after.v))), lt(complaints.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(limit + 1);
}

export async function insertEvent(db: Executor, values: typeof complaintEvents.$inferInsert) {
  await db.insert(complaintEvents).values(values);
}

export async function eventsOf(db: Executor, complaintId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, complaintId))
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
}

export async function insertMilestones(db: Executor, rows: (typeof complaintMilestones.$inferInsert)[]) {
  if (rows.length) await db.insert(complaintMilestones).values(rows);
}

export async function milestonesOf(db: Executor, complaintId: string): Promise<MilestoneRow[]> {
  return db
    .select()
    .from(complaintMilestones)
    .where(eq(complaintMilestones.complaintId, complaintId))
    .orderBy(asc(complaintMilestones.round), asc(complaintMilestones.position));
}

export async function markMilestoneDone(db: Executor, complaintId: string, id: string, at: Date) {
  const rows = await db
    .update(complaintMilestones)
    .set({ doneAt: at })
    .where(and(eq(complaintMilestones.id, id), eq(complaintMilestones.complaintId, complaintId)))
    .returning({ id: complaintMilestones.id });
  return rows.length > 0;
}

/** Which of these complaints had a warning or a breach fire (for the queue's marks). */
export async function flaggedOf(db: Executor, ids: readonly string[]) {
  const out = new Map<string, { warning: boolean; breach: boolean }>();
  if (!ids.length) return out;
  const rows = await db
    .select({ id: complaintFlags.complaintId, level: complaintFlags.level })
    .from(complaintFlags)
    .innerJoin(complaints, eq(complaints.id, complaintFlags.complaintId))
    .where(and(inArray(complaintFlags.complaintId, [...ids]), eq(complaintFlags.round, complaints.round)));
  for (const r of rows) {
    const f = out.get(r.id) ?? { warning: false, breach: false };
    if (r.level === 'warning') f.warning = true;
    else f.breach = true;
    out.set(r.id, f);
  }
  return out;
}

// ---------- deadline sweep ----------
export async function claimDueFlags(db: Executor, now: Date, limit: number): Promise<ComplaintRow[]> {
  return db
    .select()
    .from(complaints)
    .where(
      sql`${complaints.nextFlagAt} is not null and ${complaints.nextFlagAt} <= ${now.toISOString()}::timestamptz`,
    )
    .orderBy(asc(complaints.nextFlagAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function recordFlag(
  db: Executor,
  flag: { complaintId: string; target: TComplaintTarget; round: number },
  level: 'warning' | 'breach',
  at: Date,
): Promise<boolean> {
  const rows = await db
    .insert(complaintFlags)
    .values({
      complaintId: flag.complaintId,
      target: flag.target,
      round: flag.round,
      level,
      firedAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: complaintFlags.complaintId });
  return rows.length > 0;
}

export async function setNextFlag(db: Executor, id: string, at: Date | null) {
  await db.update(complaints).set({ nextFlagAt: at }).where(eq(complaints.id, id));
}

export async function flagCount(db: Executor, complaintId: string) {
  const rows = await db
    .select({ target: complaintFlags.target, level: complaintFlags.level, round: complaintFlags.round })
    .from(complaintFlags)
    .where(eq(complaintFlags.complaintId, complaintId));
  return rows;
}

// ---------- read models for others ----------
/** Complaints whose latest handling fell in [from, to): the follow-up rule's trigger (篇1 六.5). */
export async function handledBetween(db: Executor, from: Date, to: Date) {
  return db
    .select({
      id: complaints.id,
      number: complaints.number,
      customerId: complaints.customerId,
      round: complaints.round,
      handledAt: complaints.lastHandledAt,
      complainantName: complaints.complainantName,
      contactPhone: complaints.contactPhone,
      contactEmail: complaints.contactEmail,
    })
    .from(complaints)
    .where(
      sql`${complaints.lastHandledAt} >= ${from.toISOString()}::timestamptz and ${complaints.lastHandledAt} < ${to.toISOString()}::timestamptz`,
    )
    .orderBy(asc(complaints.lastHandledAt), asc(complaints.id));
}

/** Upheld complaints against a person received in [from, to). */
export async function upheldAgainst(db: Executor, userId: string, from: Date, to: Date) {
  return db
    .select({
      id: complaints.id,
      number: complaints.number,
      receivedAt: complaints.receivedAt,
      category: complaints.category,
      rootCause: complaints.rootCause,
      status: complaints.status,
    })
    .from(complaints)
    .where(
      sql`${complaints.againstUserId} = ${userId} and ${complaints.upheld} and ${complaints.receivedAt} >= ${from.toISOString()}::timestamptz and ${complaints.receivedAt} < ${to.toISOString()}::timestamptz`,
    )
    .orderBy(asc(complaints.receivedAt));
}

// ---------- summary ----------
export interface SummaryCounts {
  total: number;
  open: number;
  closed: number;
  satisfied: number;
  reopened: number;
  upheld: number;
  handledOnTime: number;
  handledLate: number;
}

/** The period's counts in one pass over the received-at index; `handleHours` decides on time. */
export async function summaryCounts(
  db: Executor,
  from: Date,
  to: Date,
  handleHours: number,
): Promise<SummaryCounts> {
  const r = await db.execute<Record<keyof SummaryCounts, string>>(sql`
    select count(*) as "total",
           count(*) filter (where status <> 'closed') as "open",
           count(*) filter (where status = 'closed') as "closed",
           count(*) filter (where satisfied is true) as "satisfied",
           count(*) filter (where round > 1) as "reopened",
           count(*) filter (where upheld is true) as "upheld",
           count(*) filter (where handled_at <= received_at + make_interval(hours => ${handleHours}::int)) as "handledOnTime",
           count(*) filter (where handled_at > received_at + make_interval(hours => ${handleHours}::int)) as "handledLate"
      from complaints
     where received_at >= ${from.toISOString()}::timestamptz and received_at < ${to.toISOString()}::timestamptz`);
  const row = r.rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as SummaryCounts;
}

const GROUPS = {
  category: sql.raw('category'),
  product: sql.raw('product_name'),
  team: sql.raw('against_team'),
  region: sql.raw('region'),
  rootCause: sql.raw('root_cause'),
} as const;

/** Counts per hot-spot dimension (the empty key: not known). */
export async function summaryGroups(db: Executor, from: Date, to: Date) {
  const r = await db.execute<{ dim: string; key: string | null; count: string }>(sql`
    select dim, key, count(*) as count from (
      select unnest(array['category', 'product', 'team', 'region', 'rootCause']) as dim,
             unnest(array[${GROUPS.category}::text, ${GROUPS.product}, ${GROUPS.team}, ${GROUPS.region}, ${GROUPS.rootCause}::text]) as key
        from complaints
       where received_at >= ${from.toISOString()}::timestamptz and received_at < ${to.toISOString()}::timestamptz
    ) g group by dim, key`);
  return r.rows.map((x) => ({ dim: x.dim as keyof typeof GROUPS, key: x.key ?? '', count: Number(x.count) }));
}

/** Per person complained about: complaints and upheld ones. */
export async function summaryStaff(db: Executor, from: Date, to: Date) {
  const r = await db.execute<{ user_id: string; complaints: string; upheld: string }>(sql`
    select against_user_id as user_id, count(*) as complaints, count(*) filter (where upheld is true) as upheld
      from complaints
     where received_at >= ${from.toISOString()}::timestamptz and received_at < ${to.toISOString()}::timestamptz
       and against_user_id is not null
     group by against_user_id`);
  return r.rows.map((x) => ({
    userId: x.user_id,
    complaints: Number(x.complaints),
    upheld: Number(x.upheld),
  }));
}
