// Public surface of the training module (培训).
export { certificateExpiryJob } from './jobs.ts';
export { registerTrainingPublicRoutes } from './public-routes.ts';
export { registerTrainingRoutes } from './routes.ts';
