import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPolicy } from '../../../../common/sla-api.ts';
import { api } from '../../api/client.ts';
import { slaKeys } from './sla-keys.ts';

/** Switches a policy on or off. */
export function usePolicyToggleMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (p: TPolicy) =>
      api.patch<TPolicy>(`/api/v1/sla/policies/${p.id}`, { version: p.version, active: !p.active }),
    onSuccess: () => client.invalidateQueries({ queryKey: slaKeys.policies() }),
  });
}
