// Excel export in Chromium: the ticket list filtered on screen downloads as a workbook that holds
// the filtered rows only.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

describe('export', () => {
  it('downloads the ticket list with the filters on screen as an xlsx file', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/login`);
    await page.getByTestId('login-username').fill('support');
    await page.getByTestId('login-password').fill('aftercare-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('queue-all').click();
    await page.getByPlaceholder('搜索单号或标题').fill('照明');
    await page.getByPlaceholder('搜索单号或标题').press('Enter');
    await expect.poll(() => page.getByRole('cell', { name: /上次维修后/ }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-tickets').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tickets-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(download.url()).toContain(`q=${encodeURIComponent('照明')}`);
    expect(download.url()).toContain('queue=all');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header[0]).toBe('工单号');
    const subjects: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) subjects.push(String(row.getCell(header.indexOf('主题') + 1).value));
    });
    expect(subjects.length).toBeGreaterThan(0);
    for (const s of subjects) expect(s).toContain('照明');
    await context.close();
  });
});
