import { useQuery } from '@tanstack/react-query';
import type { TArticleDetail } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** One article with its rendered body. */
export const useArticle = (id: string | undefined) =>
  useQuery({
    queryKey: knowledgeKeys.detail(id ?? ''),
    queryFn: () => api.get<TArticleDetail>(`/api/v1/knowledge/articles/${id}`),
    enabled: Boolean(id),
  });
