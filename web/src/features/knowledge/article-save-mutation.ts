import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TArticleDetail } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** Writes a new article, or saves a new version of one (the version guards a concurrent edit). */
export function useArticleSave(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id
        ? api.patch<TArticleDetail>(`/api/v1/knowledge/articles/${id}`, body)
        : api.post<TArticleDetail>('/api/v1/knowledge/articles', body),
    onSuccess: (data) => {
      client.setQueryData(knowledgeKeys.detail(data.id), data);
      void client.invalidateQueries({ queryKey: knowledgeKeys.all() });
    },
  });
}
