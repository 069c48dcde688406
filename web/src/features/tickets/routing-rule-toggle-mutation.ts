import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TRoutingRule } from './routing-rules-query.ts';
import { ticketsKeys } from './tickets-keys.ts';

/** Switches a routing rule on or off. */
export function useRoutingRuleToggleMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (r: TRoutingRule) =>
      api.patch<TRoutingRule>(`/api/v1/routing-rules/${r.id}`, { version: r.version, active: !r.active }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketsKeys.routingRules }),
  });
}
