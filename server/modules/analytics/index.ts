// Public surface of the analytics module (issue 19: measures, rollups, dashboards).
export { slaDashboard, slaRecordsOf } from './dashboard.ts';
export { analyticsRollupJob } from './jobs.ts';
export { refreshRollups } from './rollup.ts';
export { registerAnalyticsRoutes } from './routes.ts';
