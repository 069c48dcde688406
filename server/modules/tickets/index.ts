export { registerTicketRoutes } from './routes.ts';
export { createTicket } from './service.ts';
