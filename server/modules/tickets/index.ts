export { processInboundEmail } from './email-intake.ts';
export { ticketRefs } from './field-read.ts';
export { registerTicketRoutes } from './routes.ts';
export { createTicket, getTicket, updateTicket, workMilestone } from './service.ts';
export { startSmtpReceiver } from './smtp-receiver.ts';
