// Jobs of the platform itself: outbox delivery and idempotency-key expiry.
import { z } from 'zod';
import type { Db } from '../db/pool.ts';
import { purgeIdempotencyKeys } from './idempotency.ts';
import { defineJob } from './jobs.ts';
import type { Mailer } from './mailer.ts';
import { type DeliveredMessage, deliverDueMessages } from './outbox.ts';
import { renderOutboxEmail } from './outbox-log.ts';
import type { SmsSender } from './sms.ts';

/** In-app delivery is a module's (notifications); the caller passes it in. */
export type InAppSender = (db: Db, message: DeliveredMessage, at: Date) => Promise<void>;

export function outboxDeliveryJob(
  mailer: Mailer,
  inApp: InAppSender,
  sms?: SmsSender,
  webhook?: InAppSender,
) {
  return defineJob({
    name: 'outbox.deliver',
    schema: z.object({}),
    cron: '* * * * *',
    handler: async (_data, { db, clock, log, blobStore }) => {
      const result = await deliverDueMessages(db, clock, {
        email: async (m) => mailer.send(await renderOutboxEmail(m, blobStore)),
        in_app: (m) => inApp(db, m, clock.now()),
        ...(sms
          ? { sms: (m: DeliveredMessage) => sms.send(m.recipient, String(m.payload.text ?? ''), m.dedupeKey) }
          : {}),
        ...(webhook ? { webhook: (m: DeliveredMessage) => webhook(db, m, clock.now()) } : {}),
      });
      if (result.delivered || result.failed) log.info(result, 'outbox delivered');
    },
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
