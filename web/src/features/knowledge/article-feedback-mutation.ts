import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** "Was this helpful": yes or no with a comment. */
export function useArticleFeedback(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { helpful: boolean; comment?: string }) =>
      api.post<{ helpfulYes: number; helpfulNo: number }>(
        `/api/v1/knowledge/articles/${id}/helpful`,
        body,
        false,
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: knowledgeKeys.detail(id) }),
  });
}
