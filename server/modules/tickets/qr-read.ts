// What the labels module (scan to report, 扫码报修) asks of tickets: the open ticket of a piece of
// equipment (a second report joins it) and adding the reporter's words to it as a customer message.
import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { appendMessage } from './conversation.ts';
import * as repo from './repository.ts';
import { tickets } from './schema.ts';

/** The newest ticket on the asset that is not resolved or closed, if any. */
export async function openTicketOfAsset(
  ctx: Ctx,
  assetId: string,
): Promise<{ id: string; number: string } | null> {
  const [row] = await ctx.db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(
      and(
        sql`${tickets.assetIds} @> array[${assetId}]::uuid[]`,
        notInArray(tickets.status, ['resolved', 'closed']),
      ),
    )
    .orderBy(desc(tickets.createdAt))
    .limit(1);
  return row ?? null;
}

/** A reporter's message on a ticket (a duplicate report), as the customer's own words. */
export async function addReporterMessage(ctx: Ctx, ticketId: string, body: string, attachmentIds: string[]) {
  const ticket = await repo.findTicket(ctx.db, { kind: 'all', workerId: null }, ticketId);
  if (!ticket) throw notFound('Ticket');
  await appendMessage(ctx, ticket, 'customer_message', body, attachmentIds, null);
}

/** The customer of a ticket (the tracking page checks the link against it). */
export async function ticketStatusOf(ctx: Ctx, ticketId: string) {
  const [row] = await ctx.db
    .select({ status: tickets.status, closedAt: tickets.closedAt, customerId: tickets.customerId })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  return row ?? null;
}
