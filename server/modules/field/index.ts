export { registerFieldRoutes } from './routes.ts';
