// The counts of the role workbenches: each one a range of the tickets' (assignee|team, status, …) indexes,
// walked up to the tiles' cap (countUpTo), so a count costs the same whatever the backlog.
import { and, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { countUpTo } from '../../db/count-up-to.ts';
import type { Executor } from '../../db/pool.ts';
import { chatWaitingFilter } from './repository.ts';
import { tickets } from './schema.ts';

const OPEN = ['new', 'assigned', 'in_progress'] as const;
const ACTIVE = [...OPEN, 'waiting_customer'] as const;

/** The assignee's open tickets per status (tickets_assignee_idx). */
export async function openCountsOfAssignee(db: Executor, userId: string) {
  const counts = await Promise.all(
    ACTIVE.map((status) =>
      countUpTo(db, tickets, and(eq(tickets.assigneeId, userId), eq(tickets.status, status))),
    ),
  );
  return new Map<string, number>(ACTIVE.map((status, i) => [status, counts[i]!]));
}

/** Open tickets routed to any of the teams (tickets_team_idx). */
export async function openCountOfTeams(db: Executor, teams: readonly string[]) {
  if (!teams.length) return 0;
  return countUpTo(db, tickets, and(inArray(tickets.team, [...teams]), inArray(tickets.status, [...ACTIVE])));
}

/** Open tickets nobody is assigned to (tickets_assignee_idx on its null prefix). */
export async function unassignedCount(db: Executor) {
  return countUpTo(db, tickets, and(isNull(tickets.assigneeId), inArray(tickets.status, [...OPEN])));
}

/** Live chats waiting for the desk's first answer (tickets_chat_open_idx). */
export async function chatsWaitingCount(db: Executor) {
  return countUpTo(db, tickets, chatWaitingFilter());
}

/**
 * Tickets past the deadline of a running SLA target — the breached queue's filter (the earliest
 * running deadline, sla_due_at, kept by the sla module), an index-only range of tickets_sla_due_at_idx.
 */
export async function breachedCount(db: Executor, now: Date) {
  return countUpTo(db, tickets, and(isNotNull(tickets.slaDueAt), lte(tickets.slaDueAt, now)));
}
