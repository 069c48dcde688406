import { useQuery } from '@tanstack/react-query';
import type { TArticleRevision } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** Every saved version of an article, newest first (fetched when the history is opened). */
export const useArticleRevisions = (id: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: knowledgeKeys.revisions(id ?? ''),
    queryFn: () => api.get<TArticleRevision[]>(`/api/v1/knowledge/articles/${id}/revisions`),
    enabled: Boolean(id) && enabled,
  });
