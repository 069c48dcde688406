// The ticket list's first page that the server put in the HTML (server/first-page/first-page.ts): its
// markup in #root shows the rows before this code runs; its data, a JSON script next to #root, seeds
// the list's query so the app does not fetch it again.
import type { TTicket } from '../../../common/tickets-api.ts';
import type { Page } from '../api/client.ts';

export interface ServerFirstPage {
  /** The list's filters the server read from the address (queue, kind, status). */
  filters: Record<string, string>;
  page: Page<TTicket>;
}

let taken = false;

/** The server's first page, once: a later visit to the list fetches as usual. */
export function takeFirstPage(): ServerFirstPage | null {
  const script = document.getElementById('first-page');
  if (!script) return null;
  script.remove();
  taken = true;
  try {
    return JSON.parse(script.textContent ?? '') as ServerFirstPage;
  } catch {
    return null;
  }
}

/** Whether the page arrived with the server's markup of its screen inside #root. */
export const hasServerMarkup = (root: HTMLElement) => root.firstElementChild !== null;

/**
 * Whether the list being mounted starts from the server's rows (asked once, by the list's first mount):
 * its live table then draws every row at once (not a screenful first, progressive-rows.ts), so the
 * page keeps its height when it takes over from the markup.
 */
export function startsFromServerPage(): boolean {
  const first = taken;
  taken = false;
  return first;
}
