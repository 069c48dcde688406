import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TArticleDetail } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

export type ArticleStep = 'submit' | 'publish' | 'reject' | 'unpublish';

/** A step of the review: send for review, publish, send back, unpublish. */
export function useArticleStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, version, note }: { step: ArticleStep; version: number; note?: string }) =>
      api.post<TArticleDetail>(`/api/v1/knowledge/articles/${id}/${step}`, { version, note }, false),
    onSuccess: (data) => {
      client.setQueryData(knowledgeKeys.detail(id), data);
      void client.invalidateQueries({ queryKey: knowledgeKeys.all() });
    },
  });
}
