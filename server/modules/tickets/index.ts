export { attachmentWithheld } from './access.ts';
export { ticketDimensionsSql, ticketsChangedSql } from './analytics-read.ts';
export {
  type ClosedTicket,
  type TicketCareFacts,
  ticketCareFacts,
  ticketNumbers,
  ticketsClosedAfter,
} from './care-read.ts';
export { consultationsResolvedSince, type ResolvedConsultation } from './consultations-read.ts';
export { processInboundEmail } from './email-intake.ts';
export { ticketOwners, ticketRefs } from './field-read.ts';
export {
  type FirstResolvedTicket,
  faultTicketsFirstResolved,
  faultTicketsFirstResolvedSql,
  firstResolvedDaysOf,
} from './measures-read.ts';
export {
  type OpenTicketRow,
  type OpenWorkCount,
  type OpenWorkFilter,
  type OpenWorkPlaces,
  openTicketCounts,
  openTicketsAt,
} from './open-work-read.ts';
export { addReporterMessage, openTicketOfAsset, ticketStatusOf } from './qr-read.ts';
export { type FaultCount, type FaultEvidence, faultCountsByMonth, faultReportsOf } from './quality-read.ts';
export { projectsWithTicketsBetween, projectTicketsBetween, ticketActivity } from './reports-read.ts';
export { registerTicketRoutes } from './routes.ts';
export { createTicket, updateTicket, workMilestone } from './service.ts';
export { slaTicketPort } from './sla-port.ts';
export { startSmtpReceiver } from './smtp-receiver.ts';
export { getTicket, listTickets } from './ticket-view.ts';
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
