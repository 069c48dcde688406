export { applyPolicy, logSla, refreshTargets, sweepSla, targetsOf } from './engine.ts';
export { type OnSiteTarget, onSiteTargets } from './field-read.ts';
export { slaSweepJob } from './jobs.ts';
export { ensureSlaDefaults } from './policies.ts';
export { registerSlaRoutes } from './routes.ts';
export { createCalendar } from './service.ts';
