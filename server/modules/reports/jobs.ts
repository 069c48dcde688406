// The scheduled reports (cron in the organisation's zone, JobDeps.timeZone): the weekly service report
// on Monday at 07:00, the monthly analysis and the customers' project reports on the 1st at 07:30.
import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { runMonthlyReports, runWeeklyReport } from './scheduled.ts';

export const reportsWeeklyJob = defineJob({
  name: 'reports.weekly',
  schema: z.object({}),
  cron: '0 7 * * 1',
  retry: { limit: 5, delaySeconds: 300, backoff: true },
  handler: async (_data, deps) => {
    const result = await runWeeklyReport(systemCtx(deps, 'reports.weekly'), deps.blobStore);
    deps.log.info(result, 'weekly service report');
  },
});

export const reportsMonthlyJob = defineJob({
  name: 'reports.monthly',
  schema: z.object({}),
  cron: '30 7 1 * *',
  retry: { limit: 5, delaySeconds: 300, backoff: true },
  handler: async (_data, deps) => {
    const result = await runMonthlyReports(systemCtx(deps, 'reports.monthly'), deps.blobStore);
    deps.log.info(result, 'monthly reports');
  },
});
