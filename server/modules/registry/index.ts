export { registerRegistryRoutes } from './routes.ts';
export { createCustomer, getCustomer } from './service.ts';
