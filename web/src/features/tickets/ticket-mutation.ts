import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TTicketDetail } from '../../../../common/tickets-api.ts';
import { api } from '../../api/client.ts';
import { ticketsKey } from './tickets-keys.ts';

/** One mutation for the ticket's actions (change, message, watch, milestone, link…); each refreshes the tickets. */
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
