export {
  RESTORE_METRIC,
  type RestoreDayRow,
  restoreDailyFigures,
  type SlaDayRow,
  type SlaRecordFilter,
  type SlaRecordRow,
  slaDailyFigures,
  slaDaysChangedSince,
  slaRecords,
  type TicketDimensions,
} from './analytics-read.ts';
export { businessCalendarById } from './config.ts';
export { type OnSiteTarget, onSiteTargets } from './field-read.ts';
export { slaSweepJob } from './jobs.ts';
export { type SlaLogLine, slaLogOf } from './log-read.ts';
export { ensureSlaDefaults } from './policies.ts';
export type { SlaTicket, SlaTicketFacts, SlaTicketPort } from './ports.ts';
export { slaBreachedOf, slaBreachingFilter, slaDueAtOf, slaSummaryOf } from './repository.ts';
export { registerSlaRoutes } from './routes.ts';
export { createCalendar } from './service.ts';
export { sweepSla } from './sweeper.ts';
export {
  applyPolicy,
  logSla,
  recordSlaEvents,
  refreshTargets,
  type SlaLogEntry,
  startSla,
  targetsOf,
} from './targets.ts';
export { slaBreachingCount, slaComplianceSince } from './workbench-read.ts';
