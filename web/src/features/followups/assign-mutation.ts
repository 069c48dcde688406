import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

export function useAssignFollowUps() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[]; agentId: string | null }) =>
      api.post<{ assigned: number }>('/api/v1/followups/assign', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: followUpKeys.all() }),
  });
}
