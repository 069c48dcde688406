import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TRoutingRule } from './routing-rules-query.ts';
import { ticketsKeys } from './tickets-keys.ts';

export function useRoutingRuleCreateMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<TRoutingRule>('/api/v1/routing-rules', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketsKeys.routingRules }),
  });
}
