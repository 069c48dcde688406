// Every SQL statement of the tickets module. Reads take the caller's Scope.
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { TTicketSort } from '../../../common/tickets-api.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { hotInsertReturning } from '../../db/prepared.ts';
import type { Scope } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { gramsHeldByAtLeast } from '../../platform/gram-stats.ts';
import { hotNumberInStatement, numberPlaceholders } from '../../platform/number-series.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { auditLog } from '../../platform/schema.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { customerNameOf, customersWithEmail } from '../registry/index.ts';
import { type SlaTicket, slaBreachedOf, slaBreachingFilter, slaDueAtOf } from '../sla/index.ts';
import {
  inboundEmails,
  PRIORITY_RANK_SQL,
  routingRules,
  savedFilters,
  ticketLinks,
  ticketMessages,
  tickets,
} from './schema.ts';
import { workOrderTicketIds } from './work-port.ts';

/**
 * Whose tickets a caller reads: a customer its organisation's; a member of staff who sees only
 * their own work (`workerId`: field engineers) those assigned to them or behind their work orders.
 */
export type TicketScope = Scope & { workerId: string | null };

function ticketFilter(scope: TicketScope): SQL {
  const customer = scopeFilter(tickets.customerId, scope);
  if (!scope.workerId) return customer;
  return and(
    customer,
    or(eq(tickets.assigneeId, scope.workerId), sql`${tickets.id} in (${workOrderTicketIds(scope.workerId)})`),
  )!;
}

type TicketLinkKind = (typeof ticketLinks.$inferInsert)['kind'];

export type TicketRow = Omit<typeof tickets.$inferSelect, 'searchGrams'> & { customerName: string };

// The customer's name of each row: a lookup by primary key, written by its owner.
// The SLA summary (slaDueAt, slaBreached) is the ticket's own columns, kept by sla-summary.ts.
const { searchGrams: _grams, ...ticketColumns } = getTableColumns(tickets);
const columns = {
  ...ticketColumns,
  customerName: customerNameOf(tickets.customerId),
};

/** Inserts a ticket with the next number of its series, taken in the same statement. */
const number = hotNumberInStatement();
const insertTicketNumbered = hotInsertReturning('tickets_insert_numbered', tickets, {
  with: number.cte,
  set: { number: number.value },
});

export async function insertNumberedTicket(
  db: Executor,
  prefix: string,
  at: Date,
  timeZone: string,
  values: Omit<typeof tickets.$inferInsert, 'number'>,
) {
  const [row] = await insertTicketNumbered(
    db,
    [values as typeof tickets.$inferInsert],
    numberPlaceholders(prefix, at, timeZone),
  );
  return row!;
}

/** Whether a file is attached to some ticket or message, and whether one of those the scope sees. */
export async function attachmentVisibility(db: Executor, scope: TicketScope, fileId: string) {
  const file = sql`array[${fileId}]::uuid[]`;
  const [row] = await db
    .select({
      attached: sql<number>`count(*)::int`,
      visible: sql<boolean>`coalesce(bool_or(${ticketFilter(scope)}), false)`,
    })
    .from(tickets)
    .where(
      or(
        sql`${tickets.attachmentIds} @> ${file}`,
        sql`${tickets.id} in (select ${ticketMessages.ticketId} from ${ticketMessages} where ${ticketMessages.attachmentIds} @> ${file})`,
      ),
    );
  return { attached: (row?.attached ?? 0) > 0, visible: row?.visible ?? false };
}

export async function findTicket(
  db: Executor,
  scope: TicketScope,
  id: string,
): Promise<TicketRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(tickets)
    .where(and(eq(tickets.id, id), ticketFilter(scope)));
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

export type TicketSort = TTicketSort;

export interface TicketFilter {
  queue: 'all' | 'mine' | 'team' | 'unassigned' | 'waiting' | 'open' | 'breaching' | 'breached' | 'chats';
  now: Date;
  userId: string | null;
  teams: string[];
  kind?: TicketRow['kind'];
  status?: TicketRow['status'];
  customerId?: string;
  q?: SearchMatches;
  sort: TicketSort;
  order: 'asc' | 'desc';
}

const OPEN = ['new', 'assigned', 'in_progress'] as const;

// The keys of each sort, in the order of its index (tickets_*_idx), then the id; a cursor carries the
// last row's keys as PostgreSQL prints them (`sortKey`), so a page boundary is exact to the microsecond.
// A ticket without a running deadline sorts after every deadline (infinity).
const PRIORITY_RANK = sql.raw(`(${PRIORITY_RANK_SQL})`);
const SORT_KEYS: Record<TicketSort, { keys: SQL[]; types: string[] }> = {
  created: { keys: [sql`${tickets.createdAt}`, sql`${tickets.id}`], types: ['timestamptz', 'uuid'] },
  updated: { keys: [sql`${tickets.updatedAt}`, sql`${tickets.id}`], types: ['timestamptz', 'uuid'] },
  due: {
    keys: [sql`coalesce(${tickets.slaDueAt}, 'infinity'::timestamptz)`, sql`${tickets.id}`],
    types: ['timestamptz', 'uuid'],
  },
  priority: {
    keys: [PRIORITY_RANK, sql`${tickets.createdAt}`, sql`${tickets.id}`],
    types: ['int', 'timestamptz', 'uuid'],
  },
  number: { keys: [sql`${tickets.number}`], types: ['text'] },
};

/** The cursor value of a row under a sort: its keys as text, joined by a tab. */
function sortKeyOf(sort: TicketSort): SQL<string> {
  const { keys } = SORT_KEYS[sort];
  return sql<string>`concat_ws(E'\t', ${sql.join(
    keys.map((k) => sql`(${k})::text`),
    sql`, `,
  )})`;
}

// What PostgreSQL prints for each key type: a cursor is checked against it before the cast.
const KEY_TEXT: Record<string, RegExp> = {
  timestamptz: /^(infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?)$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  int: /^\d$/,
  text: /^[^\t]{1,100}$/,
};

/** The rows after the cursor: a row comparison over the sort's keys (one index range). */
function afterCursor(sort: TicketSort, order: 'asc' | 'desc', cursor: string): SQL {
  const { keys, types } = SORT_KEYS[sort];
  const values = cursor.split('\t');
  if (values.length !== keys.length || values.some((v, i) => !KEY_TEXT[types[i]!]!.test(v)))
    throw badRequest('cursor is not valid', [{ field: 'cursor', message: 'not a cursor of this sort' }]);
  const row = sql.join(
    values.map((v, i) => sql`${v}::${sql.raw(types[i]!)}`),
    sql`, `,
  );
  return sql`(${sql.join(keys, sql`, `)}) ${sql.raw(order === 'asc' ? '>' : '<')} (${row})`;
}

const likeOf = (term: string) => `%${term.replace(/[%_\\]/g, '\\$&')}%`;
const TICKET_NUMBER = /^[A-Za-z]{2}-\d{4}-\d+$/;
/** A serial is printable ASCII without spaces, three characters or more (SN-0042, A12B). */
export const SERIAL_LIKE = /^[\x21-\x7e]{3,}$/;

/** What a search term matched outside the tickets table: customers by name, assets by serial. */
export interface SearchMatches {
  term: string;
  customerIds: string[];
  assetIds: string[];
  /** Many tickets hold the term's grams: walk the order's index and recheck, rather than sort them all. */
  common?: boolean;
}

/** The most candidates a search sorts itself; beyond, it walks the list's index (see isCommonTerm). */
export const SORTED_SEARCH_CAP = 5000;

/**
 * Whether at least SORTED_SEARCH_CAP tickets hold every 2-gram of a term of three characters or more.
 * The planner multiplies the grams' frequencies as if independent (those of one word never are), so it
 * would sort every match of a common word. The word's count is at most its rarest gram's, and the grams
 * of one word nearly always occur together, so the rarest gram's frequency in ANALYZE's statistics of
 * `search_grams` (most_common_elems: 81,600 estimated for 无法启动 against 83,300 held, at 10⁶ tickets)
 * tells it without reading the index — where counting up to the cap on the GIN index built every
 * candidate first (27 ms of the search's 35 at 10⁶). A gram the statistics do not list is rarer than
 * their least frequent one; when even that bound reaches the cap, or there are no statistics yet (a new
 * database), the index is counted as before.
 */
export async function isCommonTerm(db: Executor, term: string): Promise<boolean> {
  if ([...term].length < 3) return false;
  return gramsHeldByAtLeast(db, 'tickets', 'search_grams', term, SORTED_SEARCH_CAP);
}

/**
 * The tickets of the customers a term named that can be on the page: each customer's first `limit`
 * tickets in the page's order (after the cursor, with the page's other conditions) by its own range of
 * tickets_customer_idx (customer, created, id), merged, the first `limit` kept. It reads at most
 * customers × limit index entries, whatever each customer's history — where `customer_id = any(…)`
 * fetched and sorted every ticket of every customer named (a large customer's thousands, from all over
 * the table). Only the default order (created) has that index, and only up to SORTED_SEARCH_CAP
 * entries: otherwise the planner gets the list of customers (and walks the order's index when they
 * hold many tickets).
 */
function customersFilter(
  ids: string[],
  f: Pick<TicketFilter, 'sort' | 'order'>,
  conditions: (SQL | undefined)[],
  limit: number,
): SQL | undefined {
  if (!ids.length) return undefined;
  if (f.sort !== 'created' || ids.length * limit > SORTED_SEARCH_CAP)
    return sql`${tickets.customerId} = any(${uuidArray(ids)})`;
  const dir = sql.raw(f.order === 'asc' ? 'asc' : 'desc');
  // Inside the subquery "tickets" names its own scan (the nearest), so the page's conditions apply to it.
  return sql`${tickets.id} = any(array(select c_t.id from unnest(${uuidArray(ids)}) as c(id)
    cross join lateral (select ${tickets.id} as id, ${tickets.createdAt} as created_at from ${tickets}
      where ${and(sql`${tickets.customerId} = c.id`, ...conditions)}
      order by ${tickets.createdAt} ${dir}, ${tickets.id} ${dir} limit ${limit}) as c_t
    order by c_t.created_at ${dir}, c_t.id ${dir} limit ${limit}))`;
}

/**
 * A search term: a whole ticket number (unique index); part of a number (trigrams); subject or
 * description (the 2-gram GIN index, rechecked with ILIKE); the tickets of the customers (see
 * customersFilter) and assets it matched (passed as values, so the planner sees how many).
 */
function searchFilter({ term, assetIds, common }: SearchMatches, customers: SQL | undefined): SQL {
  if (TICKET_NUMBER.test(term)) return sql`${tickets.number} = ${term.toUpperCase()}`;
  const like = likeOf(term);
  // The recheck is strpos on lower case, not ILIKE: the same match, but the planner does not take it
  // for a rare condition, so a common word walks the order's index instead of sorting every match.
  const contains = sql`(strpos(lower(${tickets.subject}), lower(${term})) > 0 or strpos(lower(${tickets.description}), lower(${term})) > 0)`;
  const parts: SQL[] = [
    [...term].length >= 2 && !common
      ? sql`(${tickets.searchGrams} @> text_bigrams(${term}) and ${contains})`
      : contains,
  ];
  if (SERIAL_LIKE.test(term)) parts.push(sql`${tickets.number} ilike ${like}`);
  if (assetIds.length) parts.push(sql`${tickets.assetIds} && ${uuidArray(assetIds)}`);
  if (customers) parts.push(customers);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * A live chat waiting for the desk's first answer: channel chat, open, and no public reply yet
 * (tickets_chat_open_idx holds the open chats; each is checked for a reply by its messages' index).
 */
export const chatWaitingFilter = () =>
  and(
    eq(tickets.channel, 'chat'),
    inArray(tickets.status, [...OPEN]),
    sql`not exists (select 1 from ${ticketMessages} where ${ticketMessages.ticketId} = ${tickets.id} and ${ticketMessages.kind} = 'public_reply')`,
  );

/**
 * A queue (or all tickets) in the chosen order, `limit + 1` rows after the cursor. Each queue's filter
 * is the predicate of a partial index keyed by the default order (newest first); breached reads the
 * ticket's own SLA summary, breaching the GiST index of warning windows.
 */
export async function listTickets(
  db: Executor,
  scope: TicketScope,
  f: TicketFilter,
  after: string | null,
  limit: number,
) {
  const where: (SQL | undefined)[] = [ticketFilter(scope)];
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
  if (f.queue === 'breaching') where.push(slaBreachingFilter(tickets.id, f.now));
  // Past the deadline of a running target: the earliest one is (sla_due_at, kept by the sla module).
  if (f.queue === 'breached') where.push(lte(tickets.slaDueAt, f.now));
  if (f.queue === 'chats') where.push(chatWaitingFilter());
  if (f.kind) where.push(eq(tickets.kind, f.kind));
  if (f.status) where.push(eq(tickets.status, f.status));
  if (f.customerId) where.push(eq(tickets.customerId, f.customerId));
  if (after) where.push(afterCursor(f.sort, f.order, after));
  if (f.q) where.push(searchFilter(f.q, customersFilter(f.q.customerIds, f, [...where], limit + 1)));
  const dir = f.order === 'asc' ? asc : desc;
  return db
    .select({ ...columns, sortKey: sortKeyOf(f.sort) })
    .from(tickets)
    .where(and(...where))
    .orderBy(...SORT_KEYS[f.sort].keys.map((k) => dir(k)))
    .limit(limit + 1);
}

/** Brings the SLA summary of the tickets up to date with their targets (sla's read model). */
export async function refreshSlaSummary(db: Executor, ids: string[]) {
  if (!ids.length) return;
  await db
    .update(tickets)
    .set({ slaDueAt: slaDueAtOf(tickets.id), slaBreached: slaBreachedOf(tickets.id) })
    .where(inArray(tickets.id, ids));
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

/** The customer's other open (or waiting) tickets, newest first, that the caller may read. */
export async function otherOpenTickets(
  db: Executor,
  scope: TicketScope,
  customerId: string,
  exceptId: string,
) {
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.customerId, customerId),
        sql`${tickets.id} <> ${exceptId}`,
        inArray(tickets.status, ['new', 'assigned', 'in_progress', 'waiting_customer']),
        ticketFilter(scope),
      ),
    )
    .orderBy(desc(tickets.createdAt))
    .limit(10);
}
