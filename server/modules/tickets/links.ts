// Links between tickets: related, a duplicate merged into another, a part split off into a new one.
import type { TCreateTicketRequest } from '../../../common/tickets-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { staffTicket } from './access.ts';
import * as repo from './repository.ts';
import { tickets } from './schema.ts';
import { createTicket } from './service.ts';
import { recordSla } from './sla-summary.ts';
import { getTicket } from './ticket-view.ts';

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
    await recordSla(tx, ctx, dup, [
      { event: 'status', status: 'closed', at: now },
      { event: 'closed', at: now },
    ]);
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
    contactPhone: source.contactPhone,
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
