import { useQuery } from '@tanstack/react-query';
import type { TTicketContext } from '../../../../common/tickets-api.ts';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

/** The side panel's names (customer, caller, project, equipment, other open tickets), per version. */
export const useTicketContext = (ticketId: string, version: number, enabled = true) =>
  useQuery({
    queryKey: ticketsKeys.context(ticketId, version),
    queryFn: () => api.get<TTicketContext>(`/api/v1/tickets/${ticketId}/context`),
    enabled,
  });
