// The survey poller every 5 minutes: invitations for what closed, completed or was signed since the
// last run (watermarks), sent through the outbox.
import { z } from 'zod';
import type { TConfig } from '../../config.ts';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { inviteSurveys } from './invite.ts';
import { surveyLinkConfig } from './link-token.ts';

export function surveyInviteJob(config: TConfig) {
  const link = surveyLinkConfig(config);
  return defineJob({
    name: 'surveys.invite',
    schema: z.object({}),
    cron: '*/5 * * * *',
    handler: async (_data, deps) => {
      const result = await inviteSurveys(systemCtx(deps, 'surveys.invite'), link);
      if (result.invited || result.skipped) deps.log.info(result, 'survey invitations made');
    },
  });
}
