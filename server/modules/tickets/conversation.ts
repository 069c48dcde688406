// The conversation of a ticket: public replies (emailed to the customer), customer messages (from
// the portal or by email) and internal notes among staff, never shown to customers.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { TTicketDetail, ZCreateMessageRequest } from '../../../common/tickets-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import { enqueueMessage, outboxMessageId } from '../../platform/outbox.ts';
import { assertReferences } from '../../platform/references.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { sendNotices } from '../notifications/index.ts';
import { contactEmailOf, getCustomer } from '../registry/index.ts';
import { isCustomer, ticketScope } from './access.ts';
import * as repo from './repository.ts';
import { resolutionMarks } from './resolution-marks.ts';
import { tickets } from './schema.ts';
import { recordSla } from './sla-summary.ts';
import { getTicket } from './ticket-view.ts';
import { notifyWatchers } from './watchers.ts';

export async function addMessage(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZCreateMessageRequest>,
): Promise<TTicketDetail> {
  const ticket = await repo.findTicket(ctx.db, ticketScope(ctx), id);
  if (!ticket) throw notFound('Ticket');
  const kind = isCustomer(ctx) ? 'customer_message' : input.kind;
  if (!isCustomer(ctx) && kind === 'customer_message')
    throw invalidField('kind', 'staff write public replies or internal notes');
  await assertReferences(ctx, ticket.customerId, [
    { field: 'attachmentIds', kind: 'file', ids: input.attachmentIds },
  ]);
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
        ...resolutionMarks(ticket, 'in_progress', now),
      });
    if (reopen || kind === 'public_reply') {
      await recordSla(tx, ctx, ticket, [
        ...(reopen ? [{ event: 'status' as const, status: 'in_progress' as const, at: now }] : []),
        ...(kind === 'public_reply' ? [{ event: 'first_public_reply' as const, at: now }] : []),
      ]);
    }
    await writeAudit(tx, ctx, {
      action: `ticket.${kind}`,
      entityType: 'ticket',
      entityId: ticket.id,
      after: { messageId: message.id },
    });
    await publishLive(tx, {
      type: 'ticket',
      id: ticket.id,
      customerId: ticket.customerId,
      assigneeId: ticket.assigneeId,
    });
    if (kind !== 'internal_note') {
      await notifyWatchers(tx, ctx, ticket, 'tickets.new-message', { kind }, `message:${message.id}`);
    }
    if (kind === 'customer_message' && ticket.assigneeId) {
      await sendNotices(tx, ctx, [
        {
          kind: 'tickets.customer-message',
          userIds: [ticket.assigneeId],
          payload: { ticketId: ticket.id, number: ticket.number, subject: ticket.subject },
          render: (locale) =>
            locale.startsWith('en')
              ? { subject: `Customer message on ticket ${ticket.number}`, text: body }
              : { subject: `客户在工单 ${ticket.number} 中留言`, text: body },
          dedupeKey: `ticket-message:${message.id}`,
        },
      ]);
    }
    if (kind === 'public_reply') {
      // To the ticket's contact when we know their address, else to the customer's.
      const contactEmail = ticket.contactId ? await contactEmailOf(tx, ticket.contactId) : null;
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
