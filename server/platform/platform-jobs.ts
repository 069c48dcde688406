// Jobs of the platform itself: outbox delivery and idempotency-key expiry.
import { z } from 'zod';
import { purgeIdempotencyKeys } from './idempotency.ts';
import { defineJob } from './jobs.ts';
import type { Mailer } from './mailer.ts';
import { deliverDueMessages } from './outbox.ts';

export function outboxDeliveryJob(mailer: Mailer) {
  return defineJob({
    name: 'outbox.deliver',
    schema: z.object({}),
    cron: '* * * * *',
    handler: async (_data, { db, clock, log }) => {
      const result = await deliverDueMessages(db, clock, {
        email: async (m) => {
          await mailer.send({
            to: m.recipient,
            subject: String(m.payload.subject ?? m.template),
            text: String(m.payload.text ?? ''),
            html: typeof m.payload.html === 'string' ? m.payload.html : undefined,
            messageId: `<${m.dedupeKey.replace(/[^A-Za-z0-9.-]/g, '.')}@aftercare>`,
          });
        },
        in_app: async () => {},
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
