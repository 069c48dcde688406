export { registerNotificationRoutes } from './routes.ts';
export { deliverInApp } from './service.ts';
export { deliverWebhook, enqueueWebhookEvent } from './webhooks.ts';
