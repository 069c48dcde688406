// A return (退货, 篇3 5) end to end: the customer asks from the portal on a 390 px phone, an agent
// inspects the unit, the manager approves with an exchange, the storekeeper receives the unit as
// defective, and the part's stock shows the defective unit.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPng } from '../test/helpers.ts';
import { api, logIn, rawText } from './field-helpers.ts';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

let step = 'start';
let stepPage: Page | undefined;
afterAll(async () => {
  console.log(`returns: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/returns-last.png', fullPage: true }).catch(() => {});
});

const SERIAL = 'RMA-E2E-0001';
const MODEL = 'E2E-RMA-FL';

/** A floodlight of the metro customer, accepted today, and the catalogue part it is stocked as. */
async function equipment(page: Page) {
  const base = env.baseUrl;
  const customers = await api(page, base, 'GET', '/api/v1/customers?q=HZ-METRO');
  const projects = await api(page, base, 'GET', `/api/v1/projects?customerId=${customers.items[0].id}`);
  const product = await api(page, base, 'POST', '/api/v1/products', {
    model: MODEL,
    name: '退货测试投光灯',
    category: 'e2e-returns',
    sizeClass: 'small',
  });
  await api(page, base, 'POST', '/api/v1/assets', {
    projectId: projects.items[0].id,
    productId: product.id,
    serial: SERIAL,
    acceptanceDate: new Date().toISOString().slice(0, 10),
  });
  const part = await api(page, base, 'POST', '/api/v1/parts', {
    partNumber: MODEL,
    name: '退货测试投光灯整机',
  });
  return part.id as string;
}

async function desk(username: string) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  stepPage = page;
  await logIn(page, env.baseUrl, username);
  return { context, page };
}

describe('a return from the portal to the stock', () => {
  it('is asked for on a phone, inspected, approved with an exchange and received as defective stock', async () => {
    let { context, page } = await desk('manager');
    const partId = await equipment(page);
    await context.close();

    step = 'portal';
    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const mobile = await phone.newPage();
    mobile.setDefaultTimeout(20_000);
    stepPage = mobile;
    const errors: string[] = [];
    mobile.on('pageerror', (e) => errors.push(e.message));
    await mobile.goto(`${env.baseUrl}/login`);
    await mobile.getByTestId('login-username').fill('hzmetro');
    await mobile.getByTestId('login-password').fill('aftercare-demo');
    await mobile.getByTestId('login-submit').click();
    await mobile.waitForURL(/\/portal/);
    await mobile.getByTestId('nav-portal-returns').click();
    await mobile.getByTestId('portal-return-new').click();
    // The customer's own equipment from the picker fills in the serial.
    await mobile.getByTestId('portal-device').click();
    await mobile.keyboard.type(SERIAL);
    await mobile.getByTestId('device-option').first().click();
    await expect.poll(() => mobile.getByTestId('return-serial').inputValue()).toBe(SERIAL);
    await mobile.getByTestId('return-reason').fill('灯具频繁闪烁，不满意');
    await mobile.getByTestId('return-submit').click();
    await mobile.waitForURL(/\/portal\/returns\/[0-9a-f-]{36}$/);
    const id = mobile.url().split('/').at(-1)!;
    await expect.poll(() => mobile.getByTestId('return-status').textContent()).toBe('待检查');
    const number = (await mobile.getByTestId('return-number').textContent())!.trim();
    expect(number).toMatch(/^RMA-\d{4}-\d{5}$/);
    await mobile.getByText('返回退货列表').click();
    await expect.poll(() => mobile.getByTestId('portal-return-card').count()).toBe(1);
    // Cards on a phone: nothing wider than the screen, no raw codes.
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await rawText(mobile)).toEqual([]);

    step = 'inspection';
    ({ context, page } = await desk('agent'));
    await page.goto(`${env.baseUrl}/console/returns/${id}`);
    await page.getByTestId('inspect-opinion').fill('驱动电源故障，外观完好，非人为损坏');
    // A photo of the unit as received, uploaded on the inspection step.
    await page
      .getByTestId('return-inspection-form')
      .locator('input[type=file]')
      .setInputFiles({ name: 'unit.png', mimeType: 'image/png', buffer: testPng(60, 40, [40, 120, 180]) });
    await page.getByTestId('return-inspection-form').getByText('unit.png').waitFor();
    await page.getByTestId('inspect-submit').click();
    await expect.poll(() => page.getByTestId('return-status').textContent()).toBe('待审批');
    await page.getByTestId('return-inspection-photos').getByText('unit.png').waitFor();
    // An agent does not approve.
    expect(await page.getByTestId('return-decision-form').count()).toBe(0);
    await context.close();

    step = 'approval';
    ({ context, page } = await desk('manager'));
    await page.goto(`${env.baseUrl}/console/returns/${id}`);
    await page.getByTestId('decision-outcome').getByText('换货', { exact: true }).click();
    await page.getByTestId('decision-submit').click();
    await expect.poll(() => page.getByTestId('return-status').textContent()).toBe('已批准');
    await expect.poll(() => page.getByTestId('return-outcome').textContent()).toBe('换货');
    await context.close();

    step = 'receipt';
    ({ context, page } = await desk('storekeeper'));
    await page.goto(`${env.baseUrl}/console/returns/${id}`);
    await page.getByTestId('receipt-location').click();
    await page.getByTitle('杭州中心库').click();
    await page.getByTestId('receipt-submit').click();
    await expect.poll(() => page.getByTestId('return-status').textContent()).toBe('已完成');
    await expect.poll(() => page.getByTestId('return-stock').textContent()).toContain('故障件');

    step = 'stock';
    await page.goto(`${env.baseUrl}/console/parts/${partId}`);
    const stock = page.getByTestId('part-stock');
    await expect.poll(() => stock.textContent()).toContain('杭州中心库');
    expect(await stock.textContent()).toContain('故障件');
    const ledger = page.getByTestId('part-ledger');
    await expect.poll(() => ledger.textContent()).toContain('客户退货入库');
    expect(await ledger.textContent()).toContain(number);

    step = 'list';
    await page.goto(`${env.baseUrl}/console/returns`);
    await expect.poll(() => page.getByTestId('returns-table').textContent()).toContain(number);
    expect(await rawText(page)).toEqual([]);
    await context.close();

    step = 'portal-after';
    await mobile.goto(`${env.baseUrl}/portal/returns/${id}`);
    await expect.poll(() => mobile.getByTestId('return-status').textContent()).toBe('已完成');
    expect(await mobile.getByTestId('return-stock').count()).toBe(0);
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await phone.close();
  });
});
