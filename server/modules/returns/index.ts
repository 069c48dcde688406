// Public surface of the returns module (退货 / RMA).
export { registerReturnRoutes } from './routes.ts';
export { createReturn, inspectReturn } from './service.ts';
