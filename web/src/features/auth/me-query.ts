import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TMe } from '../../../../common/api.ts';
import { ApiError, api, setCsrfToken } from '../../api/client.ts';

export const meQueryKey = ['me'] as const;

export const meQueryOptions = queryOptions({
  queryKey: meQueryKey,
  queryFn: async (): Promise<TMe | null> => {
    try {
      const me = await api.get<TMe>('/api/v1/me');
      setCsrfToken(me.csrfToken);
      return me;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  staleTime: 60_000,
});

/** The current user, or null when logged out. */
export function useMe() {
  return useQuery(meQueryOptions);
}
