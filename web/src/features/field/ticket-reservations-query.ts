import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Stock held for the ticket of the work, still open. */
export const useTicketReservations = (ticketId: string | null) =>
  useQuery({
    queryKey: ['parts', 'reservations', ticketId],
    queryFn: () =>
      api.get<{ id: string; partId: string; open: number }[]>('/api/v1/stock/reservations', {
        ticketId: ticketId ?? '',
      }),
    enabled: Boolean(ticketId),
  });
