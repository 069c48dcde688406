// Jobs of the platform itself: outbox delivery and idempotency-key expiry.
import { z } from 'zod';
import type { Db } from '../db/pool.ts';
import { purgeIdempotencyKeys } from './idempotency.ts';
import { defineJob, type JobDeps } from './jobs.ts';
import type { Mailer } from './mailer.ts';
import {
  type ChannelSender,
  type DeliveredMessage,
  drainDueMessages,
  type OutboxChannel,
  startOutboxDelivery,
} from './outbox.ts';
import { renderOutboxEmail } from './outbox-log.ts';
import type { SmsSender } from './sms.ts';

/** In-app delivery is a module's (notifications); the caller passes it in. */
export type InAppSender = (db: Db, message: DeliveredMessage, at: Date) => Promise<void>;

interface OutboxSenderSet {
  mailer: Mailer;
  inApp: InAppSender;
  sms?: SmsSender;
  webhook?: InAppSender;
}

/** The outbox senders of every channel, as the worker wires them (tests deliver through the same). */
export function outboxSenders(
  { mailer, inApp, sms, webhook }: OutboxSenderSet,
  { db, clock, blobStore }: Pick<JobDeps, 'db' | 'clock' | 'blobStore'>,
): Partial<Record<OutboxChannel, ChannelSender>> {
  return {
    email: async (m) => mailer.send(await renderOutboxEmail(m, blobStore)),
    in_app: (m) => inApp(db, m, clock.now()),
    ...(sms
      ? { sms: (m: DeliveredMessage) => sms.send(m.recipient, String(m.payload.text ?? ''), m.dedupeKey) }
      : {}),
    ...(webhook ? { webhook: (m: DeliveredMessage) => webhook(db, m, clock.now()) } : {}),
  };
}

/** The minute's sweep: a backstop for the continuous delivery of `startOutboxWorker`. */
export function outboxDeliveryJob(
  mailer: Mailer,
  inApp: InAppSender,
  sms?: SmsSender,
  webhook?: InAppSender,
) {
  const set = { mailer, inApp, sms, webhook };
  return defineJob({
    name: 'outbox.deliver',
    schema: z.object({}),
    cron: '* * * * *',
    handler: async (_data, deps) => {
      const result = await drainDueMessages(
        deps.db,
        deps.clock,
        outboxSenders(set, deps),
        Date.now() + 50_000,
      );
      if (result.delivered || result.failed) deps.log.info(result, 'outbox delivered');
    },
  });
}

/** Delivers due messages continuously in this process (instances with jobs on run one each). */
export function startOutboxWorker(
  deps: JobDeps,
  mailer: Mailer,
  inApp: InAppSender,
  sms?: SmsSender,
  webhook?: InAppSender,
) {
  return startOutboxDelivery(deps.db, deps.clock, outboxSenders({ mailer, inApp, sms, webhook }, deps), {
    onError: (err) => deps.log.error({ err }, 'outbox delivery failed'),
  });
}

export const purgeIdempotencyJob = defineJob({
  name: 'idempotency.purge-expired',
  schema: z.object({}),
  cron: '41 3 * * *',
  handler: async (_data, { db, clock }) => {
    await purgeIdempotencyKeys(db, new Date(clock.now().getTime() - 7 * 24 * 3600_000));
  },
});
