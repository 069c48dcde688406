export { registerSlaRoutes } from './routes.ts';
export { createCalendar } from './service.ts';
