export { publishReportJob } from './report-job.ts';
export { registerFieldRoutes } from './routes.ts';
export { workOrderTicketIds } from './ticket-ids.ts';
