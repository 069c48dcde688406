import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { sendWarrantyExpiryReminders } from './warranty-reminders.ts';

export const warrantyExpiryRemindersJob = defineJob({
  name: 'registry.warranty-expiry-reminders',
  schema: z.object({ days: z.int().min(1).max(365).optional() }),
  // 08:05 Asia/Shanghai
  cron: '5 0 * * *',
  handler: async (data, { db, clock, log }) => {
    const result = await sendWarrantyExpiryReminders(db, clock, { days: data.days });
    log.info(result, 'warranty expiry reminders queued');
  },
});
