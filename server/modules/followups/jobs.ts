// The follow-up jobs: creating what the rules make due (hourly, each once), and the warnings sweep.
import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { sweepFollowUpFlags } from './flags.ts';
import { createDueFollowUps } from './generate.ts';

export const followUpsCreateJob = defineJob({
  name: 'followups.create-due',
  schema: z.object({}),
  cron: '5 * * * *',
  handler: async (_data, deps) => {
    const result = await createDueFollowUps(systemCtx(deps, 'followups.create-due'));
    if (result.created) deps.log.info(result, 'follow-ups created');
  },
});

export const followUpsSweepJob = defineJob({
  name: 'followups.sweep-flags',
  schema: z.object({}),
  cron: '*/5 * * * *',
  handler: async (_data, deps) => {
    const result = await sweepFollowUpFlags(systemCtx(deps, 'followups.sweep-flags'));
    if (result.dueSoon || result.overdue) deps.log.info(result, 'follow-up warnings fired');
  },
});
