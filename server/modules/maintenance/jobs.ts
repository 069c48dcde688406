// The daily generation of maintenance visits over the rolling horizon (each project in its own
// transaction, serialised per project, so instances running it at once create each visit once).
import { z } from 'zod';
import { systemCtx } from '../../platform/context.ts';
import { defineJob } from '../../platform/jobs.ts';
import { sweepOverdue } from './compliance.ts';
import { generateAll } from './generate.ts';
import { sendVisitReminders } from './reminders.ts';
import { analyseTuning } from './tuning.ts';

export const maintenanceGenerateJob = defineJob({
  name: 'maintenance.generate',
  schema: z.object({}),
  // 01:30 in the organisation's time zone: the early morning, before the dispatchers' day.
  cron: '30 1 * * *',
  handler: async (_data, deps) => {
    const result = await generateAll(systemCtx(deps, 'maintenance.generate'));
    deps.log.info(result, 'maintenance visits generated');
  },
});

// 10:00 in the organisation's time zone: the customer contacts of the visits due within reminderDays.
export const maintenanceRemindJob = defineJob({
  name: 'maintenance.remind-visits',
  schema: z.object({}),
  cron: '0 10 * * *',
  handler: async (_data, deps) => {
    const result = await sendVisitReminders(systemCtx(deps, 'maintenance.remind-visits'));
    deps.log.info(result, 'maintenance visit reminders sent');
  },
});

/** Overdue maintenance visits: warnings and escalations that are due, every 15 minutes (each once). */
export const maintenanceOverdueJob = defineJob({
  name: 'maintenance.sweep-overdue',
  schema: z.object({}),
  cron: '*/15 * * * *',
  handler: async (_data, deps) => {
    const result = await sweepOverdue(systemCtx(deps, 'maintenance.sweep-overdue'));
    if (result.warnings || result.escalations) deps.log.info(result, 'maintenance overdue flags fired');
  },
});

/** Plan tuning proposals from the repair history and the visits, weekly (Monday 02:00, organisation's time). */
export const maintenanceTuningJob = defineJob({
  name: 'maintenance.tuning',
  schema: z.object({}),
  cron: '0 2 * * 1',
  handler: async (_data, deps) => {
    const result = await analyseTuning(systemCtx(deps, 'maintenance.tuning'));
    deps.log.info(result, 'maintenance tuning analysed');
  },
});
