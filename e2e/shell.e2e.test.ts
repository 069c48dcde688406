// The web shell in Chromium: logging in as staff and as a customer user, navigation by role, the
// language switch, the phone layout, and axe-core on the login page and the console home.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eEnv, screenshot, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

async function newPage(
  options: { width?: number; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({
    viewport: { width: options.width ?? 1280, height: 800 },
    locale: options.locale ?? 'zh-CN',
  });
  const page = await context.newPage();
  return { context, page };
}

async function logIn(page: Page, username: string) {
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('aftercare-demo');
  await page.getByTestId('login-submit').click();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('web shell', () => {
  it('the login page has no serious accessibility violations and refuses a wrong password', async () => {
    const { context, page } = await newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForURL('**/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login');
    await page.getByTestId('login-username').fill('agent');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await context.close();
  });

  it('an agent lands in the console and sees only the navigation of the role', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'agent');
    await page.waitForURL('**/console');
    await page.getByTestId('nav-customers').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('李客服');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-agent');
    // customers list, with the demo organisations
    await page.getByTestId('nav-customers').click();
    await page.getByText('杭州地铁集团有限公司').waitFor();
    // a page the role may not see shows the no-permission page
    await page.goto(`${env.baseUrl}/console/users`);
    await page.getByText('您没有权限访问此页面').waitFor();
    await context.close();
  });

  it('switches the language to English and keeps it', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'admin');
    await page.getByTestId('nav-users').waitFor();
    expect(await page.getByTestId('nav-users').textContent()).toBe('用户');
    await page.getByTestId('language-switch').click();
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.getByTestId('nav-users').textContent()).toBe('Users');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-audit').textContent()).toBe('Audit log');
    await page.getByTestId('nav-users').click();
    await page.getByRole('cell', { name: 'hzmetro', exact: true }).waitFor();
    await screenshot(page, 'console-admin-users-en');
    await context.close();
  });

  it('a customer user lands in the portal with its organisation and cannot open the console', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'hzmetro');
    await page.waitForURL('**/portal');
    expect(await page.getByTestId('portal-welcome').textContent()).toContain('杭州地铁集团有限公司');
    expect(await page.getByTestId('nav-customers').count()).toBe(0);
    await screenshot(page, 'portal-home');
    await page.getByTestId('nav-organisation').click();
    await page.getByText('0571-88001234').waitFor();
    await page.goto(`${env.baseUrl}/console`);
    await page.waitForURL('**/portal');
    await context.close();
  });

  it('is usable on a 375 px phone: no horizontal overflow, navigation in a drawer', async () => {
    const { context, page } = await newPage({ width: 375 });
    await logIn(page, 'field');
    await page.waitForURL('**/console');
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-customers').waitFor();
    await page.keyboard.press('Escape');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'console-field-375');
    await context.close();
  });

  it('logs out from the user menu', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'manager');
    await page.waitForURL('**/console');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-logout').click();
    await page.waitForURL('**/login');
    await page.goto(`${env.baseUrl}/console`);
    await page.waitForURL('**/login');
    await context.close();
  });

  it('shows a 404 page for an unknown address', async () => {
    const { context, page } = await newPage();
    await page.goto(`${env.baseUrl}/no/such/page`);
    await page.getByText('页面不存在').waitFor();
    await context.close();
  });
});
