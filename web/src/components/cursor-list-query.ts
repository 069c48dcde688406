// A server-paginated list: pages fetched by cursor and concatenated ("load more").
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../api/client.ts';

export function useCursorList<T>(
  key: string,
  path: string,
  filters: Record<string, string | undefined>,
  limit = 50,
) {
  const query = useInfiniteQuery({
    queryKey: [key, filters],
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...filters, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
