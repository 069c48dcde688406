import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFollowUp } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

export function useCustomerTold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, note }: { id: string; version: number; note: string }) =>
      api.post<TFollowUp>(`/api/v1/followups/${id}/customer-told`, { version, note }),
    onSettled: () => void client.invalidateQueries({ queryKey: followUpKeys.all() }),
  });
}
