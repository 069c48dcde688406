// What the workbench and the global search ask of the service desk: counts on indexes, and the
// ticket list (with its own search) under the caller's scope.
import type { Ctx } from '../../platform/context.ts';
import { listTickets } from './ticket-view.ts';
import * as repo from './workbench-repository.ts';

const NO_USER = '00000000-0000-0000-0000-000000000000';

export async function myOpenTicketCounts(ctx: Ctx) {
  const counts = await repo.openCountsOfAssignee(ctx.db, ctx.principal.userId ?? NO_USER);
  return {
    new: counts.get('new') ?? 0,
    assigned: counts.get('assigned') ?? 0,
    in_progress: counts.get('in_progress') ?? 0,
    waiting_customer: counts.get('waiting_customer') ?? 0,
  };
}

/** Open tickets of the caller's teams (the team of a ticket is the role that handles it). */
export async function teamOpenTicketCount(ctx: Ctx) {
  return repo.openCountOfTeams(ctx.db, ctx.principal.roles);
}

export async function unassignedTicketCount(ctx: Ctx) {
  return repo.unassignedCount(ctx.db);
}

/** The caller's open tickets (a customer's: its organisation's), soonest promise first. */
export async function openTicketsOf(ctx: Ctx, limit: number) {
  const { items } = await listTickets(ctx, { queue: 'open', sort: 'due', limit }, null);
  return items.map((t) => ({
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    slaDueAt: t.slaDueAt,
  }));
}

/** Tickets matching a number or subject, through the list's own search and scope. */
export async function searchTickets(ctx: Ctx, q: string, limit: number) {
  const { items } = await listTickets(ctx, { queue: 'all', sort: 'created', q, limit }, null);
  return items;
}

/** Live chats no one at the desk has answered yet (the call agent's "chats waiting"). */
export async function chatsWaitingCount(ctx: Ctx) {
  return repo.chatsWaitingCount(ctx.db);
}

/** Tickets in the breached queue (past a running SLA deadline). */
export async function breachedTicketCount(ctx: Ctx, now: Date) {
  return repo.breachedCount(ctx.db, now);
}
