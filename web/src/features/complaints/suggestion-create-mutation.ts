import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TSuggestion } from '../../../../common/complaints-api.ts';
import { api } from '../../api/client.ts';
import { complaintKeys } from './complaint-keys.ts';

export function useSuggestionCreate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<TSuggestion>('/api/v1/suggestions', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: [complaintKeys.suggestions] }),
  });
}
