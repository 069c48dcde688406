// Dispatch at 1440 px: the unassigned table is not cut off, the suggestions give a fit out of 100 and
// their reasons in words, scheduling after the on-site deadline asks first and warns, the demo's
// maintenance visits show their due windows in the table and the week view, and the week view's
// headers are translated. Screenshots in Chinese and English, scanned for raw codes, keys and ids.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emergencyWorkOrder, logIn, rawText, toEnglish } from './field-helpers.ts';
import { type E2eEnv, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

/** The unassigned table's scrolling container: wider content than it shows means a cut-off. */
const overflow = (page: Page) =>
  page.getByTestId('dispatch-table').evaluate((el) => {
    const box = el.querySelector('.ant-table-content') ?? el.querySelector('.ant-table-container') ?? el;
    return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth };
  });

describe('dispatch at 1440 px', () => {
  it('fits the unassigned table, words the suggestions, warns when scheduling after the deadline', async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await desk.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, env.baseUrl, 'agent');
    const wo = await emergencyWorkOrder(page, env.baseUrl, false);
    await page.getByTestId('nav-dispatch').click();
    await expect.poll(() => page.getByTestId('dispatch-table').textContent()).toContain(wo.number);
    const size = await overflow(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    // The demo plan's maintenance visits: their due windows in the organisation's days.
    const windows = page.locator('[data-testid^="due-window-"]');
    await expect.poll(() => windows.count()).toBeGreaterThan(0);
    expect((await windows.first().textContent())?.trim()).toMatch(
      /^应做期 \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}$/,
    );

    // Suggestions: a fit out of 100 and reasons in words.
    await page.getByTestId(`dispatch-suggest-${wo.number}`).click();
    const popover = page.getByTestId('dispatch-suggestions');
    await expect.poll(() => popover.textContent()).toContain('刘工');
    await expect.poll(() => popover.textContent()).toMatch(/匹配度 \d+\/100/);
    await expect.poll(() => popover.textContent()).toContain('今日已有 0 单');
    await expect.poll(() => popover.textContent()).toMatch(/可在到场期限前到达|赶不上到场期限/);
    expect(await popover.textContent()).not.toMatch(/after_deadline|van_parts|jobs_today|skill:/);
    await page.screenshot({ path: '/tmp/dispatch-suggestions-zh.png' });
    expect(await rawText(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // A time well after the on-site deadline: confirmed first, then saved with the warning.
    const later = new Date(Date.now() + 10 * 86_400_000);
    const text = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')} 10:00`;
    const picker = page.getByTestId(`dispatch-schedule-${wo.number}`);
    await picker.click();
    await picker.fill(text);
    // Committed by the picker's OK button (no key event left over for the dialog that follows).
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await expect.poll(() => page.locator('.ant-modal-confirm').textContent()).toContain('晚于到场期限');
    await page.screenshot({ path: '/tmp/dispatch-late-zh.png' });
    const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
    await expect
      .poll(async () => {
        if (await ok.isVisible()) await ok.click().catch(() => {});
        return page.locator('.ant-message').textContent();
      })
      .toContain('已安排，但晚于到场期限');

    // The week view: headers in the user's language.
    await page.getByTestId('dispatch-schedule').click();
    await page.getByText('周', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId('schedule-grid').locator('thead').textContent())
      .toContain('周一');
    const boardWindows = page.getByTestId('schedule-unassigned').locator('[data-testid^="schedule-window-"]');
    await expect.poll(() => boardWindows.count()).toBeGreaterThan(0);
    expect((await boardWindows.first().textContent())?.trim()).toMatch(/^应做期 \d{2}-\d{2} – \d{2}-\d{2}$/);
    await page.screenshot({ path: '/tmp/dispatch-week-zh.png', fullPage: true });
    expect(await rawText(page)).toEqual([]);

    // English: the same, in words.
    await toEnglish(page);
    await expect
      .poll(() => page.getByTestId('schedule-grid').locator('thead').textContent())
      .toContain('Mon');
    await page.screenshot({ path: '/tmp/dispatch-week-en.png', fullPage: true });
    await page.getByTestId('dispatch-open').click();
    await expect.poll(() => page.getByTestId('dispatch-table').textContent()).toContain(wo.number);
    const sizeEn = await overflow(page);
    expect(sizeEn.scrollWidth).toBeLessThanOrEqual(sizeEn.clientWidth);
    await page.getByTestId(`dispatch-suggest-${wo.number}`).click();
    await expect.poll(() => popover.textContent()).toMatch(/Fit \d+\/100/);
    await expect.poll(() => popover.textContent()).toContain('Already 0 jobs today');
    await page.screenshot({ path: '/tmp/dispatch-suggestions-en.png' });
    expect(await rawText(page)).toEqual([]);
    expect(errors).toEqual([]);
    await desk.close();
  }, 300_000);
});
