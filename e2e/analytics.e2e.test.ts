// The service manager's analytics dashboard (issue 19): a ticket of the metro customer whose first
// response came 10 minutes late (its target written as the SLA engine writes a late stop), the rollups
// brought up to date from the page, a filter on the customer from its breakdown, the drill-down to the
// breached targets naming the ticket, the stage table exported to Excel, and open work by region (the
// ticket in its customer's region, drilled into); the portal's open work on a 390 px phone.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_TOP_GROUPS } from '../common/analytics-api.ts';
import { api, logIn, rawText } from './field-helpers.ts';
import { type E2eEnv, startE2e } from './harness.ts';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe-core violations on the page (as the raw-text scan checks every page). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as {
            axe: {
              run(
                c: object,
                o: object,
              ): Promise<{ violations: { id: string; impact: string | null; nodes: { html: string }[] }[] }>;
            };
          }
        ).axe.run({ exclude: [['.ant-table-measure-row']] }, { resultTypes: ['violations'] })
      ).violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 2)
          .map((n) => n.html.slice(0, 90))
          .join(' | ')}`,
    );
}

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

let step = 'start';
let stepPage: Page | undefined;
afterAll(async () => {
  console.log(`analytics: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/analytics-last.png', fullPage: true }).catch(() => {});
});

describe('the analytics dashboard', () => {
  it('a manager filters, drills down to the breached tickets and exports Excel', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
      // axe is injected as an inline script, which the app's policy forbids.
      bypassCSP: true,
    });
    const page = await context.newPage();
    stepPage = page;
    step = 'a late first response';
    await logIn(page, env.baseUrl, 'manager');
    const customers = await api(page, env.baseUrl, 'GET', '/api/v1/customers?q=HZ-METRO');
    const customer = customers.items[0] as { id: string; name: string };
    const ticket = await api(page, env.baseUrl, 'POST', '/api/v1/tickets', {
      kind: 'fault_report',
      customerId: customer.id,
      subject: '站厅照明闪烁',
      description: '站厅照明闪烁，需要检查',
    });
    await env.database.db.execute(sql`
      update sla_targets set state = 'met', due_at = now() - interval '1 hour',
             met_at = now() - interval '50 minutes', breached = true, breached_by = 600, updated_at = now()
       where ticket_id = ${ticket.id} and metric = 'first_response'`);

    step = 'open the dashboard';
    await page.goto(`${env.baseUrl}/console/analytics`);
    await page.getByRole('button', { name: /立即更新/ }).click();
    await expect
      .poll(() => page.getByTestId('analytics-drill-first_response').count(), { timeout: 60_000 })
      .toBe(1);

    expect(await rawText(page)).toEqual([]);
    // The pointer leaves the button it clicked (antd's hover colour is not the resting one) and the
    // colour transition ends before the contrast is read.
    await page.mouse.move(1, 1);
    await page.waitForTimeout(600);
    expect(await axeViolations(page)).toEqual([]);

    step = 'filter on the customer';
    await page.getByRole('button', { name: customer.name, exact: true }).first().click();
    await expect.poll(() => page.getByTestId('analytics-filter-customerId').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('analytics-drill-first_response').count()).toBe(1);

    step = 'drill down to the breached tickets';
    await page.getByTestId('analytics-drill-first_response').click();
    const records = page.getByTestId('analytics-records');
    await expect.poll(() => records.getByText(ticket.number).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await rawText(page)).toEqual([]);
    await page.keyboard.press('Escape');

    step = 'open work by region, drilled into the region of the ticket';
    const openWork = await api(
      page,
      env.baseUrl,
      'GET',
      `/api/v1/analytics/open-work?customerId=${customer.id}`,
    );
    let row = -1;
    for (const [i, r] of (openWork.regions as { region: string | null }[]).entries()) {
      const q = r.region ? `&region=${encodeURIComponent(r.region)}` : '';
      const behind = await api(
        page,
        env.baseUrl,
        'GET',
        `/api/v1/analytics/open-work/records?customerId=${customer.id}${q}`,
      );
      if ((behind.items as { number: string }[]).some((x) => x.number === ticket.number)) row = i;
    }
    expect(row).toBeGreaterThanOrEqual(0);
    await expect
      .poll(() => page.getByTestId(`open-work-drill-${row}`).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.getByTestId(`open-work-drill-${row}`).click();
    const behindRegion = page.getByTestId('open-work-records');
    await expect
      .poll(() => behindRegion.getByText(ticket.number).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await rawText(page)).toEqual([]);
    await page.keyboard.press('Escape');

    step = 'export the stage table';
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('analytics-export-byMetric').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^analytics-byMetric-\d{4}-\d{2}-\d{2}\.xlsx$/);

    step = 'the measures beyond SLA and the records behind one';
    // The server lists the lowest MTBF groups of each breakdown (MTBF_GROUP_LIMIT) and counts them all:
    // here it says there are more projects than listed, as a year over all customers does at 10⁶.
    await page.route(
      (url) => url.pathname === '/api/v1/analytics/measures',
      async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        json.mtbf.counts.byProject = json.mtbf.byProject.length + 10_000;
        await route.fulfill({ response, json });
      },
    );
    await page.getByTestId('measures-show').click();
    await expect
      .poll(() => page.getByTestId('measure-first_time_fix').isVisible(), { timeout: 60_000 })
      .toBe(true);
    expect(await page.getByTestId('measures-cut-mtbfByProduct').count()).toBe(0);
    await page.locator('[data-node-key="mtbfByProject"]').click();
    await expect.poll(() => page.getByTestId('measures-cut-mtbfByProject').textContent()).toMatch(/10,0\d\d/);
    expect(await rawText(page)).toEqual([]);
    await page.getByTestId('measure-follow_ups').getByRole('button').click();
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBeGreaterThan(0);
    expect(await rawText(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await context.close();
    // The first "update now" runs every rollup over the demo's history: on a loaded 2-core machine
    // that alone can take most of a minute.
  }, 240_000);

  it('a breakdown with more customers than a table lists says how many there are, at 1440 and 390 px', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    stepPage = page;
    step = 'more customers with decided targets than a table lists';
    await logIn(page, env.baseUrl, 'manager');
    const ids: string[] = [];
    for (let i = 0; i <= DASHBOARD_TOP_GROUPS; i++) {
      const c = await api(page, env.baseUrl, 'POST', '/api/v1/customers', {
        code: `TOP-${i}`,
        name: `明细客户 ${i}`,
      });
      const ticket = await api(page, env.baseUrl, 'POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: c.id,
        subject: '使用咨询',
        description: '请说明设备的使用方法',
      });
      ids.push(ticket.id);
    }
    // Each first response answered on time an hour ago (as the SLA engine writes a stop).
    await env.database.db.execute(sql`
      update sla_targets set state = 'met', due_at = now() - interval '1 hour',
             met_at = now() - interval '70 minutes', updated_at = now()
       where ticket_id = any(${sql.param(ids)}::uuid[]) and metric = 'first_response'`);

    step = 'the customer table lists the largest and says how many in all';
    await page.goto(`${env.baseUrl}/console/analytics`);
    await page.getByRole('button', { name: /立即更新/ }).click();
    const note = page.getByTestId('analytics-cut-byCustomer');
    // Run alone, this is the demo's first rollup (its whole history): longer than an incremental one.
    await expect.poll(() => note.isVisible(), { timeout: 90_000 }).toBe(true);
    const text = (await note.textContent()) ?? '';
    expect(text).toContain(`${DASHBOARD_TOP_GROUPS} 个客户`);
    const total = Number(/共 ([\d,]+) 个/.exec(text)?.[1]?.replaceAll(',', ''));
    expect(total).toBeGreaterThan(DASHBOARD_TOP_GROUPS);
    expect(text).toContain('Excel');
    expect(await rawText(page)).toEqual([]);

    step = 'the same on a phone';
    await page.setViewportSize({ width: 390, height: 844 });
    await note.scrollIntoViewIfNeeded();
    const box = await note.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/analytics-top-groups.png' });
    await context.close();
  }, 240_000);

  it("the customer's portal shows its own figures", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    stepPage = page;
    step = 'portal figures';
    await page.goto(`${env.baseUrl}/login`);
    await page.getByTestId('login-username').fill('hzmetro');
    await page.getByTestId('login-password').fill('aftercare-demo');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/portal/);
    await page.getByTestId('nav-portal-analytics').click();
    await expect.poll(() => page.getByTestId('analytics-total').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await rawText(page)).toEqual([]);
    // The pointer leaves the button it clicked (antd's hover colour is not the resting one) and the
    // colour transition ends before the contrast is read.
    await page.mouse.move(1, 1);
    await page.waitForTimeout(600);
    expect(await axeViolations(page)).toEqual([]);

    step = 'portal open work on a phone';
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.getByTestId('open-work-regions').isVisible(), { timeout: 10_000 })
      .toBe(true);
    const card = await page.getByTestId('open-work').boundingBox();
    expect(card!.width).toBeLessThanOrEqual(390);
    await page.getByTestId('open-work-drill-0').click();
    await expect
      .poll(() => page.getByTestId('open-work-records').isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await rawText(page)).toEqual([]);
    await context.close();
  });
});
