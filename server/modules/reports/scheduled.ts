// What the scheduled jobs do: on Monday morning the weekly report of last week, on the 1st the
// monthly analysis of last month and each project's monthly report for its customer (the projects
// that had tickets or completed work that month). Periods are the organisation's (ctx.timeZone).
// Every report is made once per period: a second run (a retry, two instances) finds them there and
// sends nothing again.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import { lastWholePeriod, periodDays } from '../../../common/reports-api.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { refreshRollups } from '../analytics/index.ts';
import { workCompletedBetween } from '../field/index.ts';
import { projectsWithTicketsBetween } from '../tickets/index.ts';
import { instantsOf } from './figures.ts';
import { generateReport } from './service.ts';

export async function runWeeklyReport(ctx: Ctx, blobs: BlobStore) {
  await refreshRollups({ db: ctx.db, clock: ctx.clock, timeZone: ctx.timeZone });
  const period = lastWholePeriod('weekly', toLocalDate(ctx.clock.now(), ctx.timeZone));
  const { created } = await generateReport(
    ctx,
    { kind: 'weekly', period },
    { trigger: 'job', replace: false, email: true, blobs, reads: ctx.db },
  );
  return { period, created: created ? 1 : 0 };
}

export async function runMonthlyReports(ctx: Ctx, blobs: BlobStore) {
  await refreshRollups({ db: ctx.db, clock: ctx.clock, timeZone: ctx.timeZone });
  const period = lastWholePeriod('monthly', toLocalDate(ctx.clock.now(), ctx.timeZone));
  const opts = { trigger: 'job' as const, replace: false, email: true, blobs, reads: ctx.db };
  let created = (await generateReport(ctx, { kind: 'monthly', period }, opts)).created ? 1 : 0;
  const { from, to } = instantsOf(periodDays('monthly', period), ctx.timeZone);
  const [withTickets, work] = await Promise.all([
    projectsWithTicketsBetween(ctx.db, from, to),
    workCompletedBetween(ctx.db, { from, to }),
  ]);
  const projects = new Set([
    ...withTickets.map((p) => p.projectId),
    ...work.flatMap((w) => (w.projectId ? [w.projectId] : [])),
  ]);
  for (const projectId of [...projects].sort()) {
    const r = await generateReport(ctx, { kind: 'project_monthly', period, projectId }, opts);
    if (r.created) created++;
  }
  return { period, created, projects: projects.size };
}
