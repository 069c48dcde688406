// No raw code, key, id or JSON reaches a user (issue 15, "Words"): every role of the demo data walks
// every page its menu offers, plus one detail page of each kind, in Chinese and in English, and the
// rendered text (document.body.innerText) is scanned for snake_case codes, dotted i18n keys, UUIDs
// and JSON. In English, Chinese text is allowed only where it is user data (the demo data is
// Chinese): a Han run must be found in the database's own text. axe-core runs once on each page and
// fails on serious or critical violations. Titles and tab labels must not be cut off or covered, at
// 1440 px and, in English, on a 390 px phone.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../web/src/app/locales/zh-CN.ts';
import { type E2eEnv, startE2e } from './harness.ts';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Tokens that look like codes but are legitimate text: removed before the scan. */
const ALLOWED: RegExp[] = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses (contacts, users) are data the user typed
  /\bhttps?:\/\/\S+/g, // URLs (webhooks, the OpenAPI link) are addresses a user must copy exactly
  /[\w.-]+\.(?:pdf|xlsx|xls|csv|png|jpe?g|gif|webp|mp4|docx?|zip|txt|json|eml)\b/gi, // file names
];

/** Chinese shown on English pages on purpose: the language switch names its language in itself. */
const ALLOWED_HAN = new Set(['中文']);

/** System text the server stores in Chinese: shown in English it must be translated, even though
 * it is found in the database. */
const SYSTEM_HAN = new Set(Object.values(zhCN.parts.systemReasons as Record<string, string>));

const RAW_PATTERNS: [string, RegExp][] = [
  ['snake_case', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g],
  ['dotted key', /\b[a-z][a-zA-Z]+(?:\.[a-zA-Z_][a-zA-Z0-9_]*)+\b/g],
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
  ['json', /[{[]\s*"[^"\n]{0,40}"\s*[:,\]]/g],
];

let env: E2eEnv;
/** Every Han run of the database's text: what may appear untranslated on an English page. */
let dataHan: string;
const details: Record<string, string> = {};

beforeAll(async () => {
  env = await startE2e();
  const pool = env.database.pool;
  const first = async (table: string, where = 'true') =>
    (await pool.query<{ id: string }>(`select id from ${table} where ${where} order by id limit 1`)).rows[0]
      ?.id;
  const hz = `customer_id = (select customer_id from users where username = 'hzmetro')`;
  for (const [kind, table, where] of [
    ['ticket', 'tickets', 'true'],
    ['customer', 'customers', 'true'],
    ['project', 'projects', 'true'],
    ['asset', 'assets', 'true'],
    ['part', 'parts', 'true'],
    ['workOrder', 'work_orders', 'true'],
    ['return', 'return_requests', 'true'],
    ['portalTicket', 'tickets', hz],
    ['portalProject', 'projects', hz],
    ['portalAsset', 'assets', hz],
  ] as const) {
    const id = await first(table, where);
    if (id) details[kind] = id;
  }
  // The demo data has no work order: one is dispatched to the field engineer, as an agent would.
  if (!details.workOrder) details.workOrder = await dispatchWorkOrder(details.ticket!);
  // Read last, so that the data written above counts as data.
  const tables = await pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not in ('blob_chunks', 'sessions', 'idempotency_keys', 'login_attempts')`,
  );
  const runs = new Set<string>();
  for (const { table_name } of tables.rows) {
    const rows = await pool.query<{ t: string }>(`select row_to_json(x)::text as t from "${table_name}" x`);
    for (const r of rows.rows) for (const m of r.t.match(/\p{Script=Han}+/gu) ?? []) runs.add(m);
  }
  dataHan = [...runs].join('\n');
}, 300_000);
afterAll(() => env?.close());

async function dispatchWorkOrder(ticketId: string): Promise<string> {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await logIn(page, 'admin');
  const me = await (await page.request.get(`${env.baseUrl}/api/v1/me`)).json();
  const field = await env.database.pool.query<{ id: string }>(
    `select id from users where username = 'field'`,
  );
  const res = await page.request.post(`${env.baseUrl}/api/v1/tickets/${ticketId}/work-orders`, {
    data: {
      kind: 'repair',
      engineerId: field.rows[0]!.id,
      scheduledAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      summary: '更换应急照明电源模块',
    },
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  const workOrder = await res.json();
  await context.close();
  return workOrder.id;
}

async function logIn(page: Page, username: string) {
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('aftercare-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/(console|portal)$/);
}

/** The menu's addresses as this user sees them (the menu items' test ids name their paths). */
async function menuPaths(page: Page, portal: boolean): Promise<string[]> {
  await page.locator('nav [data-testid^="nav-"]').first().waitFor();
  const ids = await page
    .locator('nav [data-testid^="nav-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => {
    if (portal) {
      const key = id.replace(/^nav-(portal-)?/, '');
      return key === 'home' ? '/portal' : `/portal/${key}`;
    }
    const key = id.replace(/^nav-/, '');
    return key === 'home' ? '/console' : `/console/${key}`;
  });
}

/** Waits until the page has rendered its data: no spinner or skeleton, and the text stable. */
async function settle(page: Page) {
  await page.locator('main').first().waitFor();
  let last = '';
  for (let i = 0; i < 40; i++) {
    const busy = await page.locator('.ant-spin-spinning, .ant-skeleton, .page-loading').count();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user reads
    const text = await page.locator('body').innerText();
    if (!busy && text === last && text.length > 0) return;
    last = text;
    await page.waitForTimeout(150);
  }
}

function rawTokens(text: string): string[] {
  let clean = text;
  for (const re of ALLOWED) clean = clean.replace(re, ' ');
  return RAW_PATTERNS.flatMap(([name, re]) => (clean.match(re) ?? []).map((m) => `${name}: ${m}`));
}

function untranslatedHan(text: string): string[] {
  const runs = text.match(/\p{Script=Han}+/gu) ?? [];
  return [...new Set(runs.filter((r) => !ALLOWED_HAN.has(r) && (SYSTEM_HAN.has(r) || !dataHan.includes(r))))];
}

/** Longer English words must not push tabs into antd's "more" menu or the page past its width. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const more of document.querySelectorAll<HTMLElement>('.ant-tabs-nav-operations')) {
      // antd's "more" menu of tabs that did not fit (on a phone the tabs wrap and it is not shown).
      if (
        !more.classList.contains('ant-tabs-nav-operations-hidden') &&
        getComputedStyle(more).display !== 'none'
      )
        found.push(
          `tabs overflow: ${more.closest('.ant-tabs')?.querySelector('.ant-tabs-tab')?.textContent}`,
        );
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      found.push(
        `page wider than the window by ${document.documentElement.scrollWidth - window.innerWidth}px`,
      );
    return found;
  });
}

/**
 * Titles and tab labels are read whole: a page or card title, a heading, a modal title or a tab label
 * whose text is wider than its box (cut off or ellipsed), or a page title that something else covers,
 * is a problem — longer English words are where this shows first, at 1440 px and on a 390 px phone.
 */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visible = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const label = (el: HTMLElement) => (el.textContent ?? '').trim().slice(0, 40);
    const selector =
      'main h1, main h2, main h3, main h4, .page-title, .ant-card-head-title, .ant-modal-title, .ant-drawer-title, .ant-tabs-tab-btn, .ant-segmented-item-label';
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (!visible(el) || !label(el)) continue;
      // Hidden tabs (antd's overflow menu) are reported by overflow(); here the ones on screen.
      if (el.closest('.ant-tabs-nav-operations, .ant-tabs-dropdown')) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2)
        found.push(
          `clipped title: "${label(el)}" (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
        );
    }
    for (const title of document.querySelectorAll<HTMLElement>('main h1, .page-title')) {
      if (!visible(title)) continue;
      const r = title.getBoundingClientRect();
      const x = Math.min(r.left + 8, r.right - 1);
      const y = r.top + r.height / 2;
      if (y < 0 || y > window.innerHeight) continue;
      const top = document.elementFromPoint(x, y);
      if (top && !title.contains(top) && !top.contains(title))
        found.push(
          `covered title: "${label(title)}" under ${top.tagName.toLowerCase()}.${[...top.classList].join('.')}`,
        );
    }
    return found;
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; any: { message: string }[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as {
            axe: { run(c: object, o: object): Promise<{ violations: AxeViolation[] }> };
          }
        ).axe.run(
          // antd's table measuring row is hidden from everyone and holds no control a user reaches.
          { exclude: [['.ant-table-measure-row']] },
          { resultTypes: ['violations'] },
        )
      ).violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 90)} ${n.any[0]?.message ?? ''}`)
          .join(' | ')}`,
    );
}

const ROLES = [
  { user: 'admin', portal: false },
  { user: 'manager', portal: false },
  { user: 'agent', portal: false },
  { user: 'field', portal: false },
  { user: 'storekeeper', portal: false },
  // The role dashboards (issue 19): the quality engineer's and the trainer's menus and home figures.
  { user: 'quality', portal: false },
  { user: 'trainer', portal: false },
  { user: 'hzmetro', portal: true },
] as const;

const MAINTENANCE_TABS = [
  'templates',
  'campaigns',
  'date-requests',
  'compliance',
  'tuning',
  'settings',
  'records',
] as const;

function detailPaths(portal: boolean): string[] {
  if (portal)
    return [
      details.portalTicket && `/portal/tickets/${details.portalTicket}`,
      details.portalProject && `/portal/projects/${details.portalProject}`,
      details.portalAsset && `/portal/assets/${details.portalAsset}`,
      '/portal/profile',
    ].filter((p): p is string => Boolean(p));
  return [
    `/console/tickets/${details.ticket}`,
    `/console/customers/${details.customer}`,
    `/console/projects/${details.project}`,
    `/console/assets/${details.asset}`,
    `/console/parts/${details.part}`,
    `/console/jobs/${details.workOrder}`,
    ...(details.return ? [`/console/returns/${details.return}`] : []),
    '/console/profile',
    // The maintenance page's tabs (the menu opens its first): each has its own address.
    ...MAINTENANCE_TABS.map((tab) => `/console/maintenance?tab=${tab}`),
  ];
}

// A page shared by roles is scanned for the first role that reaches it (its words do not depend on
// the role), except the home page, which is each role's own workbench; axe runs once per page.
const scanned = new Set<string>();
const axed = new Set<string>();

async function scanRole(role: (typeof ROLES)[number], lang: 'zh-CN' | 'en'): Promise<string[]> {
  const problems: string[] = [];
  // bypassCSP: the app's policy forbids inline scripts, and axe is injected as one.
  const context = await env.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    bypassCSP: true,
  });
  await context.addInitScript((l) => localStorage.setItem('aftercare.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, role.user);
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  const paths = [...(await menuPaths(page, role.portal)), ...detailPaths(role.portal)];
  for (const path of paths) {
    const home = path === '/console' || path === '/portal';
    const key = `${lang} ${home ? role.user : ''} ${path}`;
    if (scanned.has(key)) continue;
    scanned.add(key);
    await page.goto(`${env.baseUrl}${path}`);
    await settle(page);
    const where = `${role.user} ${lang} ${path}`;
    if (page.url().includes('/forbidden')) continue; // a detail page this role may not open
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user reads
    const text = await page.locator('body').innerText();
    const found = rawTokens(text);
    if (lang === 'en') found.push(...untranslatedHan(text).map((h) => `Chinese: ${h}`));
    found.push(...(await overflow(page)));
    found.push(...(await clipped(page)));
    // English on a 390 px phone too: longer words are where titles and tabs get cut.
    if (lang === 'en') {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(200);
      // (Tables scroll inside their own box on a phone; here the tabs and the titles.)
      const tabs = (await overflow(page)).filter((o) => o.startsWith('tabs'));
      found.push(...tabs.map((o) => `390px ${o}`));
      found.push(...(await clipped(page)).map((o) => `390px ${o}`));
      // SCAN_SHOTS=<dir> keeps a picture of each page at 390 px (to look at what the checks saw).
      if (process.env.SCAN_SHOTS)
        await page.screenshot({
          path: `${process.env.SCAN_SHOTS}/${role.user}${path.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`,
        });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    const axeKey = home ? `${role.user} ${path}` : path;
    if (lang === 'zh-CN' && !axed.has(axeKey)) {
      axed.add(axeKey);
      found.push(...(await axeViolations(page)).map((v) => `axe ${v}`));
    }
    problems.push(...found.map((f) => `${where}: ${f}`));
    // SCAN_PROGRESS=<file> logs each page as it is scanned (to see where a slow run spends its time).
    if (process.env.SCAN_PROGRESS)
      fs.appendFileSync(
        process.env.SCAN_PROGRESS,
        `${new Date().toISOString()} ${where}\n${found.join('\n')}\n`,
      );
  }
  problems.push(...errors.map((e) => `${role.user} ${lang}: script error: ${e}`));
  await context.close();
  return problems;
}

describe('no raw code, key, id or JSON on any page, and no serious axe violation', () => {
  for (const role of ROLES)
    for (const lang of ['zh-CN', 'en'] as const)
      it(`${role.user} in ${lang}: every menu page and one detail page of each kind`, async () => {
        expect(await scanRole(role, lang)).toEqual([]);
      }, 1_200_000);
});
