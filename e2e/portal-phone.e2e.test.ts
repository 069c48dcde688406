// The customer portal in Chromium on a 390 px phone and at 1440 px: a fault reported with a photo,
// its urgency and the phone to call back, on equipment picked by name and location; the lists are
// cards without sideways scrolling; the ticket page shows the customer's progress without the
// department's internal steps (转交技术支持, internal notes, status moves); no time zone, coordinates,
// raw code, key or id anywhere. Screenshots in Chinese and English go to /tmp.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPng } from '../test/helpers.ts';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

const SUBJECT = '3号灯杆夜间闪烁';
/** The machine is shared: waits are generous. */
const SLOW = { timeout: 60_000 };
/** A whole scenario may take minutes on a loaded machine. */
const SCENARIO = 480_000;

async function open(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 900 },
    locale: 'zh-CN',
  });
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

/** Raw keys, snake_case codes, UUIDs, JSON or time-zone names in the rendered text. */
async function rawText(page: Page) {
  const text = await page.locator('body').innerText();
  return (
    text.match(
      /\b[a-z]+\.[a-z]+[A-Z]\w*\b|\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z.]+\b|[0-9a-f]{8}-[0-9a-f]{4}-|[{[]"|\b(?:Asia|Europe|America)\/[A-Za-z_]+/g,
    ) ?? []
  );
}

async function sidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The elements reaching past the right edge (for a failure's message). */
function widest(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
      .join('; '),
  );
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/portal-${name}.png`, fullPage: true });
}

/** What a customer must never see: internal steps, technical fields. */
async function expectNothingInternal(page: Page) {
  const text = await page.locator('body').innerText();
  for (const word of [
    '转交技术支持',
    '转交工程师',
    '已分派',
    '疑似驱动电源',
    '时区',
    '坐标',
    'Time zone',
    'Coordinates',
    'Handed',
  ]) {
    expect(text, word).not.toContain(word);
  }
  expect(await rawText(page)).toEqual([]);
}

describe('the portal on a phone', () => {
  let ticketId = '';

  it(
    'reports a fault with a photo, urgency and phone on equipment picked by name',
    async () => {
      const { context, page } = await open(390);
      await logIn(page, 'hzmetro');
      await page.getByTestId('nav-portal-tickets').click();
      await page.getByTestId('ticket-new').click();
      await page.getByTestId('portal-device').waitFor();

      // The phone is prefilled from the customer's contact and checked before it is sent.
      const phone = page.getByTestId('portal-phone');
      await expect.poll(() => phone.inputValue(), SLOW).toBe('0571-88001234');
      await phone.fill('12ab');

      // Equipment is found by where it is, and shown by name and location, not only its code.
      await page.getByTestId('portal-device').click();
      await page.keyboard.type('3号灯杆');
      const option = page
        .locator('.ant-select-dropdown:visible [data-testid="device-option"]')
        .filter({ hasText: '3号灯杆' });
      await expect.poll(() => option.count(), SLOW).toBeGreaterThan(0);
      const optionText = (await option.first().innerText()).replace(/\s+/g, ' ');
      expect(optionText).toMatch(/路灯杆.* · 3号灯杆/);
      await shot(page, 'device-picker-zh-390');
      await option.first().click();

      await page.getByTestId('portal-urgency').getByText('紧急（影响使用或安全）').click();
      await page.getByTestId('ticket-subject').fill(SUBJECT);
      await page.getByTestId('ticket-description').fill('昨晚起 3 号灯杆反复闪烁，附现场照片。');
      await page
        .getByTestId('portal-media')
        .locator('input[type=file]')
        .setInputFiles({
          name: '现场照片.png',
          mimeType: 'image/png',
          buffer: testPng(8, 8, [240, 200, 40]),
        });
      await page.getByTestId('portal-media').getByText('现场照片.png').waitFor();

      await page.getByTestId('ticket-submit').click();
      await page.getByText('请输入有效的电话号码（7–15 位数字）').waitFor();
      expect(page.url()).toMatch(/\/portal\/tickets\/new$/);
      await phone.fill('138 0013 8000');
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await shot(page, 'new-ticket-zh-390');
      await page.getByTestId('ticket-submit').click();
      await page.waitForURL(/\/portal\/tickets\/[0-9a-f-]{36}$/);
      ticketId = page.url().split('/').pop()!;

      const summary = page.getByTestId('portal-ticket-summary');
      await expect.poll(() => summary.innerText(), SLOW).toContain('138 0013 8000');
      await expect.poll(() => page.getByTestId('portal-ticket-device').innerText(), SLOW).not.toBe('…');
      expect(await summary.innerText()).toContain('3号灯杆');
      expect(await summary.innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      await summary.getByText('现场照片.png').waitFor();
      expect(await page.locator('h1').innerText()).toContain('紧急');
      await context.close();

      const created = await (async () => {
        const staff = await open(1440);
        await logIn(staff.page, 'support');
        const t = await api(staff.page, 'GET', `/api/v1/tickets/${ticketId}`);
        await staff.context.close();
        return t;
      })();
      expect(created).toMatchObject({ emergency: true, priority: 'urgent', contactPhone: '138 0013 8000' });
      expect(created.attachmentIds).toHaveLength(1);
      expect(created.assetIds).toHaveLength(1);
    },
    SCENARIO,
  );

  it(
    'shows the customer its progress and never the internal steps',
    async () => {
      // The service desk hands the ticket to a support engineer, notes internally, replies, dispatches.
      const staff = await open(1440);
      await logIn(staff.page, 'support');
      const me = await api(staff.page, 'GET', '/api/v1/me');
      let tk = await api(staff.page, 'GET', `/api/v1/tickets/${ticketId}`);
      tk = await api(staff.page, 'PATCH', `/api/v1/tickets/${ticketId}`, {
        version: tk.version,
        assigneeId: me.id,
      });
      await api(staff.page, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
        kind: 'internal_note',
        body: '疑似驱动电源损坏',
      });
      await api(staff.page, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
        kind: 'public_reply',
        body: '已安排工程师今晚到场检查',
      });
      await api(staff.page, 'POST', `/api/v1/tickets/${ticketId}/milestones`, { event: 'dispatched' });
      await staff.context.close();

      for (const width of [390, 1440]) {
        const { context, page } = await open(width);
        await logIn(page, 'hzmetro');
        await page.goto(`${env.baseUrl}/portal/tickets/${ticketId}`);
        const progress = page.getByTestId('portal-progress');
        await progress
          .getByTestId('portal-step')
          .first()
          .waitFor({ timeout: 60_000 })
          .catch(async (err) => {
            await shot(page, `ticket-failed-${width}`);
            const api = await page.request.get(`${env.baseUrl}/api/v1/tickets/${ticketId}/timeline`);
            throw new Error(`${err}; timeline answered ${api.status()} ${await api.text()}`);
          });
        await expect.poll(() => progress.getByTestId('portal-step').count(), SLOW).toBe(3);
        expect((await progress.innerText()).replace(/\s+/g, ' ')).toMatch(/已提交.*客服已回复.*已安排工程师/);
        await page.getByText('已安排工程师今晚到场检查').waitFor();
        await expect.poll(() => page.getByTestId('sla-panel').innerText(), SLOW).toContain('首次响应');
        await expectNothingInternal(page);
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
        await shot(page, `ticket-zh-${width}`);

        // In English: the same, with dates as "1 Dec 2026, 14:30".
        await page.getByTestId('language-switch').click();
        await page.getByText('English', { exact: true }).click();
        await expect.poll(() => progress.innerText(), SLOW).toContain('Engineer scheduled');
        expect(await page.getByTestId('portal-ticket-summary').innerText()).toMatch(
          /\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\b/,
        );
        await expectNothingInternal(page);
        await shot(page, `ticket-en-${width}`);
        await context.close();
      }
    },
    SCENARIO,
  );

  it(
    'lists tickets, equipment and projects as cards without sideways scrolling',
    async () => {
      for (const width of [390, 1440]) {
        const { context, page } = await open(width);
        await logIn(page, 'hzmetro');
        for (const lang of ['zh', 'en'] as const) {
          if (lang === 'en') {
            await page.getByTestId('language-switch').click();
            await page.getByText('English', { exact: true }).click();
          }
          await page.getByTestId('nav-portal-tickets').click();
          const card = page.getByTestId('portal-ticket-card').filter({ hasText: SUBJECT });
          await card.waitFor();
          expect(await card.innerText()).toMatch(lang === 'zh' ? /紧急/ : /Emergency/);
          expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
          expect(await rawText(page)).toEqual([]);
          await shot(page, `tickets-${lang}-${width}`);

          await page.getByTestId('nav-portal-assets').click();
          await expect.poll(() => page.getByTestId('portal-asset-card').count(), SLOW).toBeGreaterThan(0);
          expect(await page.getByTestId('portal-asset-cards').innerText()).toContain('3号灯杆');
          expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
          expect(await rawText(page)).toEqual([]);
          await shot(page, `assets-${lang}-${width}`);
          await page.getByTestId('portal-asset-card').filter({ hasText: '3号灯杆' }).first().click();
          await page.getByTestId('portal-asset-summary').waitFor();
          await page.getByTestId('coverage-status').waitFor();
          await page.getByTestId('archive-event').first().waitFor();
          expect(await page.getByTestId('archive').innerText()).toMatch(
            lang === 'zh' ? /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/ : /\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/,
          );
          await shot(page, `asset-${lang}-${width}`);
          await expectNothingInternal(page);
          expect(await sidewaysScroll(page), await widest(page)).toBeLessThanOrEqual(0);
          await page.getByTestId('nav-portal-assets').click();

          await page.getByTestId('nav-portal-projects').click();
          await expect.poll(() => page.getByTestId('portal-project-card').count(), SLOW).toBeGreaterThan(0);
          expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
          expect(await rawText(page)).toEqual([]);
          await shot(page, `projects-${lang}-${width}`);

          // A project's page keeps time zone and coordinates to the service department.
          await page.getByTestId('portal-project-card').first().click();
          await page.locator('.ant-descriptions').first().waitFor();
          await expectNothingInternal(page);
          expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
          await shot(page, `project-${lang}-${width}`);
          await page.getByRole('tab', { name: lang === 'zh' ? '设备' : 'Equipment' }).click();
          await expect.poll(() => page.getByTestId('portal-asset-card').count(), SLOW).toBeGreaterThan(0);
          expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
          expect(await rawText(page)).toEqual([]);

          await page.getByTestId('nav-portal-home').click();
          await page.getByTestId('wb-portal-requests').waitFor();
          expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
          await shot(page, `home-${lang}-${width}`);
        }
        await context.close();
      }
    },
    SCENARIO,
  );
});
