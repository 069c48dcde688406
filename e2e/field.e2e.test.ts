// Field service in Chromium: the agent dispatches a work order from the emergency fault ticket; the
// field engineer, on a 390 px phone, checks in while offline — the check-in keeps the moment he
// pressed it when it syncs — locates the fault, uses a van part, brings back the replaced one and
// completes; the ticket's SLA shows the arrival met and the ticket resolved.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../test/helpers.ts';
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

async function pick(page: Page, testId: string, option: RegExp, typed?: string) {
  await page.getByTestId(testId).click();
  if (typed) await page.keyboard.type(typed);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

describe('field service', () => {
  it('takes a portal fault report through dispatch, an offline-tolerant visit, parts and a signed report', async () => {
    // The customer reports the fault on its equipment in the portal.
    const customer = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const portal = await customer.newPage();
    await portal.goto(`${env.baseUrl}/login`);
    await portal.getByTestId('login-username').fill('hzmetro');
    await portal.getByTestId('login-password').fill('aftercare-demo');
    await portal.getByTestId('login-submit').click();
    await portal.waitForURL(/\/portal/);
    await portal.getByTestId('nav-portal-tickets').click();
    await portal.getByTestId('ticket-new').click();
    await pick(portal, 'portal-device', /HZ-L1-P003/, 'HZ-L1-P003');
    await portal.getByTestId('ticket-subject').fill('3号灯杆整夜熄灭');
    await portal.getByTestId('ticket-description').fill('3 号灯杆昨夜起不亮。');
    await portal.getByTestId('ticket-submit').click();
    await portal.waitForURL(/\/portal\/tickets\/[0-9a-f-]{36}$/);
    const ticketId = portal.url().split('/').pop()!;
    const ticketUrl = `${env.baseUrl}/console/tickets/${ticketId}`;

    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const agent = await desk.newPage();
    await logIn(agent, 'agent');
    await agent.goto(ticketUrl);
    await agent.getByTestId('wo-create').click();
    await expect.poll(() => agent.locator('[data-testid^="wo-WO-"]').count()).toBe(1);
    const number = ((await agent.locator('[data-testid^="wo-WO-"]').getAttribute('data-testid')) ?? '').slice(
      3,
    );
    await agent.getByTestId('nav-dispatch').click();
    await expect.poll(() => agent.getByTestId('dispatch-table').textContent()).toContain(number);
    await agent.getByTestId(`dispatch-suggest-${number}`).click();
    await expect.poll(() => agent.locator('.ant-popover').textContent()).toContain('刘工');
    await screenshot(agent, 'dispatch-board');
    await agent.keyboard.press('Escape');
    await agent.getByTestId(`dispatch-assign-${number}`).click();
    await agent.locator('.ant-select-item-option', { hasText: '刘工' }).click();
    await expect.poll(() => agent.getByTestId('dispatch-table').textContent()).not.toContain(number);

    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    await logIn(page, 'field');
    await page.goto(`${env.baseUrl}/console/jobs`);
    await page.getByTestId(`job-${number}`).click();
    await page.waitForURL(/\/console\/jobs\/[0-9a-f-]{36}$/);
    // His phone shows the equipment's warranty and a way to its service history.
    await expect.poll(() => page.getByTestId('visit-asset').count()).toBe(1);
    // By its serial and name, not "设备 1".
    await expect.poll(() => page.getByTestId('visit-asset').textContent()).toContain('HZ-L1-P003');
    await page.getByTestId('stage-accepted').click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('已接单');

    // No network on site: the check-in waits on the phone with the time it was pressed.
    await phone.setOffline(true);
    const pressedAt = Date.now();
    await page.getByTestId('stage-arrived').click();
    await expect.poll(() => page.getByTestId('visit-queue').textContent()).toContain('离线');
    await page.waitForTimeout(2500);
    await phone.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(() => page.getByTestId('visit-status').textContent(), { timeout: 20_000 })
      .toBe('已到场');

    await page.getByTestId('stage-diagnosed').click();
    await page.getByTestId('visit-fault-location').fill('配电箱内驱动电源');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('已定位');
    await page.getByTestId('visit-part').click();
    await page.locator('.ant-select-item-option', { hasText: 'DRV-150W' }).click();
    await page.getByTestId('visit-reserve-part').click();
    await expect.poll(() => page.getByText('已预留').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /^领\s*用$/ }).click();
    await expect.poll(() => page.getByText('已预留').count()).toBe(0);
    await page.getByTestId('visit-return-part').click();
    await page.getByTestId('stage-completed').click();
    await page.getByTestId('visit-result').fill('更换驱动电源后照明恢复');
    // The customer signs with a finger.
    const pad = await page.getByTestId('signature-pad').boundingBox();
    await page.mouse.move(pad!.x + 20, pad!.y + 100);
    await page.mouse.down();
    await page.mouse.move(pad!.x + 120, pad!.y + 40, { steps: 8 });
    await page.mouse.move(pad!.x + 220, pad!.y + 110, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('visit-signed-by').fill('周主任');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('visit-status').textContent()).toBe('已完成');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'visit-390');

    // The check-in kept the moment it was pressed, not the moment it synced.
    const wo = await page.evaluate(async () => {
      const id = location.pathname.split('/').pop();
      return (await fetch(`/api/v1/work-orders/${id}`)).json();
    });
    const arrived = wo.events.find((e: { stage: string }) => e.stage === 'arrived');
    // The signed report, in Chinese, with the signer and what was done.
    const pdf = await page.evaluate(async () => {
      const id = location.pathname.split('/').pop();
      const bytes = new Uint8Array(await (await fetch(`/api/v1/work-orders/${id}/report.pdf`)).arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    });
    const text = await pdfText(Buffer.from(pdf, 'base64'));
    for (const s of ['维修报告', '配电箱内驱动电源', '更换驱动电源后照明恢复', '周主任', 'DRV-150W'])
      expect(text).toContain(s);
    expect(Math.abs(new Date(arrived.at).getTime() - pressedAt)).toBeLessThan(2000);
    expect(new Date(arrived.recordedAt).getTime() - new Date(arrived.at).getTime()).toBeGreaterThan(2000);
    // The van's stock and the ledger carry the work order.
    const ledger = await page.evaluate(async () => {
      const part = (await (await fetch('/api/v1/parts?q=DRV-150W')).json()).items[0];
      return (await (await fetch(`/api/v1/parts/${part.id}/movements`)).json()).items as {
        kind: string;
        workOrderRef: string | null;
      }[];
    });
    expect(ledger.filter((m) => m.workOrderRef === number).map((m) => m.kind)).toEqual(
      expect.arrayContaining(['reserve', 'issue', 'return_defective']),
    );
    await phone.close();

    // The customer finds the report on its ticket in the portal.
    await portal.goto(`${env.baseUrl}/portal/tickets/${ticketId}`);
    await expect.poll(() => portal.getByTestId('ticket-reports').textContent()).toContain(number);
    await screenshot(portal, 'portal-report-390');
    await customer.close();

    await agent.goto(ticketUrl);
    await expect.poll(() => agent.locator('h1').textContent()).toContain('已解决');
    const onSite = agent.getByTestId('sla-panel').locator('.ant-list-item', { hasText: '到达现场' }).first();
    await expect.poll(() => onSite.textContent()).toContain('已达成');
    // The service archive of the equipment shows the visit.
    const assetId = await agent.evaluate(
      async (id) => (await (await fetch(`/api/v1/tickets/${id}`)).json()).assetIds[0] as string,
      ticketId,
    );
    await agent.goto(`${env.baseUrl}/console/assets/${assetId}`);
    await expect.poll(() => agent.locator('body').textContent()).toContain(number);
    await desk.close();
  }, 300_000);

  it('schedules work by dragging it onto an engineer’s slot', async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await desk.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('queue-all').click();
    await page.getByText('上次维修后同一路灯再次不亮').click();
    await page.getByTestId('wo-create').click();
    await expect.poll(() => page.locator('[data-testid^="wo-WO-"]').count()).toBe(1);
    const number = ((await page.locator('[data-testid^="wo-WO-"]').getAttribute('data-testid')) ?? '').slice(
      3,
    );
    await page.getByTestId('nav-dispatch').click();
    await page.getByTestId('dispatch-schedule').click();
    const card = page.getByTestId('schedule-unassigned').getByTestId(`schedule-wo-${number}`);
    await expect.poll(() => card.count()).toBe(1);
    await card.dragTo(page.getByTestId('slot-刘工-10'));
    // A slot after the ticket's on-site deadline asks first (the demo ticket's may have passed).
    const late = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
    await expect
      .poll(async () => {
        if (await late.isVisible()) await late.click();
        return page.getByTestId('slot-刘工-10').textContent();
      })
      .toContain(number);
    // The grid keeps its shape: the slot is as wide as its neighbour after the drop.
    const widths = await Promise.all(
      ['slot-刘工-10', 'slot-刘工-11'].map(async (id) => (await page.getByTestId(id).boundingBox())?.width),
    );
    expect(Math.abs((widths[0] ?? 0) - (widths[1] ?? 0))).toBeLessThan(1);
    await screenshot(page, 'dispatch-schedule');
    await desk.close();
  }, 300_000);
});
