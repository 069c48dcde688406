// Public surface of the reports module (issue 19: reports that write themselves).
export { reportsMonthlyJob, reportsWeeklyJob } from './jobs.ts';
export { registerReportRoutes } from './routes.ts';
export { runMonthlyReports, runWeeklyReport } from './scheduled.ts';
export { generateReport } from './service.ts';
