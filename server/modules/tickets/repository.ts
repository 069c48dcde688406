// Every SQL statement of the tickets module. Reads take the caller's Scope.
import { and, asc, desc, eq, getTableColumns, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import { numberInStatement } from '../../platform/number-series.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { auditLog } from '../../platform/schema.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { customerNameOf, customersWithEmail } from '../registry/index.ts';
import { type SlaTicket, slaBreachedOf, slaDueAtOf, slaQueueFilter } from '../sla/index.ts';
import { inboundEmails, routingRules, savedFilters, ticketLinks, ticketMessages, tickets } from './schema.ts';

type TicketLinkKind = (typeof ticketLinks.$inferInsert)['kind'];

export type TicketRow = typeof tickets.$inferSelect & {
  customerName: string;
  slaDueAt: Date | null;
  slaBreached: boolean;
};

// The customer's name and the SLA summary of each row: lookups by primary key and on sla_targets'
// (ticket_id, metric) index, written by their owners.
const columns = {
  ...getTableColumns(tickets),
  customerName: customerNameOf(tickets.customerId),
  slaDueAt: slaDueAtOf(tickets.id),
  slaBreached: slaBreachedOf(tickets.id),
};

/** Inserts a ticket with the next number of its series, taken in the same statement. */
export async function insertNumberedTicket(
  db: Executor,
  prefix: string,
  at: Date,
  timeZone: string,
  values: Omit<typeof tickets.$inferInsert, 'number'>,
) {
  const next = numberInStatement(prefix, at, timeZone);
  const [row] = await db
    .with(next.cte)
    .insert(tickets)
    .values({ ...values, number: next.value })
    .returning();
  return row!;
}

export async function findTicket(db: Executor, scope: Scope, id: string): Promise<TicketRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(tickets)
    .where(and(eq(tickets.id, id), scopeFilter(tickets.customerId, scope)));
  return row;
}

/** The ticket's row, locked for a change made in the caller's transaction. */
export async function lockTicket(db: Executor, id: string) {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).for('update');
  return row;
}

export async function findSlaTickets(db: Executor, ids: string[]): Promise<SlaTicket[]> {
  if (!ids.length) return [];
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      kind: tickets.kind,
      status: tickets.status,
      priority: tickets.priority,
      emergency: tickets.emergency,
      complexity: tickets.complexity,
      customerId: tickets.customerId,
      projectId: tickets.projectId,
      team: tickets.team,
      assigneeId: tickets.assigneeId,
      watcherIds: tickets.watcherIds,
    })
    .from(tickets)
    .where(inArray(tickets.id, ids));
}

export interface TicketFilter {
  queue: 'all' | 'mine' | 'team' | 'unassigned' | 'waiting' | 'open' | 'breaching' | 'breached';
  now: Date;
  userId: string | null;
  teams: string[];
  kind?: TicketRow['kind'];
  status?: TicketRow['status'];
  customerId?: string;
  q?: string;
}

const OPEN = ['new', 'assigned', 'in_progress'] as const;

/** Newest first; each queue is a prefix of an index (assignee, team or status, then created_at). */
export async function listTickets(
  db: Executor,
  scope: Scope,
  f: TicketFilter,
  after: CursorKey | null,
  limit: number,
) {
  const where: (SQL | undefined)[] = [scopeFilter(tickets.customerId, scope)];
  if (f.queue === 'mine')
    where.push(
      eq(tickets.assigneeId, f.userId ?? '00000000-0000-0000-0000-000000000000'),
      inArray(tickets.status, [...OPEN, 'waiting_customer']),
    );
  if (f.queue === 'team')
    where.push(
      inArray(tickets.team, f.teams.length ? f.teams : ['-']),
      inArray(tickets.status, [...OPEN, 'waiting_customer']),
    );
  if (f.queue === 'unassigned') where.push(isNull(tickets.assigneeId), inArray(tickets.status, [...OPEN]));
  if (f.queue === 'waiting') where.push(eq(tickets.status, 'waiting_customer'));
  if (f.queue === 'open') where.push(inArray(tickets.status, [...OPEN]));
  if (f.queue === 'breaching' || f.queue === 'breached')
    where.push(slaQueueFilter(tickets.id, f.queue, f.now));
  if (f.kind) where.push(eq(tickets.kind, f.kind));
  if (f.status) where.push(eq(tickets.status, f.status));
  if (f.customerId) where.push(eq(tickets.customerId, f.customerId));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(tickets.number, like), ilike(tickets.subject, like)));
  }
  if (after)
    where.push(sql`(${tickets.createdAt}, ${tickets.id}) < (${new Date(String(after.v))}, ${after.id})`);
  return db
    .select(columns)
    .from(tickets)
    .where(and(...where))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(limit + 1);
}

export async function listMessages(db: Executor, ticketId: string, includeInternal: boolean) {
  return db
    .select()
    .from(ticketMessages)
    .where(
      and(
        eq(ticketMessages.ticketId, ticketId),
        includeInternal ? undefined : sql`${ticketMessages.kind} <> 'internal_note'`,
      ),
    )
    .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id));
}

export async function insertMessage(db: Executor, values: typeof ticketMessages.$inferInsert) {
  const [row] = await db.insert(ticketMessages).values(values).returning();
  return row!;
}

/** Earlier Message-IDs of a ticket's mails, oldest first (the References of a reply). */
export async function threadMessageIds(db: Executor, ticketId: string): Promise<string[]> {
  const [ticket] = await db
    .select({ thread: tickets.emailThreadId })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  const rows = await db
    .select({ id: ticketMessages.emailMessageId })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), sql`${ticketMessages.emailMessageId} is not null`))
    .orderBy(asc(ticketMessages.createdAt))
    .limit(20);
  return [...(ticket?.thread ? [ticket.thread] : []), ...rows.map((r) => r.id!)];
}

export async function ticketByEmailReference(db: Executor, messageIds: string[]) {
  if (!messageIds.length) return undefined;
  const [row] = await db
    .select({ ticketId: ticketMessages.ticketId })
    .from(ticketMessages)
    .where(inArray(ticketMessages.emailMessageId, messageIds))
    .limit(1);
  if (row) return row.ticketId;
  const [opened] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(inArray(tickets.emailThreadId, messageIds))
    .limit(1);
  return opened?.id;
}

export async function ticketIdByNumber(db: Executor, number: string) {
  const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number));
  return row?.id;
}

/** The customers an email address belongs to: the registry answers (kept here for the email intake). */
export const customersByEmail = customersWithEmail;

/**
 * Records a mail once per Message-ID. Inside a transaction this claims the Message-ID: a concurrent
 * insert of the same one waits on the unique index, then finds it taken (undefined).
 */
export async function insertInboundEmail(db: Executor, values: typeof inboundEmails.$inferInsert) {
  const rows = await db
    .insert(inboundEmails)
    .values(values)
    .onConflictDoNothing({ target: inboundEmails.messageId })
    .returning();
  return rows[0];
}

export async function listInboundEmails(db: Executor, statuses: string[], limit: number) {
  return db
    .select()
    .from(inboundEmails)
    .where(inArray(inboundEmails.status, statuses as (typeof inboundEmails.$inferSelect)['status'][]))
    .orderBy(desc(inboundEmails.receivedAt))
    .limit(limit);
}

/** The first mail of a ticket opens its thread: later replies reference its Message-ID. */
export async function setTicketEmailThread(db: Executor, ticketId: string, messageId: string) {
  await db.update(tickets).set({ emailThreadId: messageId }).where(eq(tickets.id, ticketId));
}

// ---------- routing rules ----------
export async function listRoutingRules(db: Executor) {
  return db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.createdAt));
}

export async function insertRoutingRule(db: Executor, values: typeof routingRules.$inferInsert) {
  const [row] = await db.insert(routingRules).values(values).returning();
  return row!;
}

export async function deleteRoutingRule(db: Executor, id: string) {
  const rows = await db.delete(routingRules).where(eq(routingRules.id, id)).returning();
  return rows[0];
}

// ---------- links ----------
export async function insertLink(db: Executor, ticketId: string, linkedId: string, kind: TicketLinkKind) {
  await db.insert(ticketLinks).values({ ticketId, linkedId, kind }).onConflictDoNothing();
}

/** Links in both directions, with the other ticket's number and subject. */
export async function linksOf(db: Executor, ticketId: string) {
  const r = await db.execute<{
    id: string;
    number: string;
    subject: string;
    kind: TicketLinkKind;
    direction: 'in' | 'out';
    customer_id: string;
  }>(sql`
    select t.id, t.number, t.subject, l.kind, 'out' as direction, t.customer_id
      from ticket_links l join tickets t on t.id = l.linked_id where l.ticket_id = ${ticketId}
    union all
    select t.id, t.number, t.subject, l.kind, 'in' as direction, t.customer_id
      from ticket_links l join tickets t on t.id = l.ticket_id where l.linked_id = ${ticketId}`);
  return r.rows;
}

export async function setWatchers(db: Executor, id: string, watcherIds: string[]) {
  await db.update(tickets).set({ watcherIds }).where(eq(tickets.id, id));
}

export async function listSavedFilters(db: Executor, userId: string) {
  return db
    .select()
    .from(savedFilters)
    .where(eq(savedFilters.userId, userId))
    .orderBy(asc(savedFilters.name));
}

export async function upsertSavedFilter(
  db: Executor,
  userId: string,
  name: string,
  query: Record<string, string>,
) {
  const [row] = await db
    .insert(savedFilters)
    .values({ userId, name, query })
    .onConflictDoUpdate({ target: [savedFilters.userId, savedFilters.name], set: { query } })
    .returning();
  return row!;
}

export async function deleteSavedFilter(db: Executor, userId: string, id: string) {
  const rows = await db
    .delete(savedFilters)
    .where(and(eq(savedFilters.id, id), eq(savedFilters.userId, userId)))
    .returning();
  return rows.length > 0;
}

export async function auditOfTicket(db: Executor, ticketId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'ticket'), eq(auditLog.entityId, ticketId)))
    .orderBy(asc(auditLog.id))
    .limit(500);
}
