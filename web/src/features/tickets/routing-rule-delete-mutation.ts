import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ticketsKeys } from './tickets-keys.ts';

export function useRoutingRuleDeleteMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/v1/routing-rules/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketsKeys.routingRules }),
  });
}
