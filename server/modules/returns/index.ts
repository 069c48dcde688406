// Public surface of the returns module (退货 / RMA).

export { returnOwners } from './owners.ts';
export { registerReturnRoutes } from './routes.ts';
export { createReturn, inspectReturn } from './service.ts';
