// Webhooks: an event is queued in the outbox once per subscribed webhook, in the transaction of the
// change; the outbox worker POSTs it signed with HMAC-SHA256 over "<timestamp>.<body>", so the
// receiver can check origin and freshness. Failures are retried with backoff by the outbox.
// `occurredAt` is the moment of the change (stored with the queued event), the same on every retry;
// `deliveredAt` (and X-Aftercare-Delivery-Time) is the moment of this attempt.
import { createHmac, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import { configCache } from '../../platform/config-cache.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { type DeliveredMessage, enqueueMessage } from '../../platform/outbox.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { webhooks } from './schema.ts';

export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.status_changed',
  'sla.warning',
  'sla.breached',
  'sla.escalation',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookInput {
  name: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
}

const view = (w: typeof webhooks.$inferSelect) => ({
  id: w.id,
  name: w.name,
  url: w.url,
  events: w.events,
  active: w.active,
  version: w.version,
  // The secret is shown once, when the webhook is created.
  secretHint: `${w.secret.slice(0, 6)}…`,
});

export async function listWebhooks(ctx: Ctx) {
  return (await ctx.db.select().from(webhooks).orderBy(asc(webhooks.name))).map(view);
}

export async function createWebhook(ctx: Ctx, input: WebhookInput) {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return subscriptions.change(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({ ...input, secret })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: row!.id,
      after: row,
    });
    return { ...view(row!), secret };
  });
}

export async function updateWebhook(
  ctx: Ctx,
  id: string,
  input: Partial<WebhookInput> & { version: number },
) {
  return subscriptions.change(ctx.db, async (tx) => {
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, webhooks, 'Webhook', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, { action: 'webhook.update', entityType: 'webhook', entityId: id, after });
    return view(after);
  });
}

export async function deleteWebhook(ctx: Ctx, id: string) {
  await subscriptions.change(ctx.db, async (tx) => {
    const [row] = await tx.delete(webhooks).where(eq(webhooks.id, id)).returning();
    if (!row) throw notFound('Webhook');
    await writeAudit(tx, ctx, { action: 'webhook.delete', entityType: 'webhook', entityId: id, before: row });
  });
}

/** Queues the event for every active webhook subscribed to it (same transaction as the change). */
/** Active subscriptions, read on every ticket change, cached briefly (see config-cache.ts). */
const subscriptions = configCache((tx) =>
  tx.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(eq(webhooks.active, true)),
);

export async function enqueueWebhookEvent(
  tx: Executor,
  db: Db,
  event: WebhookEvent,
  data: Record<string, unknown>,
  dedupeKey: string,
  at: Date,
) {
  const subscribed = (await subscriptions.get(db, tx)).filter((w) => w.events.includes(event));
  for (const w of subscribed) {
    await enqueueMessage(
      tx,
      {
        channel: 'webhook',
        recipient: w.id,
        template: event,
        payload: { occurredAt: at.toISOString(), data } satisfies QueuedEvent,
        dedupeKey: `${dedupeKey}:wh:${w.id}`,
      },
      at,
    );
  }
}

interface QueuedEvent {
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Events queued before `occurredAt` was stored carry the bare data; they fall back to the attempt time. */
function queuedEvent(payload: Record<string, unknown>, at: Date): QueuedEvent {
  const { occurredAt, data } = payload;
  if (typeof occurredAt === 'string' && data !== null && typeof data === 'object') {
    return { occurredAt, data: data as Record<string, unknown> };
  }
  return { occurredAt: at.toISOString(), data: payload };
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The webhook sender of the outbox worker. A deleted or disabled webhook drops its messages. */
export async function deliverWebhook(db: Db, message: DeliveredMessage, at: Date): Promise<void> {
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, message.recipient));
  if (!hook?.active) return;
  const { occurredAt, data } = queuedEvent(message.payload, at);
  const deliveredAt = at.toISOString();
  const body = JSON.stringify({
    id: message.dedupeKey,
    event: message.template,
    occurredAt,
    deliveredAt,
    data,
  });
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const res = await fetch(hook.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Aftercare-Webhooks/1',
      'x-aftercare-event': message.template,
      'x-aftercare-delivery': message.dedupeKey,
      'x-aftercare-timestamp': timestamp,
      'x-aftercare-delivery-time': deliveredAt,
      'x-aftercare-signature': signWebhook(hook.secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`webhook ${hook.name} answered ${res.status}`);
}
