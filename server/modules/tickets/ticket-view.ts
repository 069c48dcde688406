// Reading tickets: one with its conversation, SLA targets and links; the queues; the change history.
import { allowedTransitions, STATUS_CATEGORY } from '../../../common/ticket-rules.ts';
import type { TTicket, TTicketDetail } from '../../../common/tickets-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { userNames } from '../accounts/index.ts';
import {
  assetIdsWithSerial,
  contactFacts,
  customerIdsNamed,
  equipmentFacts,
  projectFacts,
} from '../registry/index.ts';
import { targetsOf } from '../sla/index.ts';
import { isCustomer, seesInternal, ticketScope } from './access.ts';
import { customerDetail } from './customer-view.ts';
import * as repo from './repository.ts';

export function toTicket(row: repo.TicketRow, names: Map<string, string>): TTicket {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    statusCategory: STATUS_CATEGORY[row.status],
    channel: row.channel,
    priority: row.priority,
    emergency: row.emergency,
    complexity: row.complexity,
    faultCategory: row.faultCategory,
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    contactPhone: row.contactPhone,
    projectId: row.projectId,
    assetIds: row.assetIds,
    subject: row.subject,
    description: row.description,
    team: row.team,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeId ? (names.get(row.assigneeId) ?? null) : null,
    tags: row.tags,
    watcherIds: row.watcherIds,
    attachmentIds: row.attachmentIds,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    slaDueAt: row.slaDueAt?.toISOString() ?? null,
    slaBreached: row.slaBreached,
  };
}

/** The tickets as the API shows them, with their assignees' names (one lookup for the page). */
export async function toTickets(db: Executor, rows: repo.TicketRow[]): Promise<TTicket[]> {
  const names = await userNames(db, [...new Set(rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])))]);
  return rows.map((r) => toTicket(r, names));
}

export async function getTicket(ctx: Ctx, id: string): Promise<TTicketDetail> {
  const row = await repo.findTicket(ctx.db, ticketScope(ctx), id);
  if (!row) throw notFound('Ticket');
  const messages = await repo.listMessages(ctx.db, id, seesInternal(ctx));
  // A link may point at another customer's ticket (the same fault elsewhere): customers see only theirs.
  const links = (await repo.linksOf(ctx.db, id)).filter(
    (l) => !isCustomer(ctx) || l.customer_id === row.customerId,
  );
  const sla = await targetsOf(ctx.db, id);
  const [ticket] = await toTickets(ctx.db, [row]);
  const detail: TTicketDetail = {
    ...ticket!,
    sla: sla
      .filter((t) => t.state !== 'cancelled')
      .map((t) => ({
        metric: t.metric,
        state: t.state,
        durationMinutes: t.definition.durationMinutes,
        startedAt: t.startedAt?.toISOString() ?? null,
        dueAt: t.dueAt?.toISOString() ?? null,
        warnAt: t.warnAt?.toISOString() ?? null,
        metAt: t.metAt?.toISOString() ?? null,
        // Past due while running is breached now, before the sweeper has marked it.
        breached: t.breached || (t.state === 'running' && t.dueAt !== null && t.dueAt <= ctx.clock.now()),
        breachedBy: t.breachedBy,
      })),
    links: links.map((l) => ({
      id: l.id,
      number: l.number,
      subject: l.subject,
      kind: l.kind,
      direction: l.direction,
    })),
    allowedStatuses: isCustomer(ctx) ? [] : [...allowedTransitions(row.status)],
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      authorLabel: m.authorLabel,
      body: m.body,
      attachmentIds: m.attachmentIds,
      createdAt: m.createdAt.toISOString(),
    })),
  };
  return isCustomer(ctx) ? customerDetail(detail) : detail;
}

/** Newest first, the earliest deadline first, the highest priority first, numbers ascending. */
const DEFAULT_ORDER: Record<repo.TicketSort, 'asc' | 'desc'> = {
  created: 'desc',
  updated: 'desc',
  due: 'asc',
  priority: 'desc',
  number: 'asc',
};

export async function listTickets(
  ctx: Ctx,
  query: {
    queue: repo.TicketFilter['queue'];
    kind?: repo.TicketFilter['kind'];
    status?: repo.TicketFilter['status'];
    customerId?: string;
    q?: string;
    sort: repo.TicketSort;
    order?: 'asc' | 'desc';
    limit: number;
  },
  after: CursorKey | null,
) {
  const order = query.order ?? DEFAULT_ORDER[query.sort];
  // A cursor names the sort it was made under: another sort's cursor is refused, not misread.
  const sortName = `${query.sort}.${order}`;
  if (after && after.id !== sortName)
    throw badRequest('cursor is not valid', [{ field: 'cursor', message: 'made under another sort' }]);
  // The customers and assets a search term names, asked of the registry first (two index lookups).
  const term = query.q;
  const q = term
    ? {
        term,
        customerIds: await customerIdsNamed(ctx.db, term),
        assetIds: repo.SERIAL_LIKE.test(term) ? await assetIdsWithSerial(ctx.db, term) : [],
        common: await repo.isCommonTerm(ctx.db, term),
      }
    : undefined;
  const rows = await repo.listTickets(
    ctx.db,
    ticketScope(ctx),
    {
      ...query,
      q,
      order,
      userId: ctx.principal.userId,
      teams: ctx.principal.roles,
      now: ctx.clock.now(),
    },
    after ? String(after.v) : null,
    query.limit,
  );
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.sortKey, id: sortName }));
  return { items: await toTickets(ctx.db, page.items), nextCursor: page.nextCursor };
}

export async function listInboundEmails(ctx: Ctx, status: 'triage' | 'quarantined', limit: number) {
  if (isCustomer(ctx)) throw forbidden();
  return (await repo.listInboundEmails(ctx.db, [status], limit)).map((r) => ({
    id: r.id,
    fromAddress: r.fromAddress,
    subject: r.subject,
    bodyText: r.bodyText,
    status: r.status,
    reason: r.reason,
    ticketId: r.ticketId,
    receivedAt: r.receivedAt.toISOString(),
  }));
}

const HISTORY_FIELDS = [
  'status',
  'priority',
  'emergency',
  'complexity',
  'faultCategory',
  'team',
  'assigneeId',
  'contactId',
  'tags',
  'projectId',
  'assetIds',
  'watcherIds',
];

/** Fields whose values are ids: the change log shows the names they stand for. */
const NAMED_FIELDS = ['assigneeId', 'watcherIds', 'contactId', 'projectId', 'assetIds'] as const;
type NamedField = (typeof NAMED_FIELDS)[number];

const idsIn = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/** Every field change of a ticket, from the audit log (staff only), people and records by name. */
export async function ticketHistory(ctx: Ctx, id: string) {
  if (isCustomer(ctx)) throw notFound('Ticket');
  const ticket = await repo.findTicket(ctx.db, ticketScope(ctx), id);
  if (!ticket) throw notFound('Ticket');
  const entries = (await repo.auditOfTicket(ctx.db, id)).map((a) => {
    const before = (a.before ?? {}) as Record<string, unknown>;
    const after = (a.after ?? {}) as Record<string, unknown>;
    const changes =
      a.action === 'ticket.update'
        ? HISTORY_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => ({
            field: f,
            from: before[f] ?? null,
            to: after[f] ?? null,
          }))
        : a.action === 'ticket.milestone' && typeof after.event === 'string'
          ? [{ field: 'event', from: null, to: after.event }]
          : [];
    return { at: a.at.toISOString(), actorId: a.actorId, actor: a.actorLabel, action: a.action, changes };
  });
  // One lookup per kind of record for the whole log.
  const ids = (fields: NamedField[]) => [
    ...new Set(
      entries.flatMap((e) =>
        e.changes
          .filter((c) => (fields as string[]).includes(c.field))
          .flatMap((c) => [...idsIn(c.from), ...idsIn(c.to)]),
      ),
    ),
  ];
  const [people, contacts, projects, equipment] = await Promise.all([
    userNames(ctx.db, [
      ...ids(['assigneeId', 'watcherIds']),
      ...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : []))),
    ]),
    contactFacts(ctx.db, ids(['contactId'])),
    projectFacts(ctx.db, ids(['projectId'])),
    equipmentFacts(ctx.db, ids(['assetIds'])),
  ]);
  const nameOf = (field: string, v: string) =>
    field === 'contactId'
      ? contacts.get(v)?.name
      : field === 'projectId'
        ? projects.get(v)?.name
        : field === 'assetIds'
          ? (equipment.get(v)?.name ?? equipment.get(v)?.productName)
          : people.get(v);
  // A record that no longer exists is "removed", never its id.
  const named = (field: string, v: unknown) =>
    v === null
      ? null
      : Array.isArray(v)
        ? idsIn(v).map((x) => nameOf(field, x) ?? '—')
        : (nameOf(field, String(v)) ?? '—');
  return entries.map(({ actorId, ...e }) => ({
    ...e,
    // Who did it, by the name colleagues know (the audit keeps the login name of the moment).
    actor: (actorId && people.get(actorId)) || e.actor,
    changes: e.changes.map((c) =>
      (NAMED_FIELDS as readonly string[]).includes(c.field)
        ? { ...c, from: named(c.field, c.from), to: named(c.field, c.to) }
        : c,
    ),
  }));
}
