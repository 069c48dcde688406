import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateDueResult } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

/** Runs the rules now (the hourly job does it too). */
export function useCreateDueFollowUps() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TCreateDueResult>('/api/v1/followups/create-due', undefined, false),
    onSuccess: () => void client.invalidateQueries({ queryKey: followUpKeys.all() }),
  });
}
