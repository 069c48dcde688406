// The early warning every morning (06:30 in the organisation's time zone), before the quality engineers' day.
import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { runDetection } from './detector.ts';

export const qualityDetectJob = defineJob({
  name: 'quality.detect',
  schema: z.object({}),
  cron: '30 6 * * *',
  handler: async (_data, deps) => {
    const result = await runDetection(systemCtx(deps, 'quality.detect'));
    if (result.raised || result.escalated) deps.log.info(result, 'early-warning alerts raised');
  },
});
