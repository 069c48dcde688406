// Watchers: staff who follow a ticket and hear of its changes in the app.
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { isCustomer, ticketScope } from './access.ts';
import * as repo from './repository.ts';
import { getTicket } from './ticket-view.ts';

/** In-app notes to the ticket's watchers (not to whoever made the change). */
export async function notifyWatchers(
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
  const ticket = await repo.findTicket(ctx.db, ticketScope(ctx), id);
  if (!ticket) throw notFound('Ticket');
  const me = ctx.principal.userId;
  const watcherIds = watch
    ? [...new Set([...ticket.watcherIds, me])]
    : ticket.watcherIds.filter((w) => w !== me);
  await repo.setWatchers(ctx.db, id, watcherIds);
  return getTicket(ctx, id);
}
