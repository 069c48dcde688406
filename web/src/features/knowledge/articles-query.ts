import type { TArticle } from '../../../../common/knowledge-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';

/** Articles: newest first, or the search's ranking when q is given (a customer gets public ones). */
export const useArticles = (filters: {
  q?: string;
  kind?: string;
  status?: string;
  visibility?: string;
  category?: string;
}) => useCursorList<TArticle>('knowledge', '/api/v1/knowledge/articles', filters, 30);
