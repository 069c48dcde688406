import { useQuery } from '@tanstack/react-query';
import type { TAlias } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

export const useKnowledgeAliases = (enabled: boolean) =>
  useQuery({
    queryKey: knowledgeKeys.aliases(),
    queryFn: () => api.get<TAlias[]>('/api/v1/knowledge/aliases'),
    enabled,
  });
