export { publishReportJob } from './report-job.ts';
export { registerFieldRoutes } from './routes.ts';
