// Quality (issue 19) end to end: the quality engineer opens an early warning from the demo (the
// overheating reports at the metro), reads its evidence, arranges special inspections (特殊巡查) of the
// alert's equipment (asked again, the open ones come back), opens a quality case from it, records the
// analysis and the decision, and closes the case with its cause and action.
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
  console.log(`quality: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/quality-last.png', fullPage: true }).catch(() => {});
});

describe('an early warning to a closed quality case', () => {
  it('opens an alert, creates a quality case from it and closes it', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    stepPage = page;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, env.baseUrl, 'quality');

    step = 'alerts';
    await page.goto(`${env.baseUrl}/console/quality`);
    const table = page.getByTestId('quality-alerts');
    // An alert without a case yet (the demo opened one for the model; the project's is still open).
    const row = table.locator('tr', { hasText: '待处理' }).first();
    const number = (await row.getByTestId('alert-open').innerText()).trim();
    expect(number).toMatch(/^YJ-\d{4}-\d{6}$/);
    await row.getByTestId('alert-open').click();
    const detail = page.getByTestId('alert-detail');
    await expect
      .poll(() => detail.getByTestId('alert-evidence-tickets').innerText())
      .toMatch(/BX-\d{4}-\d{6}/);

    step = 'special inspection';
    const inspections = detail.getByTestId('alert-inspections');
    await detail.getByTestId('alert-inspect').click();
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toMatch(/已创建 \d+ 张巡检派工单/);
    // One line per site: the work order, its last day and its state, in words.
    await expect.poll(() => inspections.textContent()).toMatch(/\d{4}-\d{2}-\d{2} 前，\d+ 台设备/);
    expect(await inspections.textContent()).toContain('待派工');
    const lines = await inspections.locator('.ant-list-item').count();
    await detail.getByTestId('alert-inspect').click();
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已安排过');
    expect(await inspections.locator('.ant-list-item').count()).toBe(lines);
    expect(await rawText(page)).toEqual([]);

    step = 'create case';
    await detail.getByTestId('alert-case-description').fill('地铁项目控制器本月连续过热');
    await detail.getByTestId('alert-create-case').click();
    await page.waitForURL(/\/console\/quality\/cases\//);
    await expect
      .poll(() => page.getByTestId('quality-case').locator('h1').innerText())
      .toMatch(/ZL-\d{4}-\d{6}/);
    expect(await page.getByTestId('quality-case').innerText()).toContain(number);

    step = 'analyse';
    await page.getByTestId('case-analysis').fill('散热片导热硅脂涂覆不足');
    await page.getByTestId('case-decision-technical').click();
    await page.getByTestId('case-save').click();
    await expect
      .poll(() => page.getByTestId('quality-case').innerText())
      .toMatch(/产品改进要求 GJ-\d{4}-\d{6}/);

    step = 'close';
    await page.getByTestId('case-closing-cause').fill('散热片批次导热不足');
    await page.getByTestId('case-closing-action').fill('更换该批次散热片并增加出厂温升测试');
    await page.getByTestId('case-close').click();
    await expect.poll(() => page.getByTestId('case-status').innerText()).toBe('已关闭');
    expect(await page.getByTestId('quality-case').innerText()).toContain(
      '更换该批次散热片并增加出厂温升测试',
    );

    step = 'alert closed';
    await page.goto(`${env.baseUrl}/console/quality`);
    const closed = page.getByTestId('quality-alerts').locator('tr', { hasText: number });
    await expect.poll(() => closed.innerText()).toContain('已关闭');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
