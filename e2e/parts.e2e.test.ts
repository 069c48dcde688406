// Spare parts in Chromium: the storekeeper receives a batch and sees it in the ledger; the
// replenishment list shows what fell to its reorder point; the field engineer counts his van on a
// phone (the driver by scanning its part number) and the manager approves the variance.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eEnv, screenshot, startE2e } from './harness.ts';

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
  await page.waitForURL(/\/console/);
}

describe('spare parts', () => {
  it('receives a batch into the central warehouse and shows it in the ledger', async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await logIn(page, 'storekeeper');
    await page.getByTestId('nav-parts').click();
    await expect.poll(() => page.getByTestId('part-onhand-DRV-150W').textContent()).toBe('18');
    await screenshot(page, 'parts-list');
    await page.getByRole('cell', { name: 'DRV-150W' }).click();
    await page.waitForURL(/\/console\/parts\/[0-9a-f-]{36}$/);
    await page.getByTestId('move-location').click();
    await page.locator('.ant-select-item-option', { hasText: 'WH-HZ' }).click();
    await page.getByTestId('move-quantity').fill('5');
    await page.getByTestId('move-supplier').fill('杭州光电电源厂');
    await page.getByTestId('move-submit').click();
    await expect
      .poll(() => page.getByTestId('part-ledger').locator('tr.ant-table-row').first().textContent())
      .toContain('入库');
    // The receipt is its own batch (R + the organisation's date) at the warehouse, from the supplier
    // named, holding the 5 received.
    const received = page
      .getByTestId('part-stock')
      .locator('tr.ant-table-row', { hasText: '杭州中心库' })
      .filter({ hasText: /R\d{8}/ });
    await expect.poll(() => received.locator('td').nth(4).textContent()).toBe('5');
    expect(await received.locator('td').nth(2).textContent()).toBe('杭州光电电源厂');
    await screenshot(page, 'part-detail');

    await page.getByTestId('nav-replenishment').click();
    await expect.poll(() => page.getByTestId('replenishment').textContent()).toContain('FUSE-10A');
    await screenshot(page, 'replenishment');
    await ctx.close();
  });

  it('lets the field engineer count his van on a phone, and the manager approve the variance', async () => {
    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    await logIn(page, 'field');
    await page.goto(`${env.baseUrl}/console/stock`);
    await expect.poll(() => page.getByTestId('location-stock').textContent()).toContain('DRV-150W');
    // He sees only his van.
    await page.getByTestId('stock-location').click();
    expect(await page.locator('.ant-select-item-option').count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('count-open').click();
    await page.waitForURL(/\/console\/stock\/counts\/[0-9a-f-]{36}$/);
    const url = page.url();
    const lines = page.getByTestId('count-input');
    await expect.poll(() => lines.count()).toBeGreaterThan(2);
    // The driver is counted with a keyboard-wedge scanner: it types the part number and Enter, once
    // per piece; he finds one short.
    const driver = page.getByTestId('count-line-DRV-150W');
    const driverExpected = Number(/账面 (\d+)/.exec((await driver.textContent()) ?? '')?.[1]);
    expect(driverExpected).toBeGreaterThan(1);
    const scan = page.getByTestId('count-scan');
    for (let i = 0; i < driverExpected - 1; i++) {
      await scan.fill('drv-150w');
      await scan.press('Enter');
    }
    await expect.poll(() => driver.getByTestId('count-input').inputValue()).toBe(String(driverExpected - 1));
    expect(await page.getByTestId('count-scan-result').textContent()).toContain('DRV-150W');
    await scan.fill('NOPE-404');
    await scan.press('Enter');
    await expect.poll(() => page.getByTestId('count-scan-result').textContent()).toContain('没有找到');
    expect(await driver.getByTestId('count-input').inputValue()).toBe(String(driverExpected - 1));
    const n = await lines.count();
    for (let i = 0; i < n; i++) {
      const row = page.locator('[data-testid^="count-line-"]').nth(i);
      if ((await row.getAttribute('data-testid')) === 'count-line-DRV-150W') continue;
      const expected = Number(/账面 (\d+)/.exec((await row.textContent()) ?? '')?.[1]);
      await lines.nth(i).fill(String(expected));
    }
    await page.getByTestId('count-save').click();
    await expect.poll(() => page.getByTestId('count-variance').textContent()).toContain('DRV-150W');
    await page.getByTestId('count-submit').click();
    await expect.poll(() => page.getByTestId('count-status').textContent()).toBe('待审批');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'stock-count-390');
    await phone.close();

    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const mgr = await desk.newPage();
    await logIn(mgr, 'manager');
    await mgr.goto(url);
    await mgr.getByTestId('count-approve').click();
    await expect.poll(() => mgr.getByTestId('count-status').textContent()).toBe('已审批');
    await desk.close();
  });
});
