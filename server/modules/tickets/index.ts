export { attachmentWithheld } from './access.ts';
export { consultationsResolvedSince, type ResolvedConsultation } from './care-read.ts';
export { processInboundEmail } from './email-intake.ts';
export { ticketRefs } from './field-read.ts';
export { registerTicketRoutes } from './routes.ts';
export { createTicket, updateTicket, workMilestone } from './service.ts';
export { slaTicketPort } from './sla-port.ts';
export { startSmtpReceiver } from './smtp-receiver.ts';
export { getTicket } from './ticket-view.ts';
export { provideWorkOrderTickets } from './work-port.ts';
export {
  breachedTicketCount,
  chatsWaitingCount,
  myOpenTicketCounts,
  openTicketsOf,
  searchTickets,
  teamOpenTicketCount,
  unassignedTicketCount,
} from './workbench.ts';
