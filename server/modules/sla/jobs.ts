// The SLA sweeper: every minute, on whichever instance pg-boss hands it to, fire what is due.
import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { sweepSla } from './engine.ts';

export const slaSweepJob = defineJob({
  name: 'sla.sweep',
  schema: z.object({}),
  cron: '* * * * *',
  handler: async (_data, deps) => {
    const result = await sweepSla(deps);
    if (result.fired) deps.log.info(result, 'sla levels fired');
  },
});
