// The maintenance pages merged from three branches, run together in Chromium: a manager creates an
// inspection campaign (preview → create) and follows it on the board; a customer on a 390 px phone asks
// to move an upcoming visit and the dispatcher confirms it; the compliance tab shows figures and its
// Excel downloads; a plan tuning proposal is accepted. Then each page is photographed in Chinese and
// English at 1440 px and 390 px (SHOTS_DIR, default /tmp/m16-shots) and scanned for raw codes, keys,
// ids and JSON and for a page wider than the window.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, rawText } from './field-helpers.ts';
import { type E2eEnv, startE2e } from './harness.ts';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/m16-shots';
let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => env?.close());

let step = 'start';
let stepPage: Page | undefined;
afterAll(async () => {
  console.log(`maintenance-campaigns: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/maintenance-campaigns-last.png', fullPage: true }).catch(() => {});
});

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => isoDay(new Date(Date.now() + n * 86_400_000));

interface Setup {
  projectName: string;
  templateId: string;
  firstVisit: { visitId: string; dueOn: string; workOrderId: string };
}

/**
 * The metro customer's project gets two cabinets of a category of their own, on a monthly plan
 * (generated: visits coming up for the portal), and a tuning proposal for their template.
 */
async function setUp(page: Page): Promise<Setup> {
  const base = env.baseUrl;
  const customers = await api(page, base, 'GET', '/api/v1/customers?q=HZ-METRO');
  const customerId = customers.items[0].id;
  const project = (await api(page, base, 'GET', `/api/v1/projects?customerId=${customerId}`)).items[0];
  const product = await api(page, base, 'POST', '/api/v1/products', {
    model: 'E2E-CAB-1',
    name: '照明配电箱',
    category: 'e2e-campaign',
    sizeClass: 'small',
  });
  const assetIds: string[] = [];
  for (const serial of ['PD-0001', 'PD-0002'])
    assetIds.push(
      (
        await api(page, base, 'POST', '/api/v1/assets', {
          projectId: project.id,
          productId: product.id,
          serial,
          name: '站厅照明配电箱',
        })
      ).id,
    );
  const template = await api(page, base, 'POST', '/api/v1/maintenance/templates', {
    name: '配电箱月检',
    cycle: 'routine',
    category: 'e2e-campaign',
    checklist: [
      { key: 'inspect', label: '外观巡检', kind: 'check' },
      { key: 'insulation', label: '绝缘电阻', kind: 'measurement', unit: 'MΩ', min: 20 },
    ],
  });
  const plan = await api(page, base, 'POST', '/api/v1/maintenance/plans', {
    projectId: project.id,
    name: '配电箱保养',
    assetIds,
    templateIds: [template.id],
    startsOn: daysFromNow(2),
  });
  await api(page, base, 'POST', `/api/v1/maintenance/plans/${plan.id}/generate`, {});
  const visits: { visitId: string; dueOn: string; workOrderId: string }[] = await api(
    page,
    base,
    'GET',
    `/api/v1/maintenance/plans/${plan.id}/visits`,
  );
  const firstVisit = visits.sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0]!;
  // A proposal as the analysis would make it: four clean visits in a row, no failure.
  await env.database.pool.query(
    `insert into maintenance_tuning_proposals (template_id, product_id, current_months, proposed_months, direction, evidence)
     values ($1, $2, 1, 2, 'longer', $3)`,
    [
      template.id,
      product.id,
      JSON.stringify({
        assets: 2,
        windowDays: 120,
        failures: 0,
        mtbfDays: null,
        failuresBeforeNextVisit: 0,
        visits: 8,
        visitsWithFindings: 0,
        cleanVisitsInRow: 4,
        findingsSource: 'visit_checklists',
        rule: 'clean_visits_no_failure',
      }),
    ],
  );
  return { projectName: project.name, templateId: template.id, firstVisit };
}

async function pageAs(browser: Browser, user: string, width: number, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript((l) => localStorage.setItem('aftercare.language', l), lang);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill('aftercare-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/(console|portal)/);
  return { context, page };
}

/** Types a date into an antd DatePicker and takes it. */
async function pickDate(page: Page, selector: string, day: string) {
  const input = page.locator(selector);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

async function settle(page: Page) {
  await page.locator('main').first().waitFor();
  let last = '';
  for (let i = 0; i < 40; i++) {
    const busy = await page.locator('.ant-spin-spinning, .ant-skeleton').count();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a user reads
    const text = await page.locator('body').innerText();
    if (!busy && text === last && text.length > 0) return;
    last = text;
    await page.waitForTimeout(150);
  }
}

/** A page wider than the window, or a title cut off. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      found.push(
        `page wider than the window by ${document.documentElement.scrollWidth - window.innerWidth}px`,
      );
    for (const el of document.querySelectorAll<HTMLElement>(
      'main h1, main h2, .page-title, .ant-card-head-title, .ant-modal-title, .ant-drawer-title, .ant-tabs-tab-btn',
    )) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2)
        found.push(`clipped title: ${(el.textContent ?? '').trim().slice(0, 40)}`);
    }
    return found;
  });
}

describe('maintenance campaigns, date requests, compliance and tuning in the browser', () => {
  let setup: Setup;

  it('a manager previews and creates a campaign and follows it on its board', async () => {
    const { context, page } = await pageAs(env.browser, 'manager', 1440);
    stepPage = page;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    step = 'setup';
    setup = await setUp(page);
    step = 'campaign';
    await page.goto(`${env.baseUrl}/console/maintenance?tab=campaigns`);
    await page.getByTestId('campaign-new').click();
    await page.locator('#name').fill('国庆前配电箱巡检');
    await page.locator('#reason').fill('国庆客流高峰前对照明配电设施全面检查');
    await pickDate(page, '#deadline', daysFromNow(14));
    const categories = page.locator('#categories');
    await categories.fill('e2e-campaign');
    await categories.press('Enter');
    await page.getByTestId('campaign-preview-button').click();
    await expect.poll(() => page.getByTestId('campaign-preview').textContent()).toBe('共 1 个项目、2 台设备');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    // Created: the drawer opens on the campaign's visits, and the board counts it.
    await expect.poll(() => page.locator('.ant-drawer-title').textContent()).toBe('国庆前配电箱巡检');
    await expect
      .poll(() => page.getByTestId('campaign-visits').locator('tbody tr.ant-table-row').first().textContent())
      .toContain(setup.projectName);
    expect(await rawText(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/campaign-drawer-zh-1440.png` });
    await page.locator('.ant-drawer-close').click();
    const row = page.getByTestId('campaign-board').locator('tbody tr', { hasText: '国庆前配电箱巡检' });
    await expect.poll(() => row.textContent()).toContain('节假日前');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a customer on a phone asks for another date and the dispatcher confirms it', async () => {
    step = 'portal request';
    const customer = await pageAs(env.browser, 'hzmetro', 390);
    stepPage = customer.page;
    const portal = customer.page;
    await portal.goto(`${env.baseUrl}/portal/maintenance`);
    const card = portal.getByTestId('portal-visit').filter({ hasText: setup.firstVisit.dueOn }).first();
    await expect.poll(() => card.textContent()).toContain('PD-0001');
    await card.getByTestId('portal-visit-request').click();
    const wanted = isoDay(new Date(Date.parse(`${setup.firstVisit.dueOn}T00:00:00Z`) + 3 * 86_400_000));
    await pickDate(portal, '.ant-modal #requestedOn', wanted);
    await portal.locator('.ant-modal #reason').fill('当天车站有活动，请改期');
    await portal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => card.textContent()).toContain(`改期到 ${wanted} 待确认`);
    expect(await layoutProblems(portal)).toEqual([]);

    step = 'dispatcher confirms';
    const desk = await pageAs(env.browser, 'agent', 1440);
    stepPage = desk.page;
    await desk.page.goto(`${env.baseUrl}/console/maintenance?tab=date-requests`);
    const request = desk.page.getByTestId('date-requests').locator('tbody tr', { hasText: wanted });
    await expect.poll(() => request.textContent()).toContain('当天车站有活动');
    await request.getByTestId('date-request-confirm').click();
    await expect.poll(() => request.count()).toBe(0); // no longer pending
    await desk.context.close();

    step = 'portal sees it moved';
    stepPage = portal;
    await portal.reload();
    const moved = portal.getByTestId('portal-visit').filter({ hasText: wanted }).first();
    await expect.poll(() => moved.textContent()).toContain(`已改期（原 ${setup.firstVisit.dueOn}）`);
    expect(await rawText(portal)).toEqual([]);
    await customer.context.close();
  }, 180_000);

  it('the compliance tab shows figures and downloads its Excel; a tuning proposal is accepted; settings save', async () => {
    const { context, page } = await pageAs(env.browser, 'manager', 1440);
    stepPage = page;
    step = 'compliance';
    await page.goto(`${env.baseUrl}/console/maintenance?tab=compliance`);
    const total = page.getByTestId('compliance-table').locator('.ant-table-summary tr');
    await expect.poll(() => total.textContent()).toMatch(/^合计[1-9]/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('compliance-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 2).toString()).toBe('PK');

    step = 'tuning';
    await page.goto(`${env.baseUrl}/console/maintenance?tab=tuning`);
    const proposal = page.getByTestId('tuning-proposals').locator('tbody tr', { hasText: '配电箱月检' });
    await expect.poll(() => proposal.textContent()).toContain('1 个月');
    await proposal.getByTestId('tuning-accept').click();
    await page.locator('.ant-modal textarea').fill('连续四次无发现，延长周期');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => proposal.count()).toBe(0); // decided: off the open list
    const template = await api(page, env.baseUrl, 'GET', `/api/v1/maintenance/templates/${setup.templateId}`);
    expect(template.intervalMonths).toBe(2);

    step = 'settings';
    await page.goto(`${env.baseUrl}/console/maintenance?tab=settings`);
    await page.getByTestId('settings-review-required').click();
    await page.locator('#reminderDays').fill('5');
    await page.locator('main button[type=submit]').click();
    await expect
      .poll(async () => {
        const saved = await api(page, env.baseUrl, 'GET', '/api/v1/maintenance/settings');
        return [saved.reviewRequired, saved.reminderDays];
      })
      .toEqual([false, 5]);
    await context.close();
  }, 180_000);

  it('each maintenance page in Chinese and English, at 1440 px and on a 390 px phone: no raw text, nothing too wide', async () => {
    step = 'screenshots';
    const pages: { user: string; path: string; name: string }[] = [
      { user: 'manager', path: '/console/maintenance?tab=campaigns', name: 'campaigns' },
      { user: 'agent', path: '/console/maintenance?tab=date-requests', name: 'date-requests' },
      { user: 'manager', path: '/console/maintenance?tab=compliance', name: 'compliance' },
      { user: 'manager', path: '/console/maintenance?tab=tuning', name: 'tuning' },
      { user: 'manager', path: '/console/maintenance?tab=settings', name: 'settings' },
      { user: 'hzmetro', path: '/portal/maintenance', name: 'portal' },
    ];
    const problems: string[] = [];
    for (const lang of ['zh-CN', 'en'] as const)
      for (const user of ['manager', 'agent', 'hzmetro']) {
        const { context, page } = await pageAs(env.browser, user, 1440, lang);
        stepPage = page;
        for (const p of pages.filter((x) => x.user === user))
          for (const width of [1440, 390]) {
            await page.setViewportSize({ width, height: 900 });
            await page.goto(`${env.baseUrl}${p.path}`);
            await settle(page);
            // Date requests are shown with every status, so the confirmed one is on the picture.
            if (p.name === 'date-requests') {
              await page
                .locator('.ant-select-clear')
                .first()
                .click({ force: true })
                .catch(() => {});
              await settle(page);
            }
            const where = `${p.name} ${lang} ${width}`;
            await page.screenshot({ path: `${SHOTS}/${p.name}-${lang}-${width}.png`, fullPage: true });
            problems.push(...(await rawText(page)).map((r) => `${where}: raw ${r}`));
            problems.push(...(await layoutProblems(page)).map((r) => `${where}: ${r}`));
          }
        await context.close();
      }
    expect(problems).toEqual([]);
  }, 300_000);
});
