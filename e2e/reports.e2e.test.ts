// Reports that write themselves (issue 19): a manager generates this month's analysis on the Reports
// page and its PDF (pdftotext) holds the SLA figures the dashboard shows for the month; the customer
// opens its project's monthly report in the portal. The project is the test's own (the demo's are
// left alone), and "this month" is the organisation's, whatever the hour.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../common/calendar-dates.ts';
import { periodDays } from '../common/reports-api.ts';
import { pdfText } from '../test/helpers.ts';
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
  console.log(`reports: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/reports-last.png', fullPage: true }).catch(() => {});
});

let projectName = '';

describe('reports that write themselves', () => {
  it("a manager generates the month's analysis; its PDF holds the dashboard's figures", async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    stepPage = page;
    step = 'a ticket on a project of our own';
    await logIn(page, env.baseUrl, 'manager');
    const me = await api(page, env.baseUrl, 'GET', '/api/v1/me');
    const month = toLocalDate(new Date(), me.organisationTimeZone).slice(0, 7);
    const customers = await api(page, env.baseUrl, 'GET', '/api/v1/customers?q=HZ-METRO');
    const customer = customers.items[0] as { id: string };
    projectName = `报告测试项目 ${Date.now()}`;
    const project = await api(page, env.baseUrl, 'POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `RPT-${Date.now()}`,
      name: projectName,
    });
    await api(page, env.baseUrl, 'POST', '/api/v1/tickets', {
      kind: 'fault_report',
      customerId: customer.id,
      projectId: project.id,
      subject: '广场灯不亮',
      description: '广场灯不亮，需要检查',
    });
    await api(page, env.baseUrl, 'POST', '/api/v1/analytics/refresh', {});
    const { from, to } = periodDays('monthly', month);
    const days = `from=${from}&to=${to}`;
    const dash = await api(page, env.baseUrl, 'GET', `/api/v1/analytics/sla?${days}`);

    step = 'generate on the Reports page';
    await page.goto(`${env.baseUrl}/console/analytics/reports`);
    await page.getByTestId('report-period').click();
    await page.locator('.ant-select-item-option', { hasText: month }).first().click();
    await page.getByTestId('report-generate').click();
    const row = page
      .getByTestId('reports-table')
      .locator('tr', { hasText: `${month}-01` })
      .first();
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await rawText(page)).toEqual([]);

    step = 'the PDF';
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('report-pdf-zh').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`monthly-report-${month}-zh-CN.pdf`);
    const text = await pdfText(fs.readFileSync((await download.path())!));
    expect(text).toContain('月度服务分析');
    expect(text).toContain(`已判定目标：${dash.total.decided}`);
    expect(text).toContain(`超时：${dash.total.breached}`);
    const pct = dash.total.compliancePercent === null ? '—' : `${dash.total.compliancePercent}%`;
    expect(text).toContain(`达成率：${pct}`);

    step = "the project's report for the customer";
    await api(page, env.baseUrl, 'POST', '/api/v1/reports', {
      kind: 'project_monthly',
      period: month,
      projectId: project.id,
    });
    await context.close();
  });

  it('the customer opens its project report in the portal', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    stepPage = page;
    step = 'portal reports';
    await page.goto(`${env.baseUrl}/login`);
    await page.getByTestId('login-username').fill('hzmetro');
    await page.getByTestId('login-password').fill('aftercare-demo');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/portal/);
    await page.getByTestId('nav-portal-reports').click();
    const card = page.getByTestId('portal-report-card').filter({ hasText: projectName });
    await expect.poll(() => card.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await rawText(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByTestId('portal-report-pdf').click(),
    ]);
    const text = await pdfText(fs.readFileSync((await download.path())!));
    expect(text).toContain('项目月度服务报告');
    expect(text).toContain(projectName);
    await context.close();
  });
});
