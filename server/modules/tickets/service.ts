// Tickets use cases: register a request from any channel, route it, converse with the customer
// (public replies, customer messages) and among staff (internal notes, never shown to customers),
// move it through its statuses, and record it in the service archive of the equipment.

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MANUAL_SLA_EVENTS, SlaEvent } from '../../../common/sla-rules.ts';
import {
  allowedTransitions,
  canTransition,
  NUMBER_PREFIX,
  routeTicket,
  STATUS_CATEGORY,
} from '../../../common/ticket-rules.ts';
import type {
  TCreateTicketRequest,
  TTicket,
  TTicketDetail,
  ZCreateMessageRequest,
  ZUpdateTicketRequest,
} from '../../../common/tickets-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { enqueueMessage, outboxMessageId } from '../../platform/outbox.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { enqueueWebhookEvent } from '../notifications/index.ts';
import { getAsset, getCustomer, getProduct, getProject, recordArchiveEvents } from '../registry/index.ts';
import { applyPolicy, logSla, refreshTargets, targetsOf } from '../sla/index.ts';
import * as repo from './repository.ts';
import { routingRules, tickets } from './schema.ts';

export function toTicket(row: repo.TicketRow): TTicket {
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
    projectId: row.projectId,
    assetIds: row.assetIds,
    subject: row.subject,
    description: row.description,
    team: row.team,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
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

const isCustomer = (ctx: Ctx) => ctx.scope.kind === 'customer';
const seesInternal = (ctx: Ctx) => !isCustomer(ctx) && ctx.principal.permissions.has('tickets.internal');

/** The customer, project and equipment of a request must belong together (and to the caller). */
async function checkReferences(
  ctx: Ctx,
  customerId: string,
  projectId?: string | null,
  assetIds: string[] = [],
) {
  await getCustomer(ctx, customerId).catch(() => {
    throw invalidField('customerId', 'no such customer');
  });
  if (projectId) {
    const project = await getProject(ctx, projectId).catch(() => null);
    if (!project || project.customerId !== customerId)
      throw invalidField('projectId', "not one of the customer's projects");
  }
  const assets = [];
  for (const id of assetIds) {
    const asset = await getAsset(ctx, id).catch(() => null);
    if (!asset || asset.customerId !== customerId)
      throw invalidField('assetIds', "not the customer's equipment");
    if (projectId && asset.projectId !== projectId)
      throw invalidField('assetIds', 'equipment of another project');
    assets.push(asset);
  }
  return assets;
}

export async function createTicket(ctx: Ctx, input: TCreateTicketRequest): Promise<TTicket> {
  const customerId = ctx.scope.kind === 'customer' ? ctx.scope.customerId : input.customerId;
  if (!customerId) throw invalidField('customerId', 'required');
  // A customer writes from the portal, or opens a live chat there.
  const channel = isCustomer(ctx)
    ? input.channel === 'chat'
      ? 'chat'
      : 'portal'
    : (input.channel ?? (ctx.principal.tokenId ? 'api' : 'phone'));
  const assets = await checkReferences(ctx, customerId, input.projectId, input.assetIds);
  const projectId = input.projectId ?? assets[0]?.projectId ?? null;
  const route = await routeOf(ctx, input, customerId, projectId, assets);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const number = await nextDocumentNumber(tx, NUMBER_PREFIX[input.kind], now, ctx.timeZone);
    const row = await repo.insertTicket(tx, {
      number,
      kind: input.kind,
      channel,
      priority: input.priority,
      emergency: input.emergency,
      complexity: input.complexity,
      faultCategory: input.faultCategory ?? null,
      customerId,
      contactId: input.contactId ?? null,
      projectId,
      assetIds: input.assetIds,
      subject: input.subject,
      description: input.description,
      team: route.team,
      assigneeId: route.assigneeId,
      status: route.assigneeId ? 'assigned' : 'new',
      attachmentIds: input.attachmentIds,
      createdBy: ctx.principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: row.id,
      after: row,
    });
    const event = {
      customerId,
      projectId,
      kind: `tickets.${input.kind}`,
      summary: `${number} ${input.subject}`,
      details: { number, subject: input.subject },
      refType: 'ticket',
      refId: row.id,
      occurredAt: now,
    };
    await recordArchiveEvents(
      tx,
      ctx,
      assets.length ? assets.map((a) => ({ ...event, assetId: a.id })) : [event],
    );
    // The SLA clock starts now; a ticket routed straight to an engineer is handed over at once.
    await logSla(tx, ctx, row.id, [
      { event: 'status', status: row.status, at: now },
      { event: 'created', at: now },
      ...(route.assigneeId ? [{ event: 'handed_over' as const, at: now }] : []),
    ]);
    await applyPolicy(tx, ctx, row.id);
    await enqueueWebhookEvent(
      tx,
      ctx.db,
      'ticket.created',
      { ticketId: row.id, number, kind: input.kind, customerId, channel, priority: input.priority },
      `ticket-created:${row.id}`,
      now,
    );
    await publishLive(tx, { type: 'ticket', id: row.id, customerId });
    return row.id;
  });
  return toTicket((await repo.findTicket(ctx.db, ctx.scope, id))!);
}

export async function getTicket(ctx: Ctx, id: string): Promise<TTicketDetail> {
  const row = await repo.findTicket(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Ticket');
  const messages = await repo.listMessages(ctx.db, id, seesInternal(ctx));
  // A link may point at another customer's ticket (the same fault elsewhere): customers see only theirs.
  const links = (await repo.linksOf(ctx.db, id)).filter(
    (l) => !isCustomer(ctx) || l.customer_id === row.customerId,
  );
  const sla = await targetsOf(ctx.db, id);
  return {
    ...toTicket(row),
    sla: sla
      .filter((t) => t.state !== 'cancelled')
      .map((t) => ({
        metric: t.metric,
        state: t.state,
        durationMinutes: (t.definition as { durationMinutes: number }).durationMinutes,
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
      kind: l.kind as 'related',
      direction: l.direction as 'in',
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
}

export async function listTickets(
  ctx: Ctx,
  query: {
    queue: repo.TicketFilter['queue'];
    kind?: string;
    status?: string;
    customerId?: string;
    q?: string;
    limit: number;
  },
  after: CursorKey | null,
) {
  const rows = await repo.listTickets(
    ctx.db,
    ctx.scope,
    { ...query, userId: ctx.principal.userId, teams: ctx.principal.roles, now: ctx.clock.now() },
    after,
    query.limit,
  );
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map(toTicket), nextCursor: page.nextCursor };
}

export async function updateTicket(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZUpdateTicketRequest>,
): Promise<TTicketDetail> {
  if (isCustomer(ctx)) throw forbidden();
  const before = await repo.findTicket(ctx.db, ctx.scope, id);
  if (!before) throw notFound('Ticket');
  if (input.status && !canTransition(before.status, input.status)) {
    throw invalidField('status', `cannot go from ${before.status} to ${input.status}`);
  }
  if (input.assigneeId) {
    const user = await repo.findUserName(ctx.db, input.assigneeId);
    if (user?.kind !== 'staff' || user.disabled)
      throw invalidField('assigneeId', 'not an active staff member');
  }
  if (input.projectId !== undefined || input.assetIds) {
    await checkReferences(
      ctx,
      before.customerId,
      input.projectId ?? before.projectId,
      input.assetIds ?? before.assetIds,
    );
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { version, ...changes } = input;
    let status = changes.status;
    // Assigning a new ticket moves it on.
    if (!status && changes.assigneeId && before.status === 'new') status = 'assigned';
    const after = await updateVersioned(tx, tickets, 'Ticket', id, version, {
      ...definedOnly(changes),
      status,
      resolvedAt:
        status === 'resolved' ? now : status && STATUS_CATEGORY[status] === 'open' ? null : undefined,
      closedAt: status === 'closed' ? now : status && STATUS_CATEGORY[status] === 'open' ? null : undefined,
    });
    await writeAudit(tx, ctx, { action: 'ticket.update', entityType: 'ticket', entityId: id, before, after });
    await slaAfterUpdate(tx, ctx, before, after, now);
    await publishLive(tx, { type: 'ticket', id, customerId: before.customerId });
    if (status && status !== before.status) {
      await enqueueWebhookEvent(
        tx,
        ctx.db,
        'ticket.status_changed',
        { ticketId: id, number: before.number, from: before.status, to: status },
        `ticket-status:${id}:${after.version}`,
        now,
      );
      await notifyWatchers(
        tx,
        ctx,
        after,
        'tickets.status-changed',
        { status },
        `status:${id}:${after.version}`,
      );
    }
    if (
      changes.assigneeId &&
      changes.assigneeId !== before.assigneeId &&
      changes.assigneeId !== ctx.principal.userId
    ) {
      await enqueueMessage(
        tx,
        {
          channel: 'in_app',
          recipient: changes.assigneeId,
          template: 'tickets.assigned',
          payload: { ticketId: id, number: before.number, subject: before.subject },
          dedupeKey: `ticket-assigned:${id}:${after.version}`,
        },
        now,
      );
    }
  });
  return getTicket(ctx, id);
}

/** What a change of the ticket means to its SLA: milestones, pauses, and perhaps another policy. */
async function slaAfterUpdate(
  tx: Executor,
  ctx: Ctx,
  before: repo.TicketRow,
  after: typeof tickets.$inferSelect,
  now: Date,
) {
  const statusChanged = after.status !== before.status;
  await logSla(tx, ctx, before.id, [
    ...(statusChanged ? [{ event: 'status' as const, status: after.status, at: now }] : []),
    ...(statusChanged && after.status === 'resolved' ? [{ event: 'resolved' as const, at: now }] : []),
    ...(statusChanged && after.status === 'closed' ? [{ event: 'closed' as const, at: now }] : []),
    ...(after.assigneeId && after.assigneeId !== before.assigneeId
      ? [{ event: 'handed_over' as const, at: now }]
      : []),
  ]);
  const reselect =
    after.priority !== before.priority ||
    after.emergency !== before.emergency ||
    after.complexity !== before.complexity ||
    after.projectId !== before.projectId;
  if (reselect) await applyPolicy(tx, ctx, before.id);
  else await refreshTargets(tx, ctx, before.id);
}

/**
 * A milestone of field work on the ticket (dispatched, arrived on site, …) in the caller's
 * transaction, at the moment it happened; `resolved` also resolves the ticket.
 */
export async function workMilestone(tx: Executor, ctx: Ctx, ticketId: string, event: SlaEvent, at: Date) {
  const [t] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!t) return;
  const entries: Parameters<typeof logSla>[3] = [{ event, at }];
  if (
    event === 'resolved' &&
    (STATUS_CATEGORY[t.status] === 'open' || STATUS_CATEGORY[t.status] === 'waiting')
  ) {
    const after = await updateVersioned(tx, tickets, 'Ticket', t.id, t.version, {
      status: 'resolved',
      resolvedAt: at,
    });
    await writeAudit(tx, ctx, {
      action: 'ticket.update',
      entityType: 'ticket',
      entityId: t.id,
      before: t,
      after,
    });
    entries.unshift({ event: 'status', status: 'resolved', at });
  }
  await logSla(tx, ctx, ticketId, entries);
  await refreshTargets(tx, ctx, ticketId);
  await publishLive(tx, { type: 'ticket', id: ticketId, customerId: t.customerId });
}

/**
 * Records a milestone the SLA counts (diagnosed, dispatched, arrived on site…), at the moment it
 * happened: not in the future, not before the ticket was opened.
 */
export async function recordMilestone(
  ctx: Ctx,
  id: string,
  input: { event: (typeof MANUAL_SLA_EVENTS)[number]; at?: string },
): Promise<TTicketDetail> {
  const ticket = await staffTicket(ctx, id);
  const now = ctx.clock.now();
  const at = input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + 60_000) throw invalidField('at', 'cannot be in the future');
  if (at < ticket.createdAt) throw invalidField('at', 'before the ticket was opened');
  await ctx.db.transaction(async (tx) => {
    await workMilestone(tx, ctx, id, input.event, at);
    await writeAudit(tx, ctx, {
      action: 'ticket.milestone',
      entityType: 'ticket',
      entityId: id,
      after: { event: input.event, at },
    });
  });
  return getTicket(ctx, id);
}

export async function addMessage(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZCreateMessageRequest>,
): Promise<TTicketDetail> {
  const ticket = await repo.findTicket(ctx.db, ctx.scope, id);
  if (!ticket) throw notFound('Ticket');
  const kind = isCustomer(ctx) ? 'customer_message' : input.kind;
  if (!isCustomer(ctx) && kind === 'customer_message')
    throw invalidField('kind', 'staff write public replies or internal notes');
  await appendMessage(ctx, ticket, kind, input.body, input.attachmentIds, null);
  return getTicket(ctx, id);
}

/** Adds a message to a ticket (from the screen or from an email) with its consequences. */
export async function appendMessage(
  ctx: Ctx,
  ticket: repo.TicketRow,
  kind: 'public_reply' | 'customer_message' | 'internal_note',
  body: string,
  attachmentIds: string[],
  emailMessageId: string | null,
) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // The mails of the thread so far (before this message): our reply answers the last of them.
    const thread = kind === 'public_reply' ? await repo.threadMessageIds(tx, ticket.id) : [];
    const messageId = randomUUID();
    const dedupeKey = `ticket-reply:${messageId}`;
    const message = await repo.insertMessage(tx, {
      id: messageId,
      ticketId: ticket.id,
      customerId: ticket.customerId,
      kind,
      authorId: ctx.principal.userId,
      authorLabel: ctx.principal.displayName,
      body,
      attachmentIds,
      emailMessageId: emailMessageId ?? (kind === 'public_reply' ? outboxMessageId(dedupeKey) : null),
      createdAt: now,
    });
    // A customer answering a ticket that waits on them puts it back in progress; so does a reply
    // to a resolved one (reopened until satisfied).
    const reopen =
      kind === 'customer_message' &&
      (ticket.status === 'waiting_customer' || ticket.status === 'resolved' || ticket.status === 'closed');
    if (reopen)
      await updateVersioned(tx, tickets, 'Ticket', ticket.id, ticket.version, {
        status: 'in_progress',
        resolvedAt: null,
        closedAt: null,
      });
    if (reopen || kind === 'public_reply') {
      await logSla(tx, ctx, ticket.id, [
        ...(reopen ? [{ event: 'status' as const, status: 'in_progress' as const, at: now }] : []),
        ...(kind === 'public_reply' ? [{ event: 'first_public_reply' as const, at: now }] : []),
      ]);
      await refreshTargets(tx, ctx, ticket.id);
    }
    await writeAudit(tx, ctx, {
      action: `ticket.${kind}`,
      entityType: 'ticket',
      entityId: ticket.id,
      after: { messageId: message.id },
    });
    await publishLive(tx, { type: 'ticket', id: ticket.id, customerId: ticket.customerId });
    if (kind !== 'internal_note') {
      await notifyWatchers(tx, ctx, ticket, 'tickets.new-message', { kind }, `message:${message.id}`);
    }
    if (kind === 'customer_message' && ticket.assigneeId) {
      await enqueueMessage(
        tx,
        {
          channel: 'in_app',
          recipient: ticket.assigneeId,
          template: 'tickets.customer-message',
          payload: { ticketId: ticket.id, number: ticket.number, subject: ticket.subject },
          dedupeKey: `ticket-message:${message.id}`,
        },
        now,
      );
    }
    if (kind === 'public_reply') {
      // To the ticket's contact when we know their address, else to the customer's.
      const contactEmail = ticket.contactId ? await repo.contactEmail(tx, ticket.contactId) : null;
      const customer = await getCustomer(ctx, ticket.customerId);
      const to = contactEmail ?? customer.contactEmail;
      if (to) {
        await enqueueMessage(
          tx,
          {
            channel: 'email',
            recipient: to,
            template: 'tickets.public-reply',
            payload: {
              subject: `[${ticket.number}] ${ticket.subject}`,
              text: body,
              ticketId: ticket.id,
              inReplyTo: thread.at(-1) ?? undefined,
              references: thread,
              replyToken: ticket.replyToken,
            },
            dedupeKey,
          },
          now,
        );
      }
    }
  });
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

/** Assigns several tickets at once; each is checked and audited like a single assignment. */
export async function bulkAssign(ctx: Ctx, input: { ticketIds: string[]; assigneeId: string }) {
  if (isCustomer(ctx)) throw forbidden();
  const results: { id: string; ok: boolean; error?: string }[] = [];
  for (const id of input.ticketIds) {
    const ticket = await repo.findTicket(ctx.db, ctx.scope, id);
    if (!ticket) {
      results.push({ id, ok: false, error: 'not found' });
      continue;
    }
    try {
      await updateTicket(ctx, id, { version: ticket.version, assigneeId: input.assigneeId });
      results.push({ id, ok: true });
    } catch (err) {
      results.push({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { assigned: results.filter((r) => r.ok).length, results };
}

/** The facts routing rules look at: kind, fault category, product categories, region. */
async function routeOf(
  ctx: Ctx,
  input: TCreateTicketRequest,
  customerId: string,
  projectId: string | null,
  assets: { productId: string }[],
) {
  const staffCtx = { ...ctx, scope: { kind: 'all' as const } };
  const categories: string[] = [];
  for (const productId of new Set(assets.map((a) => a.productId))) {
    // A rule's product condition names a product category or a model.
    const product = await getProduct(staffCtx, productId);
    categories.push(product.category, product.model);
  }
  const region = projectId
    ? (await getProject(staffCtx, projectId)).region
    : (await getCustomer(staffCtx, customerId)).region;
  return routeTicket(await repo.listRoutingRules(ctx.db), {
    kind: input.kind,
    faultCategory: input.faultCategory ?? null,
    productCategories: categories,
    region: region ?? null,
  });
}

// ---------- routing rules (admin) ----------
export interface RoutingRuleInput {
  position: number;
  kind: TCreateTicketRequest['kind'] | null;
  faultCategory: string | null;
  productCategory: string | null;
  region: string | null;
  team: string;
  assigneeId: string | null;
  active: boolean;
}

function toRule(r: Awaited<ReturnType<typeof repo.listRoutingRules>>[number]) {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

export async function listRoutingRules(ctx: Ctx) {
  return (await repo.listRoutingRules(ctx.db)).map(toRule);
}

export async function createRoutingRule(ctx: Ctx, input: RoutingRuleInput) {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertRoutingRule(tx, input);
    await writeAudit(tx, ctx, {
      action: 'routing-rule.create',
      entityType: 'routing_rule',
      entityId: row.id,
      after: row,
    });
    return toRule(row);
  });
}

export async function updateRoutingRule(
  ctx: Ctx,
  id: string,
  input: Partial<RoutingRuleInput> & { version: number },
) {
  return ctx.db.transaction(async (tx) => {
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, routingRules, 'Routing rule', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'routing-rule.update',
      entityType: 'routing_rule',
      entityId: id,
      after,
    });
    return toRule(after);
  });
}

export async function deleteRoutingRule(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.deleteRoutingRule(tx, id);
    if (!before) throw notFound('Routing rule');
    await writeAudit(tx, ctx, {
      action: 'routing-rule.delete',
      entityType: 'routing_rule',
      entityId: id,
      before,
    });
  });
}

// ---------- links, merge and split ----------
async function staffTicket(ctx: Ctx, id: string, field = 'id') {
  if (isCustomer(ctx)) throw forbidden();
  const t = await repo.findTicket(ctx.db, ctx.scope, id);
  if (!t) throw field === 'id' ? notFound('Ticket') : invalidField(field, 'no such ticket');
  return t;
}

export async function linkTickets(ctx: Ctx, id: string, linkedId: string) {
  const a = await staffTicket(ctx, id);
  const b = await staffTicket(ctx, linkedId, 'linkedId');
  if (a.id === b.id) throw invalidField('linkedId', 'a ticket cannot link to itself');
  await ctx.db.transaction(async (tx) => {
    await repo.insertLink(tx, a.id, b.id, 'related');
    await writeAudit(tx, ctx, {
      action: 'ticket.link',
      entityType: 'ticket',
      entityId: a.id,
      after: { linkedId: b.id },
    });
  });
  return getTicket(ctx, id);
}

/** Merges a duplicate into another ticket of the same customer: the duplicate is closed and linked. */
export async function mergeTicket(ctx: Ctx, id: string, input: { intoId: string; version: number }) {
  const dup = await staffTicket(ctx, id);
  const into = await staffTicket(ctx, input.intoId, 'intoId');
  if (dup.id === into.id) throw invalidField('intoId', 'a ticket cannot merge into itself');
  if (dup.customerId !== into.customerId)
    throw invalidField('intoId', 'tickets of different customers cannot be merged');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await updateVersioned(tx, tickets, 'Ticket', dup.id, input.version, { status: 'closed', closedAt: now });
    await logSla(tx, ctx, dup.id, [
      { event: 'status', status: 'closed', at: now },
      { event: 'closed', at: now },
    ]);
    await refreshTargets(tx, ctx, dup.id);
    await repo.insertLink(tx, dup.id, into.id, 'duplicate_of');
    for (const [ticketId, body] of [
      [dup.id, `Merged into ${into.number} as a duplicate.`],
      [into.id, `${dup.number} was merged into this ticket: ${dup.subject}`],
    ] as const) {
      await repo.insertMessage(tx, {
        ticketId,
        customerId: dup.customerId,
        kind: 'internal_note',
        authorId: ctx.principal.userId,
        authorLabel: ctx.principal.displayName,
        body,
        createdAt: now,
      });
    }
    await writeAudit(tx, ctx, {
      action: 'ticket.merge',
      entityType: 'ticket',
      entityId: dup.id,
      after: { intoId: into.id },
    });
    await publishLive(tx, { type: 'ticket', id: dup.id, customerId: dup.customerId });
    await publishLive(tx, { type: 'ticket', id: into.id, customerId: into.customerId });
  });
  return getTicket(ctx, into.id);
}

/** Splits a part of a request into a new ticket of the same customer, linked to the original. */
export async function splitTicket(
  ctx: Ctx,
  id: string,
  input: { subject: string; description: string; kind?: TCreateTicketRequest['kind'] },
) {
  const source = await staffTicket(ctx, id);
  const created = await createTicket(ctx, {
    kind: input.kind ?? source.kind,
    customerId: source.customerId,
    contactId: source.contactId,
    projectId: source.projectId,
    assetIds: [],
    channel: source.channel,
    priority: source.priority,
    emergency: source.emergency,
    complexity: source.complexity,
    faultCategory: source.faultCategory,
    subject: input.subject,
    description: input.description,
    attachmentIds: [],
  });
  await ctx.db.transaction(async (tx) => {
    await repo.insertLink(tx, created.id, source.id, 'split_from');
    await writeAudit(tx, ctx, {
      action: 'ticket.split',
      entityType: 'ticket',
      entityId: source.id,
      after: { newId: created.id },
    });
  });
  return getTicket(ctx, created.id);
}

/** In-app notes to the ticket's watchers (not to whoever made the change). */
async function notifyWatchers(
  tx: Executor,
  ctx: Ctx,
  ticket: { id: string; number: string; subject: string; watcherIds: string[] },
  template: string,
  extra: Record<string, unknown>,
  key: string,
) {
  for (const userId of ticket.watcherIds) {
    if (userId === ctx.principal.userId) continue;
    await enqueueMessage(
      tx,
      {
        channel: 'in_app',
        recipient: userId,
        template,
        payload: { ticketId: ticket.id, number: ticket.number, subject: ticket.subject, ...extra },
        dedupeKey: `watch:${key}:${userId}`,
      },
      ctx.clock.now(),
    );
  }
}

/** Follow or stop following a ticket. */
export async function toggleWatch(ctx: Ctx, id: string, watch: boolean) {
  if (isCustomer(ctx) || !ctx.principal.userId) throw forbidden();
  const ticket = await repo.findTicket(ctx.db, ctx.scope, id);
  if (!ticket) throw notFound('Ticket');
  const me = ctx.principal.userId;
  const watcherIds = watch
    ? [...new Set([...ticket.watcherIds, me])]
    : ticket.watcherIds.filter((w) => w !== me);
  await repo.setWatchers(ctx.db, id, watcherIds);
  return getTicket(ctx, id);
}

// ---------- saved filters ----------
export async function listSavedFilters(ctx: Ctx) {
  if (!ctx.principal.userId) return [];
  return (await repo.listSavedFilters(ctx.db, ctx.principal.userId)).map((f) => ({
    id: f.id,
    name: f.name,
    query: f.query as Record<string, string>,
  }));
}

export async function saveFilter(ctx: Ctx, input: { name: string; query: Record<string, string> }) {
  if (!ctx.principal.userId) throw forbidden();
  const row = await repo.upsertSavedFilter(ctx.db, ctx.principal.userId, input.name, input.query);
  return { id: row.id, name: row.name, query: row.query as Record<string, string> };
}

export async function deleteSavedFilter(ctx: Ctx, id: string) {
  if (!ctx.principal.userId || !(await repo.deleteSavedFilter(ctx.db, ctx.principal.userId, id)))
    throw notFound('Saved filter');
}

/** Every field change of a ticket, from the audit log (staff only). */
export async function ticketHistory(ctx: Ctx, id: string) {
  if (isCustomer(ctx)) throw notFound('Ticket');
  const ticket = await repo.findTicket(ctx.db, ctx.scope, id);
  if (!ticket) throw notFound('Ticket');
  const FIELDS = [
    'status',
    'priority',
    'emergency',
    'complexity',
    'faultCategory',
    'team',
    'assigneeId',
    'tags',
    'projectId',
    'assetIds',
    'watcherIds',
  ];
  return (await repo.auditOfTicket(ctx.db, id)).map((a) => {
    const before = (a.before ?? {}) as Record<string, unknown>;
    const after = (a.after ?? {}) as Record<string, unknown>;
    const changes =
      a.action === 'ticket.update'
        ? FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => ({
            field: f,
            from: before[f] ?? null,
            to: after[f] ?? null,
          }))
        : [];
    return { at: a.at.toISOString(), actor: a.actorLabel, action: a.action, changes };
  });
}
