import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TAlias } from '../../../../common/knowledge-api.ts';
import { api } from '../../api/client.ts';
import { knowledgeKeys } from './knowledge-keys.ts';

/** Adds a synonym (alias → term), or removes one by id. */
export function useKnowledgeAliasChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      change: { add: { category?: string | null; alias: string; term: string } } | { remove: string },
    ): Promise<unknown> =>
      'add' in change
        ? api.post<TAlias>('/api/v1/knowledge/aliases', change.add)
        : api.delete<void>(`/api/v1/knowledge/aliases/${change.remove}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: knowledgeKeys.aliases() }),
  });
}
