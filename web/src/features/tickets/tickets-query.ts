import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TTicket, TTicketDetail } from '../../../../common/tickets-api.ts';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

export const ticketsKey = 'tickets';

export const useTickets = (filters: Record<string, string | undefined>) =>
  useCursorList<TTicket>(ticketsKey, '/api/v1/tickets', filters);

export function useTicket(id: string | undefined) {
  return useQuery({
    queryKey: [ticketsKey, 'one', id],
    queryFn: () => api.get<TTicketDetail>(`/api/v1/tickets/${id}`),
    enabled: Boolean(id),
    refetchInterval: 30_000,
  });
}

export function useTicketMutation<TBody>(
  method: 'POST' | 'PATCH',
  path: (b: TBody) => string,
  idempotent = true,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) =>
      method === 'POST'
        ? api.post<TTicketDetail>(path(body), body, idempotent)
        : api.patch<TTicketDetail>(path(body), body),
    onSuccess: () => client.invalidateQueries({ queryKey: [ticketsKey] }),
  });
}
