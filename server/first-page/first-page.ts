// The first page of the console's ticket list in the HTML the server sends (progressive enhancement):
// a cold load spends about a second fetching and running the app's code before the list could ask for
// its rows, so the server puts the rows in the page itself. The markup shows at once (and without
// JavaScript); the same page as JSON seeds the app's query (web/src/app/first-page.ts), whose live
// table then replaces the markup. The rows are exactly what GET /api/v1/tickets answers the caller for
// that query: the same permission, the same query schema, the tickets module's own list function with
// the caller's Ctx and scope. Anything else (no session, a customer, no permission, a query the screen
// does not read or that does not parse, an error) gets the plain page.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { pageOf } from '../../common/api.ts';
import { isLanguage, LANGUAGE_KEY } from '../../common/languages.ts';
import { DEFAULT_STAFF_QUEUE } from '../../common/ticket-rules.ts';
import { ZTicket, ZTicketListQuery } from '../../common/tickets-api.ts';
import { listTickets } from '../modules/tickets/index.ts';
import type { Ctx } from '../platform/context.ts';
import { jsonForHtml, ticketListHtml } from './ticket-list-html.ts';

/** The ticket list's screen; other console addresses get the plain page. */
const TICKET_LIST_PATH = /^\/console\/tickets\/?$/;
/** The address's parameters the screen reads (TicketsPage.tsx): any other one gets the plain page. */
const SCREEN_PARAMS = new Set(['queue', 'kind', 'status']);
/** The page size of the screen's first request (tickets-query.ts). */
const FIRST_PAGE_SIZE = 50;
const ZTicketPage = pageOf(ZTicket);

export interface FirstPageDeps {
  webRoot: string;
  ctx(request: FastifyRequest): Ctx;
  log: FastifyBaseLogger;
}

/** The screen's filters from its address, or null when the screen would not read them the same way. */
function screenQuery(search: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) {
    if (!SCREEN_PARAMS.has(key) || key in raw) return null;
    raw[key] = value;
  }
  const parsed = ZTicketListQuery.safeParse({
    ...raw,
    queue: raw.queue ?? DEFAULT_STAFF_QUEUE,
    limit: FIRST_PAGE_SIZE,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * console.html with the ticket list's first page inside `#root` when the request may have it, else
 * null (the caller sends the plain file).
 */
export function consoleFirstPage(deps: FirstPageDeps) {
  let template: Promise<string> | undefined;
  return async (request: FastifyRequest): Promise<string | null> => {
    const url = new URL(request.url, 'http://localhost');
    if (!TICKET_LIST_PATH.test(url.pathname)) return null;
    const principal = request.principal;
    if (principal?.kind !== 'staff' || !principal.permissions.has('tickets.read')) return null;
    const query = screenQuery(url.searchParams);
    if (!query) return null;
    try {
      template ??= readFile(path.join(deps.webRoot, 'console.html'), 'utf8');
      const html = await template;
      if (!html.includes('<div id="root"></div>')) return null;
      const ctx = deps.ctx(request);
      const page = ZTicketPage.parse(await listTickets(ctx, query, null));
      // the web app's language choice, mirrored into a cookie (web/src/app/i18n.ts)
      const cookie = request.cookies[LANGUAGE_KEY];
      const lang = isLanguage(cookie) ? cookie : 'zh-CN';
      const filters = { queue: query.queue, kind: query.kind, status: query.status };
      const markup = ticketListHtml({
        lang,
        timeZone: ctx.timeZone,
        now: ctx.clock.now(),
        filters,
        sort: query.sort,
        items: page.items,
      });
      const data = `<script type="application/json" id="first-page">${jsonForHtml({ filters, page })}</script>`;
      return (
        html
          .replace('<html lang="zh-CN">', `<html lang="${lang}">`)
          // Without the console's preloads: fetching and compiling antd's and the screens' code (about
          // 1 MB) competed with the rows' first paint on a small machine (rows at 1.27 s cold against
          // 0.78 s without them, `npm run bench web`); the entry script still loads the app right after.
          .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
          .replace('<div id="root"></div>', () => `<div id="root">${markup}</div>${data}`)
      );
    } catch (err) {
      deps.log.warn({ err }, 'first page of the ticket list not rendered');
      return null;
    }
  };
}
