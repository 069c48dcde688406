// The engineer's visit on a 390 px phone, guided: the next step is the big button and advances, the
// steps done stay as a timeline with their times, a step that does not apply is skipped with a
// reason, the countdown names the on-site deadline, and the charges are shown as a breakdown — travel
// km and labour hours — before the customer consents. Screenshots in Chinese and English, scanned for
// raw codes, keys and ids.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, emergencyWorkOrder, logIn, rawText, toEnglish } from './field-helpers.ts';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

let step = 'start';
let stepPage: Page | undefined;
// On a failure: where it stopped, and the page as it was (for the one looking at the run).
afterAll(async () => {
  console.log(`visit-guided: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/visit-guided-last.png', fullPage: true }).catch(() => {});
});
const nextButton = (page: Page) => page.locator('[data-next="true"]');

describe('the guided visit on a phone', () => {
  it('advances by the big button, keeps a timeline with times, skips with a reason and shows the charges before consent', async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const agent = await desk.newPage();
    await logIn(agent, env.baseUrl, 'agent');
    const wo = await emergencyWorkOrder(agent, env.baseUrl, true);
    await desk.close();

    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, env.baseUrl, 'field');
    await page.goto(`${env.baseUrl}/console/jobs/${wo.id}`);
    step = 'countdown';
    stepPage = page;
    // The countdown says what it counts down to.
    await expect
      .poll(() => page.getByTestId('visit-countdown').textContent())
      .toMatch(/到场期限 (剩余|已超时)/);

    await page.screenshot({ path: '/tmp/visit-guided-start-zh.png', fullPage: true });
    expect(await rawText(page)).toEqual([]);
    step = 'skip remote guidance';
    // The first step (remote guidance) does not apply: skipped with a reason.
    await expect.poll(() => nextButton(page).textContent()).toBe('远程指导');
    // (antd spaces two-character button labels: the steps are checked by their test ids.)
    await page.getByTestId('visit-skip').click();
    await page.getByTestId('visit-skip-reason').fill('客户要求直接上门');
    await page.getByTestId('visit-skip-ok').click();
    await expect
      .poll(() => page.getByTestId('event-remote_guidance').textContent())
      .toContain('已跳过：客户要求直接上门');

    step = 'advance';
    // The big button advances: accept, depart; each done step is in the timeline with its time.
    await expect.poll(() => nextButton(page).getAttribute('data-testid')).toBe('stage-accepted');
    await nextButton(page).click();
    await expect
      .poll(() => page.getByTestId('event-accepted').textContent())
      .toMatch(/接单 · .*\d{1,2}:\d{2}/);
    await expect.poll(() => nextButton(page).getAttribute('data-testid')).toBe('stage-departed');
    await nextButton(page).click();
    await expect.poll(() => page.getByTestId('event-departed').count()).toBe(1);
    await expect.poll(() => nextButton(page).getAttribute('data-testid')).toBe('stage-arrived');
    await nextButton(page).click();
    await expect.poll(() => page.getByTestId('event-arrived').count()).toBe(1);
    step = 'skip credentials';
    // Credentials: not asked for this time.
    await expect.poll(() => nextButton(page).getAttribute('data-testid')).toBe('stage-credentials_shown');
    await page.getByTestId('visit-skip').click();
    await page.getByTestId('visit-skip-reason').fill('业主未要求');
    await page.getByTestId('visit-skip-ok').click();
    await expect.poll(() => page.getByTestId('event-credentials_shown').textContent()).toContain('已跳过');

    step = 'diagnosis and plan';
    // Diagnosis, then the plan: the charge breakdown with travel km and labour hours, before consent.
    await expect.poll(() => nextButton(page).getAttribute('data-testid')).toBe('stage-diagnosed');
    await nextButton(page).click();
    await page.getByTestId('visit-fault-location').fill('B 出口照明回路断路器');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('event-diagnosed').count()).toBe(1);
    await expect.poll(() => nextButton(page).getAttribute('data-testid')).toBe('stage-plan_agreed');
    await nextButton(page).click();
    await page.getByTestId('visit-plan-minutes').fill('90');
    await page.getByTestId('visit-plan-km').fill('25');
    const preview = page.getByTestId('visit-charges-preview');
    await expect
      .poll(() => preview.getByTestId('charge-line-travel').textContent())
      .toContain('差旅 25 公里');
    await expect.poll(() => preview.getByTestId('charge-line-labour').textContent()).toContain('人工 2 小时');
    await expect
      .poll(() => preview.getByTestId('charge-line-labour').textContent())
      .toContain('实际 90 分钟');
    await expect.poll(async () => (await rawText(page)).join(' ')).toBe('');
    await page.screenshot({ path: '/tmp/visit-guided-plan-zh.png', fullPage: true });
    await page.locator('.ant-modal-footer .ant-btn-default').click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.screenshot({ path: '/tmp/visit-guided-zh.png', fullPage: true });
    expect(await rawText(page)).toEqual([]);

    step = 'english';
    // The same page in English: no Chinese system text, no raw codes.
    await toEnglish(page);
    // (On site now: the countdown to arrival is done with.)
    await expect.poll(() => page.getByTestId('visit-countdown').count()).toBe(0);
    await expect.poll(() => page.getByTestId('event-remote_guidance').textContent()).toContain('Skipped: ');
    await nextButton(page).click();
    await page.getByTestId('visit-plan-minutes').fill('90');
    await page.getByTestId('visit-plan-km').fill('25');
    await expect
      .poll(() => preview.getByTestId('charge-line-travel').textContent())
      .toContain('Travel 25 km');
    await expect.poll(() => preview.getByTestId('charge-line-labour').textContent()).toContain('Labour 2 h');
    await page.screenshot({ path: '/tmp/visit-guided-plan-en.png', fullPage: true });
    expect(await rawText(page)).toEqual([]);
    await page.locator('.ant-modal-footer .ant-btn-default').click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.screenshot({ path: '/tmp/visit-guided-en.png', fullPage: true });
    const detail = await api(page, env.baseUrl, 'GET', `/api/v1/work-orders/${wo.id}`);
    expect(
      detail.events.map((e: { stage: string; skipReason: string | null }) => [e.stage, !!e.skipReason]),
    ).toEqual([
      ['remote_guidance', true],
      ['accepted', false],
      ['departed', false],
      ['arrived', false],
      ['credentials_shown', true],
      ['diagnosed', false],
    ]);
    expect(errors).toEqual([]);
    await phone.close();
  }, 300_000);
});
