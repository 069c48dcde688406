import type { TTicket } from '../../../../common/tickets-api.ts';
import { takeFirstPage } from '../../app/first-page.ts';
import { queryClient } from '../../app/query-client.ts';
import { cursorListOptions, useCursorList } from '../../components/cursor-list-query.ts';
import { DEFAULT_STAFF_QUEUE, ticketsKey } from './tickets-keys.ts';

/**
 * A first page younger than this is not fetched again when the list mounts: the route's loader
 * fetched it while the screen's code loaded (below). Older pages are (the list may have changed
 * since the list was last open); live updates refetch it whenever a ticket changes.
 */
const JUST_FETCHED_MS = 3_000;

export const useTickets = (filters: Record<string, string | undefined>) =>
  useCursorList<TTicket>(ticketsKey, '/api/v1/tickets', filters, 50, {
    refetchOnMount: (query) => Date.now() - query.state.dataUpdatedAt > JUST_FETCHED_MS,
  });

/**
 * The console's ticket list takes the first page the server put in the HTML (app/first-page.ts); else,
 * opened without filters, it asks for its first page while the screen's code still loads (the same
 * query key as the page's `useTickets`), instead of after its first render.
 */
export function prefetchConsoleTickets(search: string) {
  const first = takeFirstPage();
  if (first) {
    queryClient.setQueryData(
      cursorListOptions<TTicket>(ticketsKey, '/api/v1/tickets', first.filters).queryKey,
      {
        pages: [first.page],
        pageParams: [undefined],
      },
    );
    return;
  }
  if (search !== '') return;
  void queryClient.prefetchInfiniteQuery(
    cursorListOptions<TTicket>(ticketsKey, '/api/v1/tickets', { queue: DEFAULT_STAFF_QUEUE }),
  );
}
