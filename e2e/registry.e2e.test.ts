// The registry in Chromium: finding equipment by a Chinese substring, its warranty status with the
// reasons and its archive; a customer user sees only its own projects and equipment.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TIME_ZONE } from '../test/helpers.ts';
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
}

describe('registry screens', () => {
  it('an agent finds a street-light pole by "路灯", sees its warranty, components and archive', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-assets').click();
    await page.getByTestId('asset-search').locator('input').fill('路灯');
    await page.getByTestId('asset-search').locator('input').press('Enter');
    await page.getByRole('cell', { name: 'HZ-L1-P001', exact: true }).click();
    await page.waitForURL('**/console/assets/*');
    // HZ-L1 was accepted 2026-03-15 with 24 months of warranty
    await expect.poll(() => page.getByTestId('coverage-status').textContent()).toBe('质保期内');
    await page.getByText('质保期至 2028-03-15（不含）。').waitFor();
    await page.getByTestId('archive').getByText('设备验收').first().waitFor();
    await screenshot(page, 'asset-detail');
    await page.getByRole('tab', { name: '部件' }).click();
    await page.getByRole('cell', { name: 'HZ-L1-H001', exact: true }).waitFor();
    await context.close();
  });

  it('shows equipment out of warranty as such, with the charge basis', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-assets').click();
    await page.getByTestId('asset-search').locator('input').fill('SZ-B1-CH1');
    await page.getByTestId('asset-search').locator('input').press('Enter');
    await page.getByRole('cell', { name: 'SZ-B1-CH1', exact: true }).click();
    // SZ-B1 was accepted 2021-05-01 with 12 + 24 months
    await expect.poll(() => page.getByTestId('coverage-status').textContent()).toBe('已过保');
    await page.getByText('按出厂价收费').waitFor();
    await context.close();
  });

  it('篇4 g.8: a manager gives a contract lifetime repair at cost, and the equipment out of warranty is then charged at cost', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'manager');
    await page.waitForURL('**/console**');
    await page.goto(`${env.baseUrl}/console/projects`);
    await page.getByRole('cell', { name: 'SZ-B1', exact: true }).click();
    await page.getByRole('tab', { name: '合同' }).click();
    await page.getByRole('cell', { name: 'HT-SZ-B1', exact: true }).click();
    const fees = page.getByTestId('contract-fees');
    await fees.getByText('保修期后终身成本价维修').waitFor();
    await fees.getByRole('switch').click();
    await fees.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('收费标准已保存').waitFor();
    await page.goto(`${env.baseUrl}/console/assets`);
    await page.getByTestId('asset-search').locator('input').fill('SZ-B1-CH1');
    await page.getByTestId('asset-search').locator('input').press('Enter');
    await page.getByRole('cell', { name: 'SZ-B1-CH1', exact: true }).click();
    await expect.poll(() => page.getByTestId('coverage-status').textContent()).toBe('已过保');
    await page.getByText(/保修期过后，按合同提供终身成本价的故障维修或部件更换/).waitFor();
    await page.getByText('按成本价收费').first().waitFor();
    await screenshot(page, 'asset-coverage-at-cost');
    await context.close();
  });

  it('a customer user sees its own projects and equipment only', async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await logIn(page, 'szpark');
    await page.waitForURL('**/portal');
    await page.getByTestId('nav-portal-projects').click();
    const card = page.getByTestId('portal-project-card').filter({ hasText: '科技园环路智慧路灯工程' });
    await card.waitFor();
    expect(await page.getByText('地铁1号线出入口太阳能路灯工程').count()).toBe(0);
    await card.click();
    await page.getByRole('tab', { name: '设备' }).click();
    await page.getByTestId('portal-asset-card').filter({ hasText: 'SZ-L1-P001' }).waitFor();
    await screenshot(page, 'portal-project-375');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe('import screen', () => {
  it('a manager imports equipment from Excel and sees the rows that were wrong', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('data');
    sheet.addRow(['项目编码', '产品型号', '序列号', '所属整机序列号']);
    sheet.addRow(['HZ-L1', 'SL-POLE-8M', 'HZ-L1-P101', null]);
    sheet.addRow(['HZ-L1', 'LED-HEAD-120W', 'HZ-L1-H101', 'HZ-L1-P101']);
    sheet.addRow(['NO-SUCH', 'SL-POLE-8M', 'X-1', null]);
    const file = path.join(os.tmpdir(), `import-${Date.now()}.xlsx`);
    await wb.xlsx.writeFile(file);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'manager');
    await page.getByTestId('nav-import').click();
    await page.getByText('只导入正确的行').click();
    await page.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('import-summary').textContent(), { timeout: 20_000 })
      .toContain('已完成');
    expect(await page.getByTestId('import-summary').textContent()).toContain('导入 2 行');
    await page.getByRole('cell', { name: 'no project with this code' }).waitFor();
    await screenshot(page, 'import-result');
    await context.close();
  });
});

describe('customer detail', () => {
  it('warns about a likely duplicate while a new customer is typed in', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-new').click();
    await page.getByLabel('名称', { exact: true }).fill('杭州地铁集团公司');
    await page.getByLabel('联系人', { exact: true }).click();
    await page
      .getByTestId('customer-duplicates')
      .getByText(/HZ-METRO 杭州地铁集团有限公司/)
      .waitFor();
    await context.close();
  });

  it('an agent adds a contact to a customer and sees its projects', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-customers').click();
    await page.getByRole('cell', { name: '深圳湾科技园物业' }).click();
    await page.waitForURL('**/console/customers/*');
    await page.getByRole('tab', { name: '联系人' }).click();
    await page.getByRole('button', { name: '新增联系人' }).click();
    await page.getByLabel('姓名').fill('林工');
    await page.getByLabel('职务').fill('设备科长');
    await page.getByLabel('联系电话').fill('13900000000');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: '设备科长' }).waitFor();
    await page.getByRole('tab', { name: '项目' }).click();
    await page.getByRole('cell', { name: '科技园A栋空调系统改造' }).waitFor();
    await context.close();
  });
});

describe('editing equipment', () => {
  it('an agent corrects the location and attaches a photo', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    const file = path.join(os.tmpdir(), `现场照片-${Date.now()}.png`);
    await (await import('node:fs/promises')).writeFile(file, png);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-assets').click();
    await page.getByTestId('asset-search').locator('input').fill('CD-B1-LV1');
    await page.getByTestId('asset-search').locator('input').press('Enter');
    await page.getByRole('cell', { name: 'CD-B1-LV1', exact: true }).click();
    await page.getByTestId('asset-edit').click();
    await page.getByLabel('安装位置').fill('B1 变配电室');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('B1 变配电室').waitFor();
    await page.getByRole('tab', { name: '照片与文档' }).click();
    await page.getByTestId('attachments').locator('input[type=file]').setInputFiles(file);
    await page.getByText(path.basename(file)).waitFor();
    await context.close();
  });
});

describe('notifications', () => {
  it('a manager sees the warranty expiry reminder in the bell and opens the equipment', async () => {
    const { sendWarrantyExpiryReminders } = await import('../server/modules/registry/index.ts');
    const { deliverInApp } = await import('../server/modules/notifications/index.ts');
    const { deliverDueMessages } = await import('../server/platform/outbox.ts');
    const { ManualClock } = await import('../server/platform/clock.ts');
    const clock = new ManualClock(new Date('2026-11-24T02:00:00Z'));
    await sendWarrantyExpiryReminders(env.database.db, clock, TEST_TIME_ZONE);
    await deliverDueMessages(
      env.database.db,
      clock,
      { in_app: (m) => deliverInApp(env.database.db, m, clock.now()) },
      500,
    );
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'manager');
    await page.getByTestId('notifications').click();
    await page.getByText(/设备 CD-B1-CH1（T1航站楼暖通及配电工程）的质保期将于 2026-12-20 结束/).click();
    await page.waitForURL('**/console/assets/*');
    await expect.poll(() => page.locator('h1').textContent()).toContain('CD-B1-CH1');
    await context.close();
  });
});
