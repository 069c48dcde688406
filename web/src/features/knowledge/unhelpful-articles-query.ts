import { useQuery } from '@tanstack/react-query';
import type { TUnhelpfulArticle } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** Articles whose readers mostly said they did not help, for review. */
export const useUnhelpfulArticles = (enabled: boolean) =>
  useQuery({
    queryKey: knowledgeKeys.unhelpful(),
    queryFn: () => api.get<TUnhelpfulArticle[]>('/api/v1/knowledge/unhelpful'),
    enabled,
  });
