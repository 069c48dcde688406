// Daily at 08:00: reminders to holders of certificates that expire within the configured days.
import { z } from 'zod';
import type { TConfig } from '../../config.ts';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { surveyLinkConfig } from '../surveys/index.ts';
import { remindExpiringCertificates } from './certificates.ts';
import { trainingSettingsOf } from './settings.ts';

export function certificateExpiryJob(config: TConfig) {
  const link = surveyLinkConfig(config);
  return defineJob({
    name: 'training.remind-expiring',
    schema: z.object({}),
    cron: '0 8 * * *',
    handler: async (_data, deps) => {
      const ctx = systemCtx(deps, 'training.remind-expiring');
      const settings = await trainingSettingsOf(ctx.db);
      const result = await remindExpiringCertificates(ctx, link, settings.expiryReminderDays);
      if (result.reminded) deps.log.info(result, 'certificate expiry reminders sent');
    },
  });
}
