export { registerNotificationRoutes } from './routes.ts';
export { deliverInApp } from './service.ts';
export { deliverWebhook, enqueueWebhookEvent, WEBHOOK_EVENTS } from './webhooks.ts';
