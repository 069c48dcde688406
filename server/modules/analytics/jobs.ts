// The rollup job: every 10 minutes, the days whose SLA targets changed since the last run are
// recomputed (incremental: the work follows what changed, docs/analytics.md).
import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { refreshRollups } from './rollup.ts';

export const analyticsRollupJob = defineJob({
  name: 'analytics.rollup',
  schema: z.object({}),
  cron: '*/10 * * * *',
  handler: async (_data, deps) => {
    const result = await refreshRollups(deps);
    if (result.days) deps.log.info(result, 'analytics rollups refreshed');
  },
});
