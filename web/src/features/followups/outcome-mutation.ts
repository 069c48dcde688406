import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFollowUp, TRecordOutcomeRequest } from '../../../../common/followups-api.ts';
import { api } from '../../api/client.ts';
import { followUpKeys } from './followups-keys.ts';

/** Records a call (with an Idempotency-Key: a retried click records it once). */
export function useRecordOutcome() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TRecordOutcomeRequest }) =>
      api.post<TFollowUp>(`/api/v1/followups/${id}/outcome`, body),
    onSettled: () => void client.invalidateQueries({ queryKey: followUpKeys.all() }),
  });
}
