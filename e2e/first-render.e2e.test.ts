// The console's first render from a cold cache, checked by what it fetches rather than by a clock
// (bench/web.bench.ts measures the time): an agent's ticket list gets every script and stylesheet it
// needs named in its HTML, so the browser fetches them all in one round trip after the page, brotli
// compressed and cached for good; the login page stays free of antd.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE } from '../server/platform/web-app.ts';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

const isCode = (request: Request) => ['script', 'stylesheet'].includes(request.resourceType());
const pathOf = (url: string) => new URL(url).pathname;

describe('first render of the console', () => {
  it("fetches the agent's ticket list code straight from its HTML: compressed, cached for good, no chunk found late", async () => {
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
      const html = await (await context.request.get(`${env.baseUrl}/console/tickets`)).text();
      const page = await context.newPage();
      const code: Request[] = [];
      page.on('request', (request) => {
        if (isCode(request)) code.push(request);
      });
      await page.goto(`${env.baseUrl}/console/tickets`);
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
});
