// A complaint through its workflow in Chromium: the agent accepts it (the apology goes by email),
// passes it to the responsible person, records the findings and handles it; the customer, on a
// 390 px phone, answers "not satisfied" in the portal; the complaint reopens (round 2), is handled
// again, the customer is satisfied, and the agent closes it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, rawText } from './field-helpers.ts';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

let step = 'start';
let stepPage: Page | undefined;
afterAll(async () => {
  console.log(`complaints: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/complaints-last.png', fullPage: true }).catch(() => {});
});

async function pick(page: Page, fieldId: string, search: string, option: string) {
  await page.locator(`#${fieldId}`).click();
  await page.locator(`#${fieldId}`).fill(search);
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

async function handle(page: Page, solution: string) {
  await page.locator('#solution').fill(solution);
  await page.getByTestId('step-handle').click();
  await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('已处理');
}

describe('a complaint until the customer is satisfied', () => {
  it('acceptance → investigation → handling → unsatisfied → reopen → satisfied → closed', async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await desk.newPage();
    page.setDefaultTimeout(20_000);
    stepPage = page;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, env.baseUrl, 'agent');

    step = 'accept';
    await page.goto(`${env.baseUrl}/console/complaints`);
    await page.getByTestId('complaint-new').click();
    await pick(page, 'customerId', 'HZ-METRO', 'HZ-METRO');
    await page.getByTestId('complaint-complainant').fill('周站长');
    await page.getByTestId('complaint-email').fill('zhou@example.com');
    await page.getByTestId('complaint-matter').fill('站台照明维修后第二天又不亮，工程师态度冷淡');
    await page.getByTestId('complaint-submit').click();
    await page.waitForURL(/\/console\/complaints\/[0-9a-f-]{36}$/);
    const complaintUrl = page.url();
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('已受理');
    const number = (await page.locator('h1').textContent())?.match(/TS-\d{4}-\d{6}/)?.[0];
    expect(number).toBeTruthy();

    step = 'investigate';
    await pick(page, 'responsibleUserId', '王经理', '王经理');
    await page.getByTestId('investigate-department').fill('售后服务部');
    await page.getByTestId('step-investigate').click();
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('调查中');
    await page.getByTestId('findings-facts').fill('回路接触不良，首次维修未彻底排查');
    await page.getByTestId('step-findings').click();
    await expect.poll(() => page.getByTestId('complaint-timeline').textContent()).toContain('记录调查结果');

    step = 'handle';
    await handle(page, '更换接触器并全线检查');
    expect(await rawText(page)).toEqual([]);

    step = 'portal unsatisfied';
    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const portal = await phone.newPage();
    portal.setDefaultTimeout(20_000);
    stepPage = portal;
    await portal.goto(`${env.baseUrl}/login`);
    await portal.getByTestId('login-username').fill('hzmetro');
    await portal.getByTestId('login-password').fill('aftercare-demo');
    await portal.getByTestId('login-submit').click();
    await portal.waitForURL(/\/portal/);
    await portal.getByTestId('nav-portal-complaints').click();
    const card = portal.getByTestId('portal-complaint').filter({ hasText: number! });
    await expect.poll(() => card.textContent()).toContain('已处理');
    await expect
      .poll(() => card.getByTestId('portal-feedback').textContent())
      .toContain('更换接触器并全线检查');
    // Cards wrap to the phone: nothing scrolls sideways.
    expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await rawText(portal)).toEqual([]);
    await card.getByTestId('portal-unsatisfied').click();
    await expect.poll(() => card.textContent()).toContain('调查中');

    step = 'reopened';
    stepPage = page;
    await page.goto(complaintUrl);
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('调查中');
    await expect.poll(() => page.getByTestId('complaint-round').textContent()).toBe('第 2 轮');
    await expect
      .poll(() => page.getByTestId('complaint-timeline').textContent())
      .toContain('客户不满意，重新处理');
    await handle(page, '更换整条回路电缆，站长现场验收');

    step = 'portal satisfied';
    stepPage = portal;
    await portal.reload();
    const again = portal.getByTestId('portal-complaint').filter({ hasText: number! });
    await expect.poll(() => again.getByTestId('portal-feedback').textContent()).toContain('更换整条回路电缆');
    await again.getByTestId('portal-satisfied').click();
    await expect.poll(() => again.textContent()).toContain('客户满意');
    await portal.screenshot({ path: '/tmp/complaints-portal.png', fullPage: true });

    step = 'close';
    stepPage = page;
    await page.reload();
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('客户满意');
    await page.getByTestId('step-close').click();
    await expect.poll(() => page.getByTestId('complaint-status').textContent()).toBe('已关闭');
    const timeline = await page.getByTestId('complaint-timeline').textContent();
    for (const e of ['受理并致歉', '转责任部门调查', '处理', '客户不满意，重新处理', '客户满意', '关闭'])
      expect(timeline).toContain(e);
    expect(await rawText(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: '/tmp/complaints-desk.png', fullPage: true });
    await phone.close();
    await desk.close();
  });
});
