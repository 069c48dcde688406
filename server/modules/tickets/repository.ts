// Every SQL statement of the tickets module. Reads take the caller's Scope.
import { and, asc, desc, eq, getTableColumns, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Scope } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { auditLog } from '../../platform/schema.ts';
import { scopeFilter } from '../../platform/scope.ts';
// biome-ignore lint/style/noRestrictedImports: being moved behind the owner's index.ts (issue 10)
import { users } from '../accounts/schema.ts';
// biome-ignore lint/style/noRestrictedImports: being moved behind the owner's index.ts (issue 10)
import { customers } from '../registry/schema.ts';
import { inboundEmails, routingRules, savedFilters, ticketLinks, ticketMessages, tickets } from './schema.ts';

export type TicketRow = typeof tickets.$inferSelect & {
  customerName: string;
  assigneeName: string | null;
  slaDueAt: Date | null;
  slaBreached: boolean;
};

// The SLA summary of each row: two lookups on sla_targets' (ticket_id, metric) index.
const columns = {
  ...getTableColumns(tickets),
  customerName: customers.name,
  assigneeName: users.displayName,
  slaDueAt: sql<Date | null>`(select min(s.due_at) from sla_targets s
    where s.ticket_id = ${tickets.id} and s.state = 'running')`.mapWith((v) => (v ? new Date(v) : null)),
  slaBreached: sql<boolean>`exists (select 1 from sla_targets s where s.ticket_id = ${tickets.id}
    and s.breached and s.state in ('running', 'paused'))`.mapWith(Boolean),
};

export async function insertTicket(db: Executor, values: typeof tickets.$inferInsert) {
  const [row] = await db.insert(tickets).values(values).returning();
  return row!;
}

export async function findTicket(db: Executor, scope: Scope, id: string): Promise<TicketRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(users, eq(users.id, tickets.assigneeId))
    .where(and(eq(tickets.id, id), scopeFilter(tickets.customerId, scope)));
  return row;
}

export interface TicketFilter {
  queue: 'all' | 'mine' | 'team' | 'unassigned' | 'waiting' | 'open' | 'breaching' | 'breached';
  now?: Date;
  userId: string | null;
  teams: string[];
  kind?: string;
  status?: string;
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
  // Breaching soon: a running target past its warning but not its deadline; breached: past it and
  // still running. Both read the partial index of running targets by due time.
  const now = f.now ?? new Date();
  if (f.queue === 'breaching')
    where.push(sql`${tickets.id} in (select s.ticket_id from sla_targets s where s.state = 'running'
      and s.due_at > ${now} and s.warn_at <= ${now})`);
  if (f.queue === 'breached')
    where.push(sql`${tickets.id} in (select s.ticket_id from sla_targets s where s.state = 'running'
      and s.due_at <= ${now})`);
  if (f.kind) where.push(eq(tickets.kind, f.kind as TicketRow['kind']));
  if (f.status) where.push(eq(tickets.status, f.status as TicketRow['status']));
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
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(users, eq(users.id, tickets.assigneeId))
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

export async function findUserName(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.displayName,
      kind: users.kind,
      roles: users.roles,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, id));
  return row;
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

/** The customers an email address belongs to (their contacts, or the customer's own address). */
export async function customersByEmail(db: Executor, email: string) {
  const r = await db.execute<{ customer_id: string; contact_id: string | null }>(sql`
    select customer_id, id as contact_id from contacts where lower(email) = lower(${email})
    union
    select id, null from customers where lower(contact_email) = lower(${email})`);
  return r.rows;
}

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
export async function insertLink(
  db: Executor,
  ticketId: string,
  linkedId: string,
  kind: 'related' | 'duplicate_of' | 'split_from',
) {
  await db.insert(ticketLinks).values({ ticketId, linkedId, kind }).onConflictDoNothing();
}

/** Links in both directions, with the other ticket's number and subject. */
export async function linksOf(db: Executor, ticketId: string) {
  const r = await db.execute<{
    id: string;
    number: string;
    subject: string;
    kind: string;
    direction: string;
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

export async function contactEmail(db: Executor, contactId: string): Promise<string | null> {
  const r = await db.execute<{ email: string | null }>(
    sql`select email from contacts where id = ${contactId}`,
  );
  return r.rows[0]?.email ?? null;
}
