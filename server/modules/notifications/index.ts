export { DEFAULT_CHANNELS } from './defaults.ts';
export { type Notice, sendNotices } from './notify.ts';
export { registerNotificationRoutes } from './routes.ts';
export { deliverInApp } from './service.ts';
export { deliverWebhook, enqueueWebhookEvent } from './webhooks.ts';
