// Profile → notification settings in Chromium: an agent turns a channel off for a kind and sees it
// saved (after a reload, and in the API), in Chinese and in English; no raw key or code on the page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

async function logIn(page: Page, username: string) {
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('aftercare-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/(console|portal)$/);
}

const stored = async (page: Page, kind: string) => {
  const prefs = await (await page.request.get(`${env.baseUrl}/api/v1/notifications/preferences`)).json();
  return prefs.items.find((i: { kind: string }) => i.kind === kind) as {
    channels: string[];
    customised: boolean;
  };
};

/** Raw keys, snake_case codes, dotted keys or ids in the card's rendered text. */
async function rawText(page: Page) {
  const text = await page.locator('#notifications').innerText();
  return (
    text.match(
      /\b[a-z]+\.[a-z]+[A-Z]\w*\b|\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-zA-Z-]+\b|[0-9a-f]{8}-[0-9a-f]{4}-|[{}[\]"]/g,
    ) ?? []
  );
}

describe('notification settings', () => {
  it('an agent turns breach emails off and warnings by email on, saved in Chinese and in English', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, 'agent');

    // Through the user menu, to the settings on the profile page.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-notifications').click();
    await page.waitForURL(/\/console\/profile#notifications$/);
    const card = page.locator('#notifications');
    await expect.poll(() => card.getByText('通知设置').first().isVisible()).toBe(true);
    await card.getByText('工单已超时').waitFor();
    const breachEmail = page.getByTestId('pref-sla.breached-email').locator('input');
    expect(await breachEmail.isChecked()).toBe(true);
    await breachEmail.uncheck();
    await page.getByTestId('save-notification-preferences').click();
    await page.getByText('通知设置已保存').waitFor();
    expect(await stored(page, 'sla.breached')).toEqual(
      expect.objectContaining({ channels: ['in_app'], customised: true }),
    );
    await page.screenshot({ path: '/tmp/notification-prefs-zh.png', fullPage: true });
    expect(await rawText(page)).toEqual([]);

    // Reloaded: still off, marked as customised.
    await page.reload();
    await page.getByTestId('pref-sla.breached-email').waitFor();
    expect(await page.getByTestId('pref-sla.breached-email').locator('input').isChecked()).toBe(false);
    expect(await card.getByText('已自定义').count()).toBe(1);

    // In English.
    await page.getByTestId('language-switch').click();
    await page.getByText('English', { exact: true }).click();
    await card.getByText('Ticket due soon').waitFor();
    await page.getByTestId('pref-sla.warning-email').locator('input').check();
    await page.getByTestId('save-notification-preferences').click();
    await page.getByText('Notification settings saved').waitFor();
    expect((await stored(page, 'sla.warning')).channels).toEqual(['in_app', 'email']);
    expect((await stored(page, 'sla.breached')).channels).toEqual(['in_app']);
    await page.screenshot({ path: '/tmp/notification-prefs-en.png', fullPage: true });
    expect(await rawText(page)).toEqual([]);
    // No Chinese system text on the English card.
    expect(await card.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
