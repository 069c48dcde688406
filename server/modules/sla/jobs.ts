// The SLA sweeper: every minute, on whichever instance pg-boss hands it to, fire what is due.
import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import type { SlaTicketPort } from './ports.ts';
import { sweepSla } from './sweeper.ts';

/** Built with the tickets module's side of the port (escalations change tickets through it). */
export function slaSweepJob(tickets: SlaTicketPort) {
  return defineJob({
    name: 'sla.sweep',
    schema: z.object({}),
    cron: '* * * * *',
    handler: async (_data, deps) => {
      const result = await sweepSla(deps, tickets);
      if (result.fired) deps.log.info(result, 'sla levels fired');
    },
  });
}
