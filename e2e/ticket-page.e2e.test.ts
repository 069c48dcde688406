// The ticket page and phone quick entry in Chromium: an agent takes a call — Enter in the number box
// looks the caller up without submitting, choosing the match fills customer, contact and the last
// project, Ctrl+Enter creates the ticket — then works it: the side panel names the customer, caller,
// project and equipment with SLA countdowns, and a canned reply goes into the composer filled in;
// files are attached by paste and by drag and drop, and the caller is changed in the side panel.
// At 1440 px and 390 px, in Chinese and English, with no raw code, key or id on the screen.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPng } from '../test/helpers.ts';
import { type E2eEnv, screenshot, startE2e } from './harness.ts';

let env: E2eEnv;
let ticketUrl = '';
// Several browsers share this machine's two cores: a whole journey per test, with room to run.
const JOURNEY = 300_000;

beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

async function newPage(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  return { context, page };
}

async function logIn(page: Page, username: string) {
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('aftercare-demo');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/(console|portal)$/);
}

/** The API as the logged-in user of the page (cookie + CSRF token). */
async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown) {
  const me = await (await page.request.get(`${env.baseUrl}/api/v1/me`)).json();
  const res = await page.request.fetch(`${env.baseUrl}${path}`, {
    method,
    data: data as object,
    headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
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

async function toEnglish(page: Page) {
  await page.getByTestId('language-switch').click();
  await page.getByText('English', { exact: true }).click();
}

/** No raw keys, snake_case codes, template variables or ids in the rendered text. */
async function rawText(page: Page) {
  const text = await page.locator('body').innerText();
  return (
    text.match(
      /\b[a-z]+\.[a-z]+[A-Z]\w*\b|\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z.]+\b|[0-9a-f]{8}-[0-9a-f]{4}-|\{\{/g,
    ) ?? []
  );
}

/** Nothing sticks out sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the ticket page and phone quick entry', () => {
  it(
    'quick entry: Enter looks the caller up, the match fills the form, Ctrl+Enter creates',
    async () => {
      const { context, page } = await newPage(1440);
      await logIn(page, 'manager');
      // The desk's data: a canned reply, a caller of HZ-METRO and its last ticket on a project.
      await api(page, 'POST', '/api/v1/canned-replies', {
        title: '受理确认',
        body: '{{contact.name}}您好，{{customer.name}}的工单 {{ticket.number}} 已由{{agent.name}}受理。',
      });
      const customer = (await api(page, 'GET', '/api/v1/customers?q=HZ-METRO')).items[0];
      await api(page, 'POST', '/api/v1/contacts', {
        customerId: customer.id,
        name: '王工',
        phone: '139 0000 1111',
        title: '站务主管',
      });
      await api(page, 'POST', '/api/v1/contacts', {
        customerId: customer.id,
        name: '李站长',
        phone: '13700002222',
      });
      const project = (await api(page, 'GET', `/api/v1/projects?customerId=${customer.id}`)).items.find(
        (p: { name: string }) => p.name.includes('太阳能路灯'),
      );
      await api(page, 'POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: customer.id,
        projectId: project.id,
        subject: '路灯保养周期咨询',
        description: '想了解保养周期',
      });
      await context.close();

      const desk = await newPage(1440);
      await logIn(desk.page, 'agent');
      const p = desk.page;
      await p.goto(`${env.baseUrl}/console/tickets/new`);
      await p.getByTestId('caller-phone').locator('input').fill('13900001111');
      await p.getByTestId('caller-phone').locator('input').press('Enter');
      await p.getByTestId('caller-match').first().waitFor();
      // Looked up, not submitted: still on the form, no "required" errors.
      expect(p.url()).toMatch(/\/console\/tickets\/new$/);
      expect(await p.locator('.ant-form-item-explain-error').count()).toBe(0);
      expect(await p.getByTestId('caller-match').first().textContent()).toContain('王工');
      // A second Enter chooses the first match, which has the focus.
      await expect
        .poll(() => p.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('caller-match');
      await p.keyboard.press('Enter');
      await expect.poll(() => p.getByTestId('ticket-customer').textContent()).toContain('杭州地铁');
      await expect.poll(() => p.getByTestId('ticket-contact-select').textContent()).toContain('王工');
      await expect.poll(() => p.getByTestId('ticket-project').textContent()).toContain('太阳能路灯');
      // The caller's history stands beside the form, not below it.
      const history = p.getByTestId('caller-history');
      await history.getByText('路灯保养周期咨询').waitFor();
      const formBox = await p.locator('form').boundingBox();
      const historyBox = await history.boundingBox();
      expect(historyBox!.x).toBeGreaterThan(formBox!.x + formBox!.width - 1);
      expect(historyBox!.y).toBeLessThan(formBox!.y + 300);
      expect(await p.getByTestId('ticket-submit').textContent()).toContain('Ctrl+Enter');
      await pick(p, 'ticket-assets', /HZ-L1-P003/, 'P003');
      await p.keyboard.press('Escape');
      await p.getByTestId('ticket-subject').fill('3号灯杆夜间闪烁');
      await p.getByTestId('ticket-description').fill('王工来电：3 号灯杆夜间闪烁。');
      await screenshot(p, 'quick-entry-1440');
      await p.screenshot({ path: '/tmp/quick-entry-1440.png', fullPage: true });
      await p.keyboard.press('Control+Enter');
      await p.waitForURL(/\/console\/tickets\/[0-9a-f-]{36}$/);
      ticketUrl = p.url();
      expect((p as Page & { errors?: string[] }).errors).toEqual([]);
      await desk.context.close();
    },
    JOURNEY,
  );

  it(
    'the side panel names everything and counts down; a canned reply is inserted filled in',
    async () => {
      const { context, page } = await newPage(1440);
      await logIn(page, 'agent');
      await page.goto(ticketUrl);
      const side = page.getByTestId('ticket-side-panel');
      await expect
        .poll(() => side.getByTestId('side-customer').textContent())
        .toContain('杭州地铁集团有限公司');
      await expect.poll(() => side.getByTestId('side-contact').textContent()).toContain('王工');
      expect(await side.textContent()).toContain('139 0000 1111');
      expect(await side.getByTestId('side-project').textContent()).toContain('地铁1号线出入口太阳能路灯工程');
      await expect.poll(() => side.getByTestId('side-equipment').textContent()).toContain('HZ-L1-P003');
      await side.getByTestId('side-warranty').first().waitFor();
      expect(await side.getByTestId('side-other-open').textContent()).toContain('路灯保养周期咨询');
      const sla = side.getByTestId('sla-panel');
      await expect.poll(() => sla.textContent()).toContain('首次响应');
      await expect.poll(() => sla.getByTestId('sla-countdown').count()).toBeGreaterThan(0);
      expect(await sla.getByTestId('sla-countdown').first().textContent()).toMatch(/剩 |超时/);
      // The side panel is beside the conversation.
      const centre = await page.getByTestId('ticket-conversation').boundingBox();
      const panel = await side.boundingBox();
      expect(panel!.x).toBeGreaterThan(centre!.x + centre!.width - 1);

      await page.getByTestId('canned-insert').click();
      await page.locator('.ant-dropdown-menu-item', { hasText: '受理确认' }).click();
      const body = await page.getByTestId('message-body').inputValue();
      expect(body).toMatch(
        /^王工您好，杭州地铁集团有限公司的工单 BX-\d{4}-\d{6} 已由李客服 Li \(agent\)受理。$/,
      );
      // The composer is in reach without scrolling.
      const composer = await page.getByTestId('ticket-composer').boundingBox();
      expect(composer!.y + composer!.height).toBeLessThanOrEqual(900 + 1);
      // A photo pasted into the composer is uploaded and goes with the reply.
      const png = testPng(8, 8, [200, 30, 30]).toString('base64');
      await page.getByTestId('message-body').evaluate((box, data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], '现场照片.png', { type: 'image/png' }));
        box.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
      }, png);
      await page.getByTestId('composer-files').getByText('现场照片.png').waitFor();
      // A file dragged from the desktop and dropped on the composer is attached too.
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
      await page.getByTestId('ticket-composer').evaluate((zone, data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], '检测报告.pdf', { type: 'application/pdf' }));
        const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
        zone.dispatchEvent(new DragEvent('dragenter', init));
        zone.dispatchEvent(new DragEvent('dragover', init));
        zone.dispatchEvent(new DragEvent('drop', init));
      }, pdf);
      await page.getByTestId('composer-files').getByText('检测报告.pdf').waitFor();
      expect(await page.getByTestId('message-body').inputValue()).toBe(body);
      await page.getByTestId('message-body').press('Control+Enter');
      const sent = page.getByTestId('message-public_reply').filter({ hasText: '现场照片.png' });
      await sent.waitFor();
      await sent.getByText('检测报告.pdf').waitFor();
      // The caller is changed in the side panel and saved: the panel, a reload and the API agree.
      const ticketId = ticketUrl.split('/').pop();
      await pick(page, 'ticket-contact', /李站长/);
      await expect.poll(() => side.getByTestId('side-contact').textContent()).toContain('李站长');
      expect((await side.textContent())?.replace(/\s/g, '')).toContain('13700002222');
      await page.reload();
      await expect.poll(() => side.getByTestId('side-contact').textContent()).toContain('李站长');
      const saved = await api(page, 'GET', `/api/v1/tickets/${ticketId}/context`);
      expect(saved.contact.name).toBe('李站长');
      await page
        .getByTestId('ticket-history')
        .getByText(/王工 → 李站长/)
        .waitFor();
      await page.getByTestId('ticket-take').click();
      await page
        .getByTestId('ticket-history')
        .getByText(/处理人: — → 李客服/)
        .waitFor();
      expect(await rawText(page)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: '/tmp/ticket-page-1440-zh.png', fullPage: true });
      await screenshot(page, 'ticket-page-1440-zh');

      await toEnglish(page);
      await expect.poll(() => side.textContent()).toContain('First response');
      expect(await side.textContent()).toContain("Customer's other open tickets");
      expect(await rawText(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/ticket-page-1440-en.png', fullPage: true });
      await context.close();
    },
    JOURNEY,
  );

  it(
    'on a 390 px phone the side panel is a tab, and nothing is cut off',
    async () => {
      const { context, page } = await newPage(390);
      await logIn(page, 'agent');
      await page.goto(ticketUrl);
      await page.getByTestId('ticket-tabs').waitFor();
      await page.getByTestId('message-body').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await rawText(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/ticket-page-390-zh.png', fullPage: true });
      await page.getByRole('tab', { name: '详情' }).click();
      const side = page.getByTestId('ticket-side-panel');
      await expect.poll(() => side.getByTestId('side-contact').textContent()).toBeTruthy();
      await side.getByTestId('sla-panel').getByText('首次响应').first().waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await rawText(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/ticket-page-390-zh-details.png', fullPage: true });
      await screenshot(page, 'ticket-page-390-zh');

      await toEnglish(page);
      await page.getByRole('tab', { name: 'Details' }).click();
      await expect.poll(() => side.textContent()).toContain('First response');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await rawText(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/ticket-page-390-en-details.png', fullPage: true });
      await page.getByRole('tab', { name: 'Conversation' }).click();
      await page.screenshot({ path: '/tmp/ticket-page-390-en.png', fullPage: true });

      await page.goto(`${env.baseUrl}/console/tickets/new`);
      await page.getByTestId('caller-phone').locator('input').fill('88001234');
      await page.getByTestId('caller-phone').locator('input').press('Enter');
      await page.getByTestId('caller-match').first().waitFor();
      expect(page.url()).toMatch(/\/console\/tickets\/new$/);
      // On a phone the matches are right under the number box, not after the whole form.
      const phoneBox = await page.getByTestId('caller-phone').boundingBox();
      const matchBox = await page.getByTestId('caller-match').first().boundingBox();
      expect(matchBox!.y - phoneBox!.y).toBeLessThan(200);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await rawText(page)).toEqual([]);
      await page.screenshot({ path: '/tmp/quick-entry-390-en.png', fullPage: true });
      await context.close();
    },
    JOURNEY,
  );

  it(
    'a manager keeps the canned replies, variables shown in words',
    async () => {
      const { context, page } = await newPage(1440);
      await logIn(page, 'manager');
      await page.goto(`${env.baseUrl}/console/canned-replies`);
      await page.getByTestId('canned-item').filter({ hasText: '受理确认' }).waitFor();
      expect(await page.locator('body').innerText()).toContain('{{联系人姓名}}您好');
      await page.getByTestId('canned-new').click();
      await page.getByTestId('canned-title').fill('到场通知');
      await page.getByTestId('canned-body').fill('{{联系人姓名}}您好，工程师今天到场。');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('canned-item').filter({ hasText: '到场通知' }).waitFor();
      const stored = await api(page, 'GET', '/api/v1/canned-replies');
      expect(stored.find((r: { title: string }) => r.title === '到场通知').body).toBe(
        '{{contact.name}}您好，工程师今天到场。',
      );
      await page.screenshot({ path: '/tmp/canned-replies-1440.png', fullPage: true });
      await context.close();
    },
    JOURNEY,
  );
});
