// The counts of the role workbenches: each one a range of the tickets' (assignee|team, status, …) indexes.
import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { chatWaitingFilter } from './repository.ts';
import { tickets } from './schema.ts';

const OPEN = ['new', 'assigned', 'in_progress'] as const;
const ACTIVE = [...OPEN, 'waiting_customer'] as const;

/** The assignee's open tickets per status (tickets_assignee_idx). */
export async function openCountsOfAssignee(db: Executor, userId: string) {
  const rows = await db
    .select({ status: tickets.status, n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.assigneeId, userId), inArray(tickets.status, [...ACTIVE])))
    .groupBy(tickets.status);
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** Open tickets routed to any of the teams (tickets_team_idx). */
export async function openCountOfTeams(db: Executor, teams: readonly string[]) {
  if (!teams.length) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(inArray(tickets.team, [...teams]), inArray(tickets.status, [...ACTIVE])));
  return row?.n ?? 0;
}

/** Open tickets nobody is assigned to (tickets_assignee_idx on its null prefix). */
export async function unassignedCount(db: Executor) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(isNull(tickets.assigneeId), inArray(tickets.status, [...OPEN])));
  return row?.n ?? 0;
}

/** Live chats waiting for the desk's first answer (tickets_chat_open_idx). */
export async function chatsWaitingCount(db: Executor) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(chatWaitingFilter());
  return row?.n ?? 0;
}

/**
 * Tickets past the deadline of a running SLA target — the breached queue's filter (the earliest
 * running deadline, sla_due_at, kept by the sla module), an index-only range of tickets_sla_due_at_idx.
 */
export async function breachedCount(db: Executor, now: Date) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(isNotNull(tickets.slaDueAt), lte(tickets.slaDueAt, now)));
  return row?.n ?? 0;
}
