// The console's ticket list as static markup: the first page of rows the server puts in the HTML, so
// they show before the app's code has loaded (first-page.ts). It copies the React screen's markup
// (TicketsPage.tsx inside ConsoleLayout.tsx, antd's class names) so that the live table replaces it
// without a jump; the texts are the web app's own locale files.
import { DEFAULT_WARNING_MS, formatDuration } from '../../common/durations.ts';
import type { Language } from '../../common/languages.ts';
import { escapeHtml } from '../../common/markdown.ts';
import { TICKET_QUEUES, type TTicket, type TTicketSort } from '../../common/tickets-api.ts';
import { en } from '../../web/src/app/locales/en.ts';
import { zhCN } from '../../web/src/app/locales/zh-CN.ts';
import { CATEGORY_COLOR, PRIORITY_COLOR } from '../../web/src/features/tickets/ticket-colors.ts';

export interface TicketListView {
  lang: Language;
  /** The organisation's time zone: the dates of the list. */
  timeZone: string;
  now: Date;
  /** The list's filters as the screen reads them from its address (queue, kind, status). */
  filters: { queue: string; kind?: string; status?: string };
  sort: TTicketSort;
  items: TTicket[];
}

/** The prebuilt antd stylesheet's variables (antd.css declares its default theme under this class). */
const CSS_VAR = 'css-var-_R_0_';

type Vars = Record<string, string>;
function translator(lang: Language) {
  const texts = lang === 'en' ? en : zhCN;
  return (key: string, vars: Vars = {}) => {
    let node: unknown = texts;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    const text = typeof node === 'string' ? node : key;
    return escapeHtml(text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? ''));
  };
}

const tag = (color: string, text: string, attrs = '') =>
  `<span${attrs} class="ant-tag ant-tag-filled ant-tag-${color} ${CSS_VAR}">${text}</span>`;

const CARET_UP =
  '<svg viewBox="0 0 1024 1024" focusable="false" data-icon="caret-up" width="1em" height="1em" fill="currentColor" aria-hidden="true"><path d="M858.9 689L530.5 308.2c-9.4-10.9-27.5-10.9-37 0L165.1 689c-12.2 14.2-1.2 35 18.5 35h656.8c19.7 0 30.7-20.8 18.5-35z"></path></svg>';
const CARET_DOWN =
  '<svg viewBox="0 0 1024 1024" focusable="false" data-icon="caret-down" width="1em" height="1em" fill="currentColor" aria-hidden="true"><path d="M840.4 300H183.6c-19.7 0-30.7 20.8-18.5 35l328.4 380.8c9.4 10.9 27.5 10.9 37 0L858.9 335c12.2-14.2 1.2-35-18.5-35z"></path></svg>';

const DOWNLOAD_ICON =
  '<span role="img" class="anticon anticon-download"><svg viewBox="64 64 896 896" focusable="false" width="1em" height="1em" fill="currentColor" aria-hidden="true"><path d="M505.7 661a8 8 0 0012.6 0l112-141.7c4.1-5.2.4-12.9-6.3-12.9h-74.1V168c0-4.4-3.6-8-8-8h-60c-4.4 0-8 3.6-8 8v338.3H400c-6.7 0-10.4 7.7-6.3 12.9l112 141.8zM878 626h-60c-4.4 0-8 3.6-8 8v154H214V634c0-4.4-3.6-8-8-8h-60c-4.4 0-8 3.6-8 8v198c0 17.7 14.3 32 32 32h684c17.7 0 32-14.3 32-32V634c0-4.4-3.6-8-8-8z"></path></svg></span>';
const PLUS_ICON =
  '<span role="img" class="anticon anticon-plus"><svg viewBox="64 64 896 896" focusable="false" width="1em" height="1em" fill="currentColor" aria-hidden="true"><path d="M482 152h60q8 0 8 8v704q0 8-8 8h-60q-8 0-8-8V160q0-8 8-8z"></path><path d="M192 474h672q8 0 8 8v60q0 8-8 8H160q-8 0-8-8v-60q0-8 8-8z"></path></svg></span>';

/** A header cell of a column the list can be sorted by, its order arrows as antd draws them. */
function sortableHeader(title: string, active: 'ascending' | 'descending' | null) {
  const arrow = (dir: 'up' | 'down', svg: string, on: boolean) =>
    `<span role="img" class="anticon anticon-caret-${dir} ant-table-column-sorter-${dir}${on ? ' active' : ''}">${svg}</span>`;
  return (
    `<th${active ? ` aria-sort="${active}"` : ''} class="ant-table-cell${active ? ' ant-table-column-sort' : ''} ant-table-column-has-sorters" scope="col">` +
    `<div class="ant-table-column-sorters"><span class="ant-table-column-title">${title}</span>` +
    `<span class="ant-table-column-sorter ant-table-column-sorter-full"><span class="ant-table-column-sorter-inner" aria-hidden="true">` +
    `${arrow('up', CARET_UP, active === 'ascending')}${arrow('down', CARET_DOWN, active === 'descending')}</span></span></div></th>`
  );
}

interface Column {
  title: string;
  width: number;
  sort?: TTicketSort;
  cell: (tk: TTicket) => string;
}

/** The screen's address with these filters (the tabs keep the kind and status, as the screen does). */
function listHref(filters: TicketListView['filters'], queue: string) {
  const params = new URLSearchParams({ queue });
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.status) params.set('status', filters.status);
  return `/console/tickets?${escapeHtml(params.toString())}`;
}

/** The list's columns, in TicketsPage.tsx's order and widths. */
function columns(view: TicketListView, t: ReturnType<typeof translator>): Column[] {
  const dateTime = new Intl.DateTimeFormat(view.lang, {
    timeZone: view.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const now = view.now.getTime();
  const sla = (tk: TTicket) => {
    if (!tk.slaDueAt) return tk.slaBreached ? tag('red', t('sla.breached')) : '<span>—</span>';
    const due = new Date(tk.slaDueAt).getTime();
    const left = Math.round((due - now) / 1000);
    const over = left <= 0;
    const color = over || tk.slaBreached ? 'red' : now >= due - DEFAULT_WARNING_MS ? 'orange' : 'green';
    const text = over
      ? t('sla.overBy', { time: formatDuration(-left) })
      : t('sla.left', { time: formatDuration(left) });
    return tag(color, text, ` data-testid="sla-countdown" data-state="${color}"`);
  };
  return [
    {
      title: t('tickets.number'),
      width: 150,
      sort: 'number',
      cell: (tk) =>
        `<a class="ticket-number" href="/console/tickets/${encodeURIComponent(tk.id)}">${escapeHtml(tk.number)}</a>`,
    },
    {
      title: t('tickets.subject'),
      width: 280,
      cell: (tk) => (tk.emergency ? tag('red', t('tickets.emergency')) : '') + escapeHtml(tk.subject),
    },
    { title: t('tickets.kind'), width: 100, cell: (tk) => t(`ticketKinds.${tk.kind}`) },
    { title: t('tickets.customer'), width: 180, cell: (tk) => escapeHtml(tk.customerName) },
    {
      title: t('tickets.status'),
      width: 110,
      cell: (tk) => tag(CATEGORY_COLOR[tk.statusCategory] ?? 'default', t(`ticketStatus.${tk.status}`)),
    },
    {
      title: t('tickets.priority'),
      width: 100,
      sort: 'priority',
      cell: (tk) => tag(PRIORITY_COLOR[tk.priority] ?? 'default', t(`priorities.${tk.priority}`)),
    },
    { title: t('tickets.assignee'), width: 130, cell: (tk) => escapeHtml(tk.assigneeName ?? '') },
    { title: t('sla.column'), width: 150, sort: 'due', cell: sla },
    {
      title: t('tickets.created'),
      width: 170,
      sort: 'created',
      cell: (tk) => escapeHtml(dateTime.format(new Date(tk.createdAt))),
    },
    {
      title: t('tickets.updated'),
      width: 170,
      sort: 'updated',
      cell: (tk) => escapeHtml(dateTime.format(new Date(tk.updatedAt))),
    },
  ];
}

/** The sorted column's direction as the screen shows it (the server's default order of the sort). */
const SORT_DIRECTION: Record<TTicketSort, 'ascending' | 'descending'> = {
  created: 'descending',
  updated: 'descending',
  due: 'ascending',
  priority: 'descending',
  number: 'ascending',
};

function table(view: TicketListView, t: ReturnType<typeof translator>) {
  const cols = columns(view, t);
  const sorted = (c: Column) => c.sort === view.sort;
  const cell = (c: Column, inner: string) =>
    `<td class="ant-table-cell${sorted(c) ? ' ant-table-column-sort' : ''}">${inner}</td>`;
  const head = cols
    .map((c) =>
      c.sort
        ? sortableHeader(c.title, sorted(c) ? SORT_DIRECTION[view.sort] : null)
        : `<th class="ant-table-cell" scope="col">${c.title}</th>`,
    )
    .join('');
  const rows = view.items
    .map(
      (tk) =>
        `<tr class="ant-table-row ant-table-row-level-0" data-row-key="${escapeHtml(tk.id)}">` +
        `<td class="ant-table-cell ant-table-selection-column"></td>${cols.map((c) => cell(c, c.cell(tk))).join('')}</tr>`,
    )
    .join('');
  return (
    `<div class="${CSS_VAR} ant-table-css-var ant-table-wrapper wide-table"><div class="ant-spin ${CSS_VAR}"><div class="ant-spin-container">` +
    `<div class="ant-table ant-table-medium ${CSS_VAR} ant-table-css-var"><div class="ant-table-container"><div class="ant-table-content">` +
    `<table style="table-layout:auto"><colgroup><col class="ant-table-selection-col">${cols.map((c) => `<col style="width:${c.width}px">`).join('')}</colgroup>` +
    `<thead class="ant-table-thead"><tr><th class="ant-table-cell ant-table-selection-column" scope="col"></th>${head}</tr></thead>` +
    `<tbody class="ant-table-tbody">${rows}</tbody></table></div></div></div></div></div></div>`
  );
}

/**
 * The console's frame (header, side menu's place, content padding: the phone's layout by CSS,
 * first-page rules in shell.css), the queue tabs as links, the toolbar's links and the table.
 */
export function ticketListHtml(view: TicketListView): string {
  const t = translator(view.lang);
  const tabs = TICKET_QUEUES.map((q) => {
    const active = q === view.filters.queue;
    return `<a role="tab" aria-selected="${active}" class="queue-tab${active ? ' queue-tab-active' : ''}" href="${listHref(view.filters, q)}">${t(`tickets.queues.${q}`)}</a>`;
  }).join('');
  // the mail triage tab works only in the live screen (it is no address of its own)
  const mailTab = `<span role="tab" aria-selected="false" class="queue-tab">${t('mail.tab')}</span>`;
  const exportParams = new URLSearchParams({ lang: view.lang });
  for (const [key, value] of Object.entries(view.filters)) if (value) exportParams.set(key, value);
  const button = (kind: 'default' | 'primary', inner: string) =>
    `ant-btn ${CSS_VAR} ant-btn-${kind} ant-btn-color-${kind} ant-btn-variant-${kind === 'primary' ? 'solid' : 'outlined'}">${inner}`;
  // The live toolbar's search and filters need the app: their places are kept (hidden boxes of their
  // sizes) so that the toolbar wraps as the live one does on a phone and nothing moves when it comes.
  const slot = (width: number) => `<span class="first-page-slot" style="width:${width}px"></span>`;
  const toolbar =
    `<div class="toolbar">${slot(260)}${slot(140)}${slot(140)}` +
    `<div class="ant-space ant-space-horizontal ant-space-align-center ant-space-gap-row-small ant-space-gap-col-small ${CSS_VAR}">` +
    `<div class="ant-space-item">${slot(160)}</div><div class="ant-space-item"><span aria-hidden="true" class="first-page-slot ${button('default', `<span>${t('filters.saveCurrent')}</span>`)}</span></div></div>` +
    `<a href="/api/v1/tickets/export?${escapeHtml(exportParams.toString())}" class="${button('default', `<span class="ant-btn-icon">${DOWNLOAD_ICON}</span><span>${t('common.exportExcel')}</span>`)}</a>` +
    `<a href="/console/tickets/new" class="${button('primary', `<span class="ant-btn-icon">${PLUS_ICON}</span><span>${t('tickets.new')}</span>`)}</a></div>`;
  return (
    `<div class="ant-app ${CSS_VAR} first-page"><div class="ant-layout ${CSS_VAR}" style="min-height:100vh">` +
    `<header class="ant-layout-header ${CSS_VAR} first-page-header"><span class="first-page-menu-space"></span>` +
    `<div class="first-page-title">${t('app.consoleTitle')}</div></header>` +
    `<div class="ant-layout ant-layout-has-sider ${CSS_VAR}">` +
    `<aside class="ant-layout-sider ant-layout-sider-light ${CSS_VAR} first-page-sider" aria-label="${t('nav.main')}"></aside>` +
    `<main class="ant-layout-content ${CSS_VAR} first-page-content"><h1 class="page-title">${t('nav.tickets')}</h1>` +
    `<div role="tablist" aria-label="${t('tickets.queueTabs')}" class="queue-tabs">${tabs}${mailTab}</div>` +
    `${toolbar}${table(view, t)}</main></div></div></div>`
  );
}

/**
 * The page's data for the app (first-page.ts in the web app), as JSON inside a `type="application/json"`
 * script: `<` is escaped so no `</script>` or comment can close it, and U+2028/2029 for old parsers.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
