// A server-paginated list: pages fetched by cursor and concatenated ("load more").
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../api/client.ts';

/** The list's query: the hook below and a route that asks for its first page early share it. */
export const cursorListOptions = <T>(
  key: string,
  path: string,
  filters: Record<string, string | undefined>,
  limit = 50,
) =>
  infiniteQueryOptions({
    queryKey: [key, filters],
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...filters, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useCursorList<T>(
  key: string,
  path: string,
  filters: Record<string, string | undefined>,
  limit = 50,
  options: { refetchOnMount?: (query: { state: { dataUpdatedAt: number } }) => boolean } = {},
) {
  const query = useInfiniteQuery({ ...cursorListOptions<T>(key, path, filters, limit), ...options });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
