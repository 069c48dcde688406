import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TPolicy } from '../../../../common/sla-api.ts';
import { api } from '../../api/client.ts';
import { slaKeys } from './sla-keys.ts';

/** Creates a policy, or changes one (`existing`) at the version it was read. */
export function usePolicySaveMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ existing, body }: { existing: TPolicy | null; body: Record<string, unknown> }) =>
      existing
        ? api.patch<TPolicy>(`/api/v1/sla/policies/${existing.id}`, { ...body, version: existing.version })
        : api.post<TPolicy>('/api/v1/sla/policies', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: slaKeys.policies() });
    },
  });
}
