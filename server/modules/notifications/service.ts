// In-app notifications: the in_app channel of the outbox lands here, one row per message; each user
// reads only their own.
import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, unauthorized } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import type { DeliveredMessage } from '../../platform/outbox.ts';
import { notifications } from '../../platform/schema.ts';

/** The in_app sender of the outbox worker; a redelivered message is not stored twice. */
export async function deliverInApp(db: Db, message: DeliveredMessage, at: Date): Promise<void> {
  const stored = await db
    .insert(notifications)
    .values({
      userId: message.recipient,
      outboxId: BigInt(message.id),
      template: message.template,
      payload: message.payload,
      createdAt: at,
    })
    .onConflictDoNothing({ target: notifications.outboxId })
    .returning({ id: notifications.id });
  // The bell of that user (and only theirs) updates at once.
  if (stored[0])
    await publishLive(db, {
      type: 'notification',
      id: stored[0].id,
      customerId: null,
      userId: message.recipient,
    });
}

const userOf = (ctx: Ctx) => {
  if (!ctx.principal.userId) throw unauthorized('Notifications belong to users');
  return ctx.principal.userId;
};

export async function listNotifications(
  ctx: Ctx,
  query: { unread?: boolean; before?: string; limit: number },
) {
  const userId = userOf(ctx);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        query.unread ? isNull(notifications.readAt) : undefined,
        query.before ? lt(notifications.createdAt, new Date(query.before)) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt))
    .limit(query.limit);
  const [unread] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return {
    unread: unread?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      template: r.template,
      payload: r.payload,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
  };
}

export async function markRead(ctx: Ctx, id: string | 'all') {
  const userId = userOf(ctx);
  const now = ctx.clock.now();
  if (id === 'all') {
    await ctx.db
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return;
  }
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now})` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (!rows.length) throw notFound('Notification');
}
