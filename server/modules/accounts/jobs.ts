import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { purgeExpiredSessions } from './service.ts';

export const purgeExpiredSessionsJob = defineJob({
  name: 'sessions.purge-expired',
  schema: z.object({}),
  cron: '17 * * * *',
  handler: async (_data, { db, clock, log }) => {
    const removed = await purgeExpiredSessions(db, clock);
    log.info({ removed }, 'expired sessions removed');
  },
});
