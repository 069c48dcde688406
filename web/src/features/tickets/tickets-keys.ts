// Query keys of the tickets feature. Everything under 'tickets' is refreshed by the live stream
// (features/live) on every ticket event.
export const ticketsKey = 'tickets';

export { DEFAULT_STAFF_QUEUE } from '../../../../common/ticket-rules.ts';

export const ticketsKeys = {
  all: [ticketsKey] as const,
  history: (ticketId: string, version: number) => [ticketsKey, 'history', ticketId, version] as const,
  context: (ticketId: string, version: number) => [ticketsKey, 'context', ticketId, version] as const,
  cannedReplies: ['canned-replies'] as const,
  savedFilters: ['saved-filters'] as const,
  inboundEmails: (status: string) => ['inbound-emails', status] as const,
  routingRules: ['routing-rules'] as const,
};
