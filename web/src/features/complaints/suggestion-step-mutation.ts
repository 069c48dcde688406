import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TSuggestion } from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

/** Evaluate, decide or record the effect of a suggestion, at the version read. */
export function useSuggestionStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      step,
      body,
    }: {
      id: string;
      step: 'evaluate' | 'decide' | 'effect';
      body: Record<string, unknown>;
    }) => api.post<TSuggestion>(`/api/v1/suggestions/${id}/${step}`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: [complaintKeys.suggestions] }),
  });
}
