// The daily replenishment pass: every reorder rule is checked, raising or closing alerts that no
// movement touched (a rule just set, stock reserved long ago).
import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { checkAllReorderRules } from './reorder.ts';

export const reorderCheckJob = defineJob({
  name: 'parts.reorder-check',
  schema: z.object({}),
  cron: '30 7 * * *', // 07:30 in the organisation's time zone, before the storekeeper's day
  handler: async (_data, deps) => {
    const rules = await checkAllReorderRules(systemCtx(deps, 'parts'));
    deps.log.info({ rules }, 'reorder rules checked');
  },
});
