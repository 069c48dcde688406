// Notifications leave through an outbox written in the same transaction as the change that caused
// them; a worker delivers each row at least once, and the dedupe key keeps a change from notifying twice.
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/pool.ts';
import type { Clock } from './clock.ts';
import { outbox } from './schema.ts';

export type OutboxChannel = 'email' | 'sms' | 'in_app' | 'webhook';

export interface OutboxMessage {
  channel: OutboxChannel;
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
}

/** `at` comes from the caller's clock: the message is due from then. */
export async function enqueueMessage(tx: Executor, message: OutboxMessage, at: Date): Promise<void> {
  await tx
    .insert(outbox)
    .values({ ...message, createdAt: at, availableAt: at })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

export interface DeliveredMessage extends OutboxMessage {
  id: string;
  attempts: number;
}

export type ChannelSender = (message: DeliveredMessage) => Promise<void>;

const MAX_ATTEMPTS = 8;

/**
 * Deliver due messages. Rows are claimed with FOR UPDATE SKIP LOCKED, so several workers share the
 * queue; work is proportional to what is due (indexed on available_at, pending rows only).
 */
export async function deliverDueMessages(
  db: Db,
  clock: Clock,
  senders: Partial<Record<OutboxChannel, ChannelSender>>,
  batchSize = 50,
): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  await db.transaction(async (tx) => {
    const now = clock.now();
    const due = await tx.execute<{
      id: string;
      channel: OutboxChannel;
      recipient: string;
      template: string;
      payload: Record<string, unknown>;
      dedupe_key: string;
      attempts: number;
    }>(sql`select id, channel, recipient, template, payload, dedupe_key, attempts from outbox
          where delivered_at is null and failed_at is null and available_at <= ${now}
          order by available_at limit ${batchSize} for update skip locked`);
    for (const row of due.rows) {
      const sender = senders[row.channel];
      try {
        if (!sender) throw new Error(`no sender for channel ${row.channel}`);
        await sender({
          id: row.id,
          channel: row.channel,
          recipient: row.recipient,
          template: row.template,
          payload: row.payload,
          dedupeKey: row.dedupe_key,
          attempts: row.attempts,
        });
        await tx.execute(
          sql`update outbox set delivered_at = ${now}, attempts = attempts + 1 where id = ${row.id}`,
        );
        delivered++;
      } catch (err) {
        const attempts = row.attempts + 1;
        const backoffMs = Math.min(2 ** attempts * 30_000, 6 * 3600_000);
        const message = err instanceof Error ? err.message : String(err);
        await tx.execute(sql`update outbox set attempts = ${attempts}, last_error = ${message},
            available_at = ${new Date(now.getTime() + backoffMs)},
            failed_at = ${attempts >= MAX_ATTEMPTS ? now : null} where id = ${row.id}`);
        failed++;
      }
    }
  });
  return { delivered, failed };
}

export interface OutboxDeliveryOptions {
  batchSize?: number;
  /** How often an idle worker looks for new due messages. */
  idleMs?: number;
  onBatch?(result: { delivered: number; failed: number }): void;
  onError?(err: unknown): void;
}

/**
 * Deliver until no full batch remains (or `deadline` passes): the backlog leaves at the senders' pace,
 * not one batch per run.
 */
export async function drainDueMessages(
  db: Db,
  clock: Clock,
  senders: Partial<Record<OutboxChannel, ChannelSender>>,
  deadline: number,
  options: OutboxDeliveryOptions = {},
): Promise<{ delivered: number; failed: number }> {
  const batchSize = options.batchSize ?? 50;
  const total = { delivered: 0, failed: 0 };
  while (Date.now() < deadline) {
    const result = await deliverDueMessages(db, clock, senders, batchSize);
    total.delivered += result.delivered;
    total.failed += result.failed;
    if (result.delivered || result.failed) options.onBatch?.(result);
    if (result.delivered + result.failed < batchSize) break;
  }
  return total;
}

/**
 * A worker that delivers continuously: it drains what is due, then looks again every `idleMs`, so a
 * message leaves within about a second of becoming due. Workers of several instances share the queue
 * (FOR UPDATE SKIP LOCKED).
 */
export function startOutboxDelivery(
  db: Db,
  clock: Clock,
  senders: Partial<Record<OutboxChannel, ChannelSender>>,
  options: OutboxDeliveryOptions = {},
): { stop(): Promise<void> } {
  const idleMs = options.idleMs ?? 1000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        await drainDueMessages(db, clock, senders, Date.now() + 60_000, options);
      } catch (err) {
        options.onError?.(err);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/** The Message-ID an email of the outbox goes out with (stable per message, for threading). */
export function outboxMessageId(dedupeKey: string): string {
  return `<${dedupeKey.replace(/[^A-Za-z0-9.-]/g, '.')}@aftercare>`;
}
