// The maintenance visit on a 390 px phone: the engineer fills the checklist (one answer while offline,
// synced when the network is back), a failed check with a note and a photo becomes a rectification
// suggestion and, with one tap, a fault ticket; the customer signs on the screen; the signed record
// and the suggestion are in the customer's portal.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../common/calendar-dates.ts';
import { TEST_TIME_ZONE, testPng } from '../test/helpers.ts';
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
  console.log(`maintenance-visit: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/maintenance-visit-last.png', fullPage: true }).catch(() => {});
});

/** A small plan on the metro customer's project (one lamp, two checks and a measurement), dispatched to 刘工. */
async function dispatchedVisit(page: Page) {
  const base = env.baseUrl;
  const customers = await api(page, base, 'GET', '/api/v1/customers?q=HZ-METRO');
  const customerId = customers.items[0].id;
  // A project of its own: the demo plan's visits (on the customer's largest project) must not join it.
  const project = await api(page, base, 'POST', '/api/v1/projects', {
    customerId,
    code: 'E2E-MV-P',
    name: '地铁站应急照明',
  });
  const product = await api(page, base, 'POST', '/api/v1/products', {
    model: 'E2E-MV-1',
    name: '应急照明箱',
    category: 'e2e-maintenance',
    sizeClass: 'small',
  });
  const asset = await api(page, base, 'POST', '/api/v1/assets', {
    projectId: project.id,
    productId: product.id,
    serial: 'EL-0001',
    name: '站厅应急照明箱',
  });
  const template = await api(page, base, 'POST', '/api/v1/maintenance/templates', {
    name: '应急照明月检',
    cycle: 'routine',
    category: 'e2e-maintenance',
    checklist: [
      { key: 'inspect', label: '外观巡检', kind: 'check' },
      { key: 'battery', label: '蓄电池放电试验', kind: 'check' },
      { key: 'insulation', label: '绝缘电阻', kind: 'measurement', unit: 'MΩ', min: 20 },
    ],
  });
  const today = toLocalDate(new Date(), TEST_TIME_ZONE);
  const plan = await api(page, base, 'POST', '/api/v1/maintenance/plans', {
    projectId: project.id,
    name: '应急照明保养',
    assetIds: [asset.id],
    templateIds: [template.id],
    startsOn: today,
  });
  await api(page, base, 'POST', `/api/v1/maintenance/plans/${plan.id}/generate`, {});
  const visits = await api(page, base, 'GET', `/api/v1/maintenance/plans/${plan.id}/visits`);
  const first = visits.sort((a: { dueOn: string }, b: { dueOn: string }) =>
    a.dueOn.localeCompare(b.dueOn),
  )[0];
  const wo = await api(page, base, 'GET', `/api/v1/work-orders/${first.workOrderId}`);
  const engineers: { id: string; displayName: string }[] = await api(
    page,
    base,
    'GET',
    '/api/v1/work-orders/engineers',
  );
  const liu = engineers.find((e) => e.displayName.includes('刘工'))!;
  await api(page, base, 'PATCH', `/api/v1/work-orders/${wo.id}`, { version: wo.version, engineerId: liu.id });
  return { ...(wo as { id: string; number: string }), dueOn: first.dueOn as string };
}

describe('the maintenance visit on a phone', () => {
  it('fills the checklist offline and online, turns a failed check into a fault ticket, is signed and shows in the portal', async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const managerPage = await desk.newPage();
    await logIn(managerPage, env.baseUrl, 'manager');
    const wo = await dispatchedVisit(managerPage);
    await desk.close();

    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    stepPage = page;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, env.baseUrl, 'field');
    // His job list shows the visit with its due window (from the due day), and opens it.
    await page.goto(`${env.baseUrl}/console/jobs`);
    await expect
      .poll(() => page.getByTestId(`job-window-${wo.number}`).textContent())
      .toContain(`应做期 ${wo.dueOn} – `);
    await page.getByTestId(`job-${wo.number}`).click();
    await page.waitForURL(`**/console/jobs/${wo.id}`);
    step = 'checklist';
    await expect.poll(() => page.getByTestId('mv-item').count()).toBe(1);
    const entry = (key: string) => page.getByTestId(`mv-entry-${key}`);
    await entry('inspect').getByText('合格', { exact: true }).click();
    await entry('inspect').getByTestId('mv-entry-inspect-save').click();
    await expect
      .poll(() => entry('inspect').getByTestId('mv-entry-inspect-state').textContent())
      .toBe('已填写');

    step = 'offline';
    await phone.setOffline(true);
    await entry('insulation').getByTestId('mv-entry-insulation-value').fill('56');
    await entry('insulation').getByTestId('mv-entry-insulation-save').click();
    await expect
      .poll(() => entry('insulation').getByTestId('mv-entry-insulation-state').textContent())
      .toBe('待同步');
    await phone.setOffline(false);
    await expect
      .poll(() => entry('insulation').getByTestId('mv-entry-insulation-state').textContent(), {
        timeout: 30_000,
      })
      .toBe('已填写');

    step = 'danger';
    // The battery fails: a hidden danger, which asks for a note and a photo before it can be saved.
    await entry('battery').getByText('不合格', { exact: true }).click();
    await expect.poll(() => entry('battery').getAttribute('data-danger')).toBe('true');
    await expect.poll(() => entry('battery').getByTestId('mv-entry-battery-save').isDisabled()).toBe(true);
    await entry('battery').getByTestId('mv-entry-battery-note').fill('蓄电池放电不足 30 分钟');
    await entry('battery')
      .locator('input[type=file]')
      .setInputFiles({ name: 'battery.png', mimeType: 'image/png', buffer: testPng(60, 40, [180, 40, 40]) });
    await expect.poll(() => entry('battery').getByTestId('mv-entry-battery-save').isDisabled()).toBe(false);
    await entry('battery').getByTestId('mv-entry-battery-save').click();
    await expect.poll(() => page.getByTestId('mv-suggestion').count()).toBe(1);
    await page.getByTestId('mv-make-ticket').click();
    await expect.poll(() => page.getByTestId('mv-ticket').textContent()).toMatch(/已报修 BX-/);

    step = 'sign';
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await page.mouse.move(box.x + 220, box.y + 50, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('mv-signed-by').fill('周站长');
    await page.getByTestId('mv-sign').click();
    await expect.poll(() => page.getByTestId('mv-record-status').textContent()).toBe('已签字，待审核');
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('已完成');
    expect(await rawText(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/maintenance-visit-signed.png', fullPage: true });
    expect(errors).toEqual([]);
    await phone.close();

    step = 'portal';
    const customer = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const portal = await customer.newPage();
    stepPage = portal;
    await portal.goto(`${env.baseUrl}/login`);
    await portal.getByTestId('login-username').fill('hzmetro');
    await portal.getByTestId('login-password').fill('aftercare-demo');
    await portal.getByTestId('login-submit').click();
    await portal.waitForURL(/\/portal/);
    await portal.getByTestId('nav-portal-maintenance').click();
    await expect.poll(() => portal.getByTestId('portal-record').first().textContent()).toContain(wo.number);
    await expect.poll(() => portal.getByTestId('portal-record').first().textContent()).toContain('周站长');
    await expect
      .poll(() => portal.getByTestId('portal-suggestion').first().textContent())
      .toContain('蓄电池放电不足 30 分钟');
    await portal.screenshot({ path: '/tmp/maintenance-visit-portal.png', fullPage: true });
    await customer.close();
  });
});
