import { useQuery } from '@tanstack/react-query';
import type { TKnowledgeFacets } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** The product categories and fault classes to file articles under. */
export const useKnowledgeFacets = () =>
  useQuery({
    queryKey: knowledgeKeys.facets(),
    queryFn: () => api.get<TKnowledgeFacets>('/api/v1/knowledge/facets'),
    staleTime: 300_000,
  });
