import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TSavedFilter } from './saved-filters-query.ts';
import { ticketsKeys } from './tickets-keys.ts';

export function useSavedFilterCreateMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: Record<string, string> }) =>
      api.post<TSavedFilter>('/api/v1/saved-filters', body, false),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketsKeys.savedFilters }),
  });
}
