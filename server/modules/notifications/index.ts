export { registerNotificationRoutes } from './routes.ts';
export { deliverInApp } from './service.ts';
