// The complaint deadline sweep: warnings and breaches that are due, every 5 minutes (each once).
import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { sweepComplaintDeadlines } from './deadlines.ts';

export const complaintsDeadlineJob = defineJob({
  name: 'complaints.sweep-deadlines',
  schema: z.object({}),
  cron: '*/5 * * * *',
  handler: async (_data, deps) => {
    const result = await sweepComplaintDeadlines(systemCtx(deps, 'complaints.sweep-deadlines'));
    if (result.warnings || result.breaches) deps.log.info(result, 'complaint deadline flags fired');
  },
});
