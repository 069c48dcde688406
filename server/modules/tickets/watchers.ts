// Watchers: staff who follow a ticket and hear of its changes in the app.
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { sendNotices } from '../notifications/index.ts';
import { isCustomer, ticketScope } from './access.ts';
import * as repo from './repository.ts';
import { getTicket } from './ticket-view.ts';

const WATCH_TEXT = {
  'tickets.new-message': { en: 'New message on ticket', zh: '有新消息：工单' },
  'tickets.status-changed': { en: 'Status changed on ticket', zh: '状态已更新：工单' },
} as const;

/** Notes to the ticket's watchers (not to whoever made the change), on the channels each chose. */
export async function notifyWatchers(
  tx: Executor,
  ctx: Ctx,
  ticket: { id: string; number: string; subject: string; watcherIds: string[] },
  kind: keyof typeof WATCH_TEXT,
  extra: Record<string, unknown>,
  key: string,
) {
  const userIds = ticket.watcherIds.filter((id) => id !== ctx.principal.userId);
  if (!userIds.length) return;
  const words = WATCH_TEXT[kind];
  await sendNotices(tx, ctx, [
    {
      kind,
      userIds,
      payload: { ticketId: ticket.id, number: ticket.number, subject: ticket.subject, ...extra },
      render: (locale) => {
        const line = locale.startsWith('en')
          ? `${words.en} ${ticket.number}: ${ticket.subject}`
          : `${words.zh} ${ticket.number}「${ticket.subject}」`;
        return { subject: line, text: line };
      },
      dedupeKey: `watch:${key}`,
    },
  ]);
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
