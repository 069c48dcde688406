// Tickets use cases: register a request from any channel, route it, move it through its statuses,
// and record it in the service archive of the equipment. The conversation, links and watchers have
// their own files; reads are in ticket-view.ts.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { MANUAL_SLA_EVENTS, SlaEvent } from '../../../common/sla-rules.ts';
import { canTransition, NUMBER_PREFIX, STATUS_CATEGORY } from '../../../common/ticket-rules.ts';
import type {
  TCreateTicketRequest,
  TTicket,
  TTicketDetail,
  ZUpdateTicketRequest,
} from '../../../common/tickets-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import { assertReferences } from '../../platform/references.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { findActiveStaff } from '../accounts/index.ts';
import { enqueueWebhookEvent, sendNotices } from '../notifications/index.ts';
import { getAsset, getCustomer, getProject, recordArchiveEvents } from '../registry/index.ts';
import { type SlaLogEntry, slaSummaryOf, startSla } from '../sla/index.ts';
import { isCustomer, staffTicket, ticketScope } from './access.ts';
import * as repo from './repository.ts';
import { resolutionMarks } from './resolution-marks.ts';
import { routeOf } from './routing.ts';
import { tickets } from './schema.ts';
import { recordSla } from './sla-summary.ts';
import { getTicket, toTickets } from './ticket-view.ts';
import { notifyWatchers } from './watchers.ts';

// The email intake adds messages through this module's service.
export { appendMessage } from './conversation.ts';

/**
 * The customer, project and equipment of a request must belong together (and to the caller). Each
 * is read once; the caller keeps what it needs of them (names, regions).
 */
async function checkReferences(
  ctx: Ctx,
  customerId: string,
  projectId?: string | null,
  assetIds: string[] = [],
) {
  const customer = await getCustomer(ctx, customerId).catch(() => {
    throw invalidField('customerId', 'no such customer');
  });
  let project: Awaited<ReturnType<typeof getProject>> | null = null;
  if (projectId) {
    project = await getProject(ctx, projectId).catch(() => null);
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
  return { customer, project, assets };
}

/**
 * Registers a request: everything is read before the transaction, once; the transaction writes the
 * SLA log and targets, the live notice and then, last, takes the ticket's number in the same statement
 * that inserts it, so the series' counter row stays locked only for the rows that carry the number
 * (ticket, audit, archive, webhook outbox) and the commit. Nothing written is read back.
 */
export async function createTicket(ctx: Ctx, input: TCreateTicketRequest): Promise<TTicket> {
  const customerId = ctx.scope.kind === 'customer' ? ctx.scope.customerId : input.customerId;
  if (!customerId) throw invalidField('customerId', 'required');
  // A customer writes from the portal, or opens a live chat there.
  const channel = isCustomer(ctx)
    ? input.channel === 'chat'
      ? 'chat'
      : 'portal'
    : (input.channel ?? (ctx.principal.tokenId ? 'api' : 'phone'));
  const refs = await checkReferences(ctx, customerId, input.projectId, input.assetIds);
  const { customer, assets } = refs;
  await assertReferences(ctx, customerId, [
    { field: 'contactId', kind: 'contact', ids: input.contactId },
    { field: 'attachmentIds', kind: 'file', ids: input.attachmentIds },
  ]);
  const projectId = input.projectId ?? assets[0]?.projectId ?? null;
  // The project of the equipment, when the request named none, is read here once.
  const project =
    refs.project ?? (projectId ? await getProject({ ...ctx, scope: { kind: 'all' } }, projectId) : null);
  // Routing looks at the project's region when there is a project; SLA policies at the project's,
  // falling back to the customer's.
  const route = await routeOf(ctx, input, customerId, projectId, assets, {
    region: project ? project.region : customer.region,
  });
  const now = ctx.clock.now();
  const id = randomUUID();
  const status = route.assigneeId ? ('assigned' as const) : ('new' as const);
  const facts = {
    id,
    kind: input.kind,
    priority: input.priority,
    emergency: input.emergency,
    complexity: input.complexity,
    customerId,
    projectId,
  };
  const row = await ctx.db.transaction(async (tx) => {
    // The SLA clock starts now; a ticket routed straight to an engineer is handed over at once.
    const targets = await startSla(tx, ctx, facts, project?.region || customer.region || null, [
      { event: 'status', status, at: now },
      { event: 'created', at: now },
      ...(route.assigneeId ? [{ event: 'handed_over' as const, at: now }] : []),
    ]);
    // pg_notify is delivered at commit: announcing before the number is taken costs no lock time.
    await publishLive(tx, { type: 'ticket', id, customerId, assigneeId: route.assigneeId });
    const row = await repo.insertNumberedTicket(tx, NUMBER_PREFIX[input.kind], now, ctx.timeZone, {
      id,
      kind: input.kind,
      channel,
      priority: input.priority,
      emergency: input.emergency,
      complexity: input.complexity,
      faultCategory: input.faultCategory ?? null,
      customerId,
      contactId: input.contactId ?? null,
      contactPhone: input.contactPhone ?? null,
      projectId,
      assetIds: input.assetIds,
      subject: input.subject,
      description: input.description,
      team: route.team,
      assigneeId: route.assigneeId,
      status,
      attachmentIds: input.attachmentIds,
      createdBy: ctx.principal.userId,
      createdAt: now,
      updatedAt: now,
      // The lists' SLA summary, of the targets just started.
      ...slaSummaryOf(targets),
    });
    const number = row.number;
    await writeAudit(tx, ctx, {
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: id,
      after: row,
    });
    const event = {
      customerId,
      projectId,
      kind: `tickets.${input.kind}`,
      summary: `${number} ${input.subject}`,
      details: { number, subject: input.subject },
      refType: 'ticket',
      refId: id,
      occurredAt: now,
    };
    await recordArchiveEvents(
      tx,
      ctx,
      assets.length ? assets.map((a) => ({ ...event, assetId: a.id })) : [event],
    );
    await enqueueWebhookEvent(
      tx,
      ctx.db,
      'ticket.created',
      { ticketId: id, number, kind: input.kind, customerId, channel, priority: input.priority },
      `ticket-created:${id}`,
      now,
    );
    return row;
  });
  // The answer is built from what was written (the creator gets it back even when it otherwise reads
  // only its own work).
  const [created] = await toTickets(ctx.db, [{ ...row, customerName: customer.name }]);
  return created!;
}

export type TicketChanges = Omit<z.infer<typeof ZUpdateTicketRequest>, 'version'>;

export async function updateTicket(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZUpdateTicketRequest>,
): Promise<TTicketDetail> {
  if (isCustomer(ctx)) throw forbidden();
  const before = await repo.findTicket(ctx.db, ticketScope(ctx), id);
  if (!before) throw notFound('Ticket');
  if (input.status && !canTransition(before.status, input.status)) {
    throw invalidField('status', `cannot go from ${before.status} to ${input.status}`);
  }
  if (input.assigneeId && !(await findActiveStaff(ctx.db, input.assigneeId)))
    throw invalidField('assigneeId', 'not an active staff member');
  if (input.projectId !== undefined || input.assetIds) {
    await checkReferences(
      ctx,
      before.customerId,
      input.projectId ?? before.projectId,
      input.assetIds ?? before.assetIds,
    );
  }
  // The caller must be one of the ticket's customer's contacts (422 naming contactId otherwise).
  await assertReferences(ctx, before.customerId, [
    { field: 'contactId', kind: 'contact', ids: input.contactId },
  ]);
  const { version, ...changes } = input;
  await ctx.db.transaction((tx) => changeTicket(tx, ctx, before, version, changes));
  return getTicket(ctx, id);
}

/**
 * Applies a checked change to a ticket in the caller's transaction, with its consequences: version,
 * audit (with the reason of a change nobody typed, e.g. an SLA escalation), SLA log, live update,
 * webhooks and notes to the watchers and the new assignee.
 */
export async function changeTicket(
  tx: Executor,
  ctx: Ctx,
  before: repo.TicketRow,
  version: number,
  changes: TicketChanges,
  reason?: string,
) {
  const now = ctx.clock.now();
  const id = before.id;
  let status = changes.status;
  // Assigning a new ticket moves it on.
  if (!status && changes.assigneeId && before.status === 'new') status = 'assigned';
  const after = await updateVersioned(tx, tickets, 'Ticket', id, version, {
    ...definedOnly(changes),
    status,
    resolvedAt: status === 'resolved' ? now : status && STATUS_CATEGORY[status] === 'open' ? null : undefined,
    closedAt: status === 'closed' ? now : status && STATUS_CATEGORY[status] === 'open' ? null : undefined,
    ...resolutionMarks(before, status, now),
  });
  await writeAudit(tx, ctx, {
    action: 'ticket.update',
    entityType: 'ticket',
    entityId: id,
    before,
    after: reason ? { ...after, reason } : after,
  });
  await slaAfterUpdate(tx, ctx, before, after, now);
  await publishLive(tx, { type: 'ticket', id, customerId: before.customerId, assigneeId: after.assigneeId });
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
    await sendNotices(tx, ctx, [
      {
        kind: 'tickets.assigned',
        userIds: [changes.assigneeId],
        payload: { ticketId: id, number: before.number, subject: before.subject },
        render: (locale) => {
          const line = locale.startsWith('en')
            ? `Ticket ${before.number} was assigned to you: ${before.subject}`
            : `工单 ${before.number}「${before.subject}」已分派给你`;
          return { subject: line, text: line };
        },
        dedupeKey: `ticket-assigned:${id}:${after.version}`,
      },
    ]);
  }
  return after;
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
  await recordSla(
    tx,
    ctx,
    after,
    [
      ...(statusChanged ? [{ event: 'status' as const, status: after.status, at: now }] : []),
      ...(statusChanged && after.status === 'resolved' ? [{ event: 'resolved' as const, at: now }] : []),
      ...(statusChanged && after.status === 'closed' ? [{ event: 'closed' as const, at: now }] : []),
      ...(after.assigneeId && after.assigneeId !== before.assigneeId
        ? [{ event: 'handed_over' as const, at: now }]
        : []),
    ],
    {
      reselect:
        after.priority !== before.priority ||
        after.emergency !== before.emergency ||
        after.complexity !== before.complexity ||
        after.projectId !== before.projectId,
    },
  );
}

/**
 * A milestone of field work on the ticket (dispatched, arrived on site, …) in the caller's
 * transaction, at the moment it happened; `resolved` also resolves the ticket.
 */
export async function workMilestone(tx: Executor, ctx: Ctx, ticketId: string, event: SlaEvent, at: Date) {
  const t = await repo.lockTicket(tx, ticketId);
  if (!t) return;
  const entries: SlaLogEntry[] = [{ event, at }];
  if (
    event === 'resolved' &&
    (STATUS_CATEGORY[t.status] === 'open' || STATUS_CATEGORY[t.status] === 'waiting')
  ) {
    const after = await updateVersioned(tx, tickets, 'Ticket', t.id, t.version, {
      status: 'resolved',
      resolvedAt: at,
      ...resolutionMarks(t, 'resolved', at),
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
  await recordSla(tx, ctx, t, entries);
  await publishLive(tx, { type: 'ticket', id: ticketId, customerId: t.customerId, assigneeId: t.assigneeId });
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

/** Assigns several tickets at once; each is checked and audited like a single assignment. */
export async function bulkAssign(ctx: Ctx, input: { ticketIds: string[]; assigneeId: string }) {
  if (isCustomer(ctx)) throw forbidden();
  const results: { id: string; ok: boolean; error?: string }[] = [];
  for (const id of input.ticketIds) {
    const ticket = await repo.findTicket(ctx.db, ticketScope(ctx), id);
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
