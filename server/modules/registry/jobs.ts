import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { runImport } from './import-service.ts';
import { sendWarrantyExpiryReminders } from './warranty-reminders.ts';

export const warrantyExpiryRemindersJob = defineJob({
  name: 'registry.warranty-expiry-reminders',
  schema: z.object({ days: z.int().min(1).max(365).optional() }),
  // 08:05 in the organisation's time zone, the start of the working day
  cron: '5 8 * * *',
  handler: async (data, { db, clock, timeZone, log }) => {
    const result = await sendWarrantyExpiryReminders(db, clock, timeZone, { days: data.days });
    log.info(result, 'warranty expiry reminders queued');
  },
});

export const importJob = defineJob({
  name: 'registry.import',
  schema: z.object({ importId: z.uuid() }),
  handler: async ({ importId }, deps) => {
    await runImport(systemCtx(deps, 'import'), deps.blobStore, importId);
  },
});
