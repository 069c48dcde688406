import { useQuery } from '@tanstack/react-query';
import type { TTicketDetail } from '../../../../common/tickets-api.ts';
import { api } from '../../api/client.ts';
import { ticketsKey } from './tickets-keys.ts';

export function useTicket(id: string | undefined) {
  return useQuery({
    queryKey: [ticketsKey, 'one', id],
    queryFn: () => api.get<TTicketDetail>(`/api/v1/tickets/${id}`),
    enabled: Boolean(id),
    refetchInterval: 30_000,
  });
}
