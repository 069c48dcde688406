// The console's first render from a cold cache, checked by what it fetches rather than by a clock
// (bench/web.bench.ts measures the time): an agent's ticket list gets every script and stylesheet it
// needs named in its HTML, so the browser fetches them all in one round trip after the page, brotli
// compressed and cached for good; the login page stays free of antd. The list's first rows come in
// the HTML (server/first-page): shown without JavaScript, then replaced by the live table.

import path from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE } from '../server/platform/web-app.ts';
import { type E2eEnv, SCREENSHOT_DIR, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

const isCode = (request: Request) => ['script', 'stylesheet'].includes(request.resourceType());
const pathOf = (url: string) => new URL(url).pathname;

describe('first render of the console', () => {
  it("fetches the agent's ticket list code straight from the plain page's HTML: compressed, cached for good, no chunk found late", async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    try {
      const login = await context.request.post(`${env.baseUrl}/api/v1/auth/login`, {
        data: { username: 'agent', password: 'aftercare-demo' },
      });
      expect(login.ok()).toBe(true);
      // more unassigned tickets than a screenful (the demo has a few)
      const { csrfToken } = await (await context.request.get(`${env.baseUrl}/api/v1/me`)).json();
      const customers = await (await context.request.get(`${env.baseUrl}/api/v1/customers?limit=1`)).json();
      for (let i = 0; i < 17; i++) {
        const created = await context.request.post(`${env.baseUrl}/api/v1/tickets`, {
          headers: { 'x-csrf-token': csrfToken },
          data: {
            kind: 'fault_report',
            customerId: customers.items[0].id,
            subject: `路灯不亮 ${i}`,
            description: '首屏测试',
          },
        });
        expect(created.status(), await created.text()).toBe(201);
      }
      // The page with the rows in it preloads no code: the rows paint before the app's code competes
      // for the machine (first-page.ts). The plain console page (any address the server does not
      // render, here one with a parameter the screen does not read) names all of it.
      const withRows = await (await context.request.get(`${env.baseUrl}/console/tickets`)).text();
      expect(withRows).toContain('data-row-key');
      expect(withRows).not.toContain('modulepreload');
      const plainUrl = `${env.baseUrl}/console/tickets?from=first-render-test`;
      const html = await (await context.request.get(plainUrl)).text();
      expect(html).not.toContain('data-row-key');
      const page = await context.newPage();
      const code: Request[] = [];
      page.on('request', (request) => {
        if (isCode(request)) code.push(request);
      });
      await page.goto(plainUrl);
      await page.locator('tr[data-row-key]').first().waitFor();
      const fetched = code.map((r) => pathOf(r.url()));
      // the first screenful of rows renders first (progressive-rows.ts), then every row of the page
      const firstPage = (await (
        await context.request.get(`${env.baseUrl}/api/v1/tickets?queue=unassigned&limit=50`)
      ).json()) as { items: unknown[] };
      expect(firstPage.items.length).toBeGreaterThan(16);
      await expect.poll(() => page.locator('tr[data-row-key]').count()).toBe(firstPage.items.length);

      // every script and stylesheet of the first render is named in the page (none waits for another)
      expect(fetched.filter((file) => !html.includes(`"${file}"`))).toEqual([]);
      // a few long-cached chunks, not dozens of small ones
      expect(fetched.length).toBeLessThanOrEqual(14);
      expect(fetched.some((file) => /\/assets\/antd-.*\.js$/.test(file))).toBe(true);
      for (const request of code) {
        const response = await request.response();
        const headers = response?.headers() ?? {};
        // the build compresses every file of 1 kB or more (vite.config.ts)
        if (Number(headers['content-length']) >= 1024) {
          expect(headers['content-encoding'], request.url()).toBe('br');
        }
        expect(headers['cache-control'], request.url()).toBe(IMMUTABLE);
      }
    } finally {
      await context.close();
    }
  });

  it("shows the login page without antd's code or stylesheet", async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const fetched: string[] = [];
      page.on('request', (request) => {
        if (isCode(request)) fetched.push(pathOf(request.url()));
      });
      await page.goto(`${env.baseUrl}/login`);
      await page.getByTestId('login-submit').waitFor();
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.filter((file) => /\/assets\/(antd|AntShell|console)-/.test(file))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the rows of the first page without JavaScript, at 1440 px and on a phone, in Chinese and English', async () => {
    const subject = '<img src=x onerror=alert(1)> 首屏';
    await createTicket(subject);
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const width of [1440, 390]) {
        const context = await env.browser.newContext({
          javaScriptEnabled: false,
          locale: lang,
          viewport: { width, height: 800 },
        });
        try {
          await logIn(context, lang);
          const page = await context.newPage();
          await page.goto(`${env.baseUrl}/console/tickets`);
          const rows = page.locator('tr[data-row-key]');
          await rows.first().waitFor();
          const firstPage = (await (
            await context.request.get(`${env.baseUrl}/api/v1/tickets?queue=unassigned&limit=50`)
          ).json()) as { items: unknown[] };
          expect(await rows.count()).toBe(firstPage.items.length);
          // the customer's words are text, not markup
          await expect.poll(() => page.getByText(subject).count()).toBe(1);
          expect(await page.locator('main img').count()).toBe(0);
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          await page.getByRole('columnheader', { name: lang === 'en' ? 'Subject' : '标题' }).waitFor();
          // the tabs and the numbers are links that work without the app
          staticTop[`${lang}-${width}`] = await topsOf(page);
          const number = rows.first().locator('a.ticket-number');
          expect(await number.getAttribute('href')).toMatch(/^\/console\/tickets\/[0-9a-f-]{36}$/);
          await page.getByRole('tab', { name: lang === 'en' ? 'All' : '全部' }).click();
          await page.waitForURL(/queue=all/);
          await rows.first().waitFor();
          // nothing of the frame overflows the phone's width but the table's own scrolling box
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          await shot(page, `first-page-static-${lang}-${width}`);
        } finally {
          await context.close();
        }
      }
    }
  });

  it('hands the rows over to the live table without fetching them again', async () => {
    for (const [lang, width] of [
      ['zh-CN', 1440],
      ['en', 1440],
      ['zh-CN', 390],
      ['en', 390],
    ] as const) {
      const context = await env.browser.newContext({ locale: lang, viewport: { width, height: 800 } });
      try {
        await context.addInitScript((l) => localStorage.setItem('aftercare.language', l), lang);
        await logIn(context, lang);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        const listRequests: string[] = [];
        page.on('request', (r) => {
          if (new URL(r.url()).pathname === '/api/v1/tickets') listRequests.push(r.url());
        });
        const firstPage = (await (
          await context.request.get(`${env.baseUrl}/api/v1/tickets?queue=unassigned&limit=50`)
        ).json()) as { items: unknown[] };
        await page.goto(`${env.baseUrl}/console/tickets`);
        // the live table: its rows have the selection boxes the server's markup does not draw
        await page.locator('tr[data-row-key] .ant-checkbox-input').first().waitFor();
        // every row at once (not a screenful first): the page keeps its height
        expect(await page.locator('tr[data-row-key]').count()).toBe(firstPage.items.length);
        // the app took the page from the HTML instead of asking for it
        expect(listRequests).toEqual([]);
        // in the same place as the server's markup: the tabs, the table's header and its first row
        expect(staticTop[`${lang}-${width}`]).toBeDefined();
        expect(await topsOf(page)).toEqual(staticTop[`${lang}-${width}`]);
        await shot(page, `first-page-live-${lang}-${width}`);
        await page.getByTestId('queue-all').click();
        await expect.poll(() => listRequests.some((u) => u.includes('queue=all'))).toBe(true);
        await expect.poll(() => page.getByTestId('queue-all').getAttribute('aria-selected')).toBe('true');
        await page.locator('tr[data-row-key]').first().waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});

/** The static page's positions (topsOf), by language and width, for the live page to match. */
const staticTop: Record<string, number[]> = {};
/** Where the tabs, the table's header and its first row start on the page. */
const topsOf = (page: Page) =>
  page.evaluate(() =>
    ['[role=tablist]', 'thead', 'tr[data-row-key]'].map((sel) =>
      Math.round(document.querySelector(sel)!.getBoundingClientRect().top),
    ),
  );

/** What the screen shows (not the whole page: the live table's rows beyond it come a moment later). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

/** Logs the context in as the demo agent, the app's language chosen (the cookie the app writes). */
async function logIn(context: BrowserContext, lang: 'zh-CN' | 'en') {
  await context.addCookies([{ name: 'aftercare.language', value: lang, url: env.baseUrl }]);
  const login = await context.request.post(`${env.baseUrl}/api/v1/auth/login`, {
    data: { username: 'agent', password: 'aftercare-demo' },
  });
  expect(login.ok()).toBe(true);
}

async function createTicket(subject: string) {
  const context = await env.browser.newContext();
  try {
    await logIn(context, 'zh-CN');
    const { csrfToken } = await (await context.request.get(`${env.baseUrl}/api/v1/me`)).json();
    const customers = await (await context.request.get(`${env.baseUrl}/api/v1/customers?limit=1`)).json();
    const created = await context.request.post(`${env.baseUrl}/api/v1/tickets`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { kind: 'fault_report', customerId: customers.items[0].id, subject, description: '首屏测试' },
    });
    expect(created.status(), await created.text()).toBe(201);
  } finally {
    await context.close();
  }
}
