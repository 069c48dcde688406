// The workbench in Chromium: an agent's home whose figures open the queue behind them, the console's
// global search (`/`) finding a ticket, the shortcut list under `?`, and the field engineer's home on
// a 390 px phone, whose first screen is his jobs. Screenshots in Chinese and English.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekBounds } from '../server/modules/workbench/rules.ts';
import { type E2eEnv, screenshot, startE2e } from './harness.ts';

let env: E2eEnv;
let ticket: { id: string; number: string };
let fieldId: string;

beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

async function newPage(width = 1440): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  return { context, page: await context.newPage() };
}

async function logIn(page: Page, username: string) {
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('aftercare-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/(console|portal)$/);
}

/** The API as the logged-in user of the page (cookie + CSRF token). */
async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown) {
  const me = await (await page.request.get(`${env.baseUrl}/api/v1/me`)).json();
  const res = await page.request.fetch(`${env.baseUrl}${path}`, {
    method,
    data: data as object,
    headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

async function toEnglish(page: Page) {
  await page.getByTestId('language-switch').click();
  await page.getByText('English', { exact: true }).click();
}

/** No raw keys, snake_case codes or ids in the rendered text. */
async function rawText(page: Page) {
  const text = await page.locator('body').innerText();
  return (
    text.match(
      /\b[a-z]+\.[a-z]+[A-Z]\w*\b|\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z.]+\b|[0-9a-f]{8}-[0-9a-f]{4}-/g,
    ) ?? []
  );
}

describe('home pages', () => {
  it("an agent's home counts his tickets, and a figure opens the queue behind it", async () => {
    const { context, page } = await newPage();
    await logIn(page, 'agent');
    const me = await (await page.request.get(`${env.baseUrl}/api/v1/me`)).json();
    const customers = await api(page, 'GET', '/api/v1/customers?q=HZ-METRO');
    ticket = await api(page, 'POST', '/api/v1/tickets', {
      kind: 'fault_report',
      customerId: customers.items[0].id,
      subject: '隧道应急灯不亮',
      description: '2 号隧道应急灯不亮',
    });
    await api(page, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, assigneeId: me.id });
    const staff = await api(page, 'GET', '/api/v1/staff-directory?role=field_engineer');
    fieldId = staff.find((s: { displayName: string }) => s.displayName.includes('刘工')).id;
    // A few minutes ago: today's list at any hour (it holds overdue jobs), where an hour ahead is
    // tomorrow's after 23:00 in the organisation's zone.
    const today = new Date(Date.now() - 5 * 60_000).toISOString();
    await api(page, 'POST', `/api/v1/tickets/${ticket.id}/work-orders`, {
      kind: 'repair',
      engineerId: fieldId,
      scheduledAt: today,
      summary: '更换隧道应急灯',
    });

    await page.reload();
    const assigned = page.getByTestId('wb-mine-assigned');
    await expect.poll(async () => Number((await assigned.innerText()).match(/\d+/)?.[0])).toBeGreaterThan(0);
    await page.getByTestId('wb-breached').waitFor();
    await page.getByTestId('wb-quick-entry').waitFor();
    expect(await rawText(page)).toEqual([]);
    await screenshot(page, 'home-agent-1440-zh');

    await assigned.click();
    await page.waitForURL('**/console/tickets?queue=mine&status=assigned');
    await page.getByText(ticket.number).waitFor();
    // j highlights the first row, Enter opens it.
    await page.keyboard.press('j');
    await page.locator('.row-cursor').waitFor();
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').getByText('分配给我').waitFor();
    await screenshot(page, 'shortcuts-zh');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'hidden' });

    await page.goto(`${env.baseUrl}/console`);
    await toEnglish(page);
    await expect.poll(() => page.getByTestId('wb-desk').innerText()).toContain('My open tickets');
    expect(await rawText(page)).toEqual([]);
    await screenshot(page, 'home-agent-1440-en');
    await context.close();
  });

  it('the search box, opened with /, finds a ticket by number as one types', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'agent');
    await page.getByTestId('wb-desk').waitFor();
    await page.keyboard.press('/');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('global-search');
    await page.keyboard.type(ticket.number, { delay: 20 });
    const hit = page.getByTestId('search-hit-ticket').first();
    await hit.waitFor();
    await page.getByTestId('search-group-ticket').waitFor();
    await screenshot(page, 'search-zh');
    await hit.click();
    await page.waitForURL(`**/console/tickets/${ticket.id}`);
    await context.close();
  });

  it("a field engineer's phone opens on his jobs, today's first with the on-site deadline", async () => {
    for (const lang of ['zh', 'en'] as const) {
      const { context, page } = await newPage(390);
      await logIn(page, 'field');
      if (lang === 'en') await toEnglish(page);
      const today = page.getByTestId('wb-jobs-today');
      await today.waitFor();
      await today.getByText('更换隧道应急灯').waitFor();
      // The jobs are the first screen: their card starts within the first viewport.
      const box = await today.boundingBox();
      expect(box!.y).toBeLessThan(300);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((el) => `${el.tagName}.${el.className}`),
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, wide.join(' | ')).toBeLessThanOrEqual(0);
      expect(await rawText(page)).toEqual([]);
      await screenshot(page, `home-field-390-${lang}`);
      await today.getByText('更换隧道应急灯').click();
      await page.waitForURL('**/console/jobs/*');
      await context.close();
    }
  });

  it("a trainer's home lists his sessions of this week, and one opens the session", async () => {
    const { context, page } = await newPage(390);
    await logIn(page, 'trainer');
    const me = await api(page, 'GET', '/api/v1/me');
    const courses = await api(page, 'GET', '/api/v1/training/courses');
    const startsAt = new Date(Date.now() + 10 * 60_000);
    const session = await api(page, 'POST', '/api/v1/training/sessions', {
      courseId: courses[0].id,
      trainerId: me.id,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      venue: '主楼二层会议室',
    });
    await page.goto(`${env.baseUrl}/console`);
    await page.getByTestId('wb-sessions').waitFor();
    // Ten minutes from now is next week only in the last ten minutes of a Sunday (organisation's zone).
    const zone = me.organisationTimeZone as string;
    const sameWeek = weekBounds(new Date(), zone).to.getTime() > startsAt.getTime();
    const line = page.getByTestId('wb-session').filter({ hasText: '主楼二层会议室' });
    if (sameWeek) {
      await line.first().click();
      await page.waitForURL(`**/console/training?tab=sessions&session=${session.id}`);
      await page.locator('.ant-drawer-open').waitFor();
    } else expect(await line.count()).toBe(0);
    await screenshot(page, 'home-trainer-390-zh');
    await context.close();
  });

  it('the manager, the storekeeper and a customer see their own workbench', async () => {
    for (const [user, testId, width] of [
      ['manager', 'wb-manager', 1440],
      ['storekeeper', 'wb-stock', 1440],
      ['trainer', 'wb-sessions', 1440],
      ['hzmetro', 'wb-portal-requests', 390],
    ] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const { context, page } = await newPage(width);
        await logIn(page, user);
        if (lang === 'en') await toEnglish(page);
        await page.getByTestId(testId).waitFor();
        await page.locator('.ant-skeleton').waitFor({ state: 'detached' });
        expect(await rawText(page), `${user} ${lang}`).toEqual([]);
        await screenshot(page, `home-${user}-${width}-${lang}`);
        await context.close();
      }
    }
  }, 300_000);
});
