import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

export function useTicketsBulkAssignMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { ticketIds: string[]; assigneeId: string }) =>
      api.post<{ assigned: number }>('/api/v1/tickets/bulk-assign', body, false),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketsKeys.all }),
  });
}
