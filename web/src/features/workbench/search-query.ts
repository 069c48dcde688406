import { useQuery } from '@tanstack/react-query';
import type { TSearchResult } from '../../../../common/workbench-api.ts';
import { api } from '../../api/client.ts';

/** The global search; asks only from two characters on. */
export const useGlobalSearch = (q: string) =>
  useQuery({
    queryKey: ['search', q],
    queryFn: () => api.get<TSearchResult>('/api/v1/search', { q, limit: 5 }),
    enabled: q.trim().length >= 2,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });
