import { useMutation } from '@tanstack/react-query';
import type { TTicket } from '../../../../common/tickets-api.ts';
import { api } from '../../api/client.ts';

/** Registers a ticket (报修, a consultation, a chat…); the caller goes on to the new ticket. */
export function useTicketCreateMutation() {
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<TTicket>('/api/v1/tickets', body),
  });
}
