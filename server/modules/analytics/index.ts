// Public surface of the analytics module (issue 19: measures, rollups, dashboards).
export { slaDashboard, slaRecordsOf } from './dashboard.ts';
export { analyticsRollupJob } from './jobs.ts';
// The measures (docs/analytics.md), one definition each, for the dashboards and the reports module.
export {
  DEFAULT_MEASURE_SETTINGS,
  engineerFigures,
  firstTimeFix,
  followUpsOnTime,
  type MeasureFilter,
  type MeasureSettings,
  monthDays,
  mtbfFigures,
  repeatRepair,
} from './measures.ts';
export { measureRecordsOf, measuresDashboard, performanceRows, staffPerformance } from './measures-view.ts';
export { mtbfFromRollup } from './mtbf-rollup.ts';
export { refreshRollups } from './rollup.ts';
export { registerAnalyticsRoutes } from './routes.ts';
export { measureSettingsOf } from './settings.ts';
