// The service desk in Chromium: a customer reports a fault on its equipment in the portal; an agent
// takes it from the unassigned queue, writes an internal note and a reply; the customer sees the
// reply and never the note.
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

async function pick(page: Page, testId: string, option: RegExp, typed?: string) {
  await page.getByTestId(testId).click();
  if (typed) await page.keyboard.type(typed);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

describe('service desk', () => {
  it('fault report from the portal to a reply, with internal notes kept internal', async () => {
    const customer = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const portal = await customer.newPage();
    await logIn(portal, 'hzmetro');
    await portal.getByTestId('nav-portal-tickets').click();
    await portal.getByTestId('ticket-new').click();
    await pick(portal, 'portal-device', /HZ-L1-P003/, 'HZ-L1-P003');
    await portal.getByTestId('ticket-subject').fill('3号灯杆夜间不亮');
    await portal.getByTestId('ticket-description').fill('昨晚起 3 号灯杆不亮，请派人检查。<b>谢谢</b>');
    await portal.getByTestId('ticket-submit').click();
    await portal.waitForURL(/\/portal\/tickets\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => portal.getByTestId('portal-ticket-summary').textContent())
      .toMatch(/BX-\d{4}-\d{6}/);
    const title = await portal.getByTestId('portal-ticket-summary').textContent();
    const number = /BX-\d{4}-\d{6}/.exec(title ?? '')?.[0];
    expect(number).toBeTruthy();
    expect(await portal.getByText('昨晚起 3 号灯杆不亮，请派人检查。<b>谢谢</b>').count()).toBe(1);
    await screenshot(portal, 'portal-ticket-390');

    const staff = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const console_ = await staff.newPage();
    await logIn(console_, 'support');
    await console_.getByTestId('nav-tickets').click();
    await console_.getByRole('cell', { name: number! }).click();
    await console_.getByTestId('ticket-take').click();
    await expect.poll(() => console_.getByTestId('ticket-status').textContent()).toContain('已分派');
    await console_.getByText('内部备注', { exact: true }).click();
    await console_.getByTestId('message-body').fill('疑似驱动电源损坏，备件库有货');
    await console_.getByTestId('message-send').click();
    await console_.getByTestId('message-internal_note').waitFor();
    await console_.getByText('回复客户', { exact: true }).click();
    await console_.getByTestId('message-body').fill('已安排工程师今晚到场检查');
    await console_.getByTestId('message-send').click();
    await console_.getByTestId('message-public_reply').waitFor();
    await console_
      .getByTestId('ticket-history')
      .getByText(/状态: 新建 → 已分派/)
      .waitFor();
    await screenshot(console_, 'console-ticket');

    await portal.reload();
    await portal.getByText('已安排工程师今晚到场检查').waitFor();
    expect(await portal.getByText('疑似驱动电源损坏').count()).toBe(0);
    await customer.close();
    await staff.close();
  });
});

describe('phone quick entry', () => {
  it('an agent finds the caller by phone number and registers the call in a few steps', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('ticket-new').click();
    await page.getByTestId('caller-phone').locator('input').fill('26001234');
    await page.getByTestId('caller-phone').locator('input').press('Enter');
    await page.getByTestId('caller-match').filter({ hasText: '深圳湾科技园物业' }).click();
    await page.getByTestId('caller-history').waitFor();
    await pick(page, 'ticket-kind', /^咨询$/);
    await page.getByTestId('ticket-subject').fill('询问路灯定时开关设置');
    await page.getByTestId('ticket-description').fill('客户来电询问如何修改开灯时间');
    await page.getByTestId('ticket-submit').click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/ZX-\d{4}-\d{6}/);
    await page.getByText('深圳湾科技园物业').first().waitFor();
    await context.close();
  });
});

describe('mail to check', () => {
  it('lists mail from unknown senders for an agent', async () => {
    const { processInboundEmail } = await import('../server/modules/tickets/index.ts');
    const { systemCtx } = await import('../server/platform/context.ts');
    const { systemClock } = await import('../server/platform/clock.ts');
    const { LocalBlobStore } = await import('../server/platform/blob-store.ts');
    const raw = Buffer.from(
      'From: visitor@unknown.test\r\nTo: service@aftercare.test\r\nSubject: =?UTF-8?B?5ZKo6K+i5Lqn5ZOB?=\r\nMessage-ID: <e2e-1@unknown.test>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhello\r\n',
    );
    await processInboundEmail(
      systemCtx({ db: env.database.db, clock: systemClock, timeZone: TEST_TIME_ZONE }, 'email'),
      new LocalBlobStore('/tmp/aftercare-e2e-mail'),
      raw,
      { maxAttachmentBytes: 25 * 1024 * 1024 },
    );
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('queue-mail').click();
    await page.getByRole('cell', { name: 'visitor@unknown.test' }).waitFor();
    await page.getByRole('cell', { name: '咨询产品' }).waitFor();
    await context.close();
  });
});

describe('live chat', () => {
  it('a portal user and an agent exchange messages live, without reloading', async () => {
    const customer = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const portal = await customer.newPage();
    await logIn(portal, 'cdairport');
    await portal.waitForURL('**/portal');
    const staff = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const console_ = await staff.newPage();
    await logIn(console_, 'support');
    await console_.getByTestId('nav-tickets').click();
    await console_.getByTestId('queue-unassigned').click();

    await portal.getByTestId('chat-first-message').fill('航站楼空调出风口有异响，怎么处理？');
    await portal.getByTestId('chat-start').click();
    await portal.waitForURL(/\/portal\/tickets\//);

    // the agent's queue shows the new chat without a reload
    await console_.getByRole('cell', { name: '在线咨询' }).first().click();
    await console_.getByText('航站楼空调出风口有异响，怎么处理？').waitFor();
    await console_.getByTestId('message-body').fill('请先检查风口导流片是否松动，我们也可以派人上门。');
    await console_.getByTestId('message-send').click();

    // the customer sees the answer live
    await portal.getByText('请先检查风口导流片是否松动，我们也可以派人上门。').waitFor({ timeout: 15_000 });
    await portal.getByTestId('message-body').fill('导流片确实松了，谢谢！');
    await portal.getByTestId('message-send').click();
    await console_.getByText('导流片确实松了，谢谢！').waitFor({ timeout: 15_000 });
    await customer.close();
    await staff.close();
  });
});

describe('bulk assignment', () => {
  it('an agent assigns several unassigned tickets to an engineer at once', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.waitForURL('**/console');
    for (const subject of ['批量一', '批量二']) {
      await page.evaluate(async (s) => {
        const me = await (await fetch('/api/v1/me')).json();
        const customers = await (await fetch('/api/v1/customers?q=HZ-METRO')).json();
        await fetch('/api/v1/tickets', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({
            kind: 'other',
            customerId: customers.items[0].id,
            subject: s,
            description: 'x',
          }),
        });
      }, subject);
    }
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('queue-unassigned').click();
    for (const subject of ['批量一', '批量二']) {
      await page
        .getByRole('row', { name: new RegExp(subject) })
        .getByRole('checkbox')
        .check();
    }
    await pick(page, 'bulk-assign', /刘工/);
    await page.getByText('已分派 2 张工单').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /批量一/ }).count()).toBe(0);
    await context.close();
  });
});

describe('routing rules screen', () => {
  it('a manager adds a rule sending lighting faults in 四川 to a field engineer', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'manager');
    await page.getByTestId('nav-routing').click();
    await page.getByRole('button', { name: '新建规则' }).click();
    await page.getByLabel('产品类别或型号').fill('lighting');
    await page.getByLabel('地区').fill('四川');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: 'lighting' }).waitFor();
    await page.getByRole('cell', { name: '四川' }).waitFor();
    await context.close();
  });
});

describe('attachments in the conversation', () => {
  it('a customer sends a photo with a message and the agent can open it', async () => {
    const os = await import('node:os');
    const path = await import('node:path');
    const fs = await import('node:fs/promises');
    const file = path.join(os.tmpdir(), `现场-${Date.now()}.png`);
    await fs.writeFile(
      file,
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
        'hex',
      ),
    );
    const customer = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const portal = await customer.newPage();
    await logIn(portal, 'szpark');
    await portal.waitForURL('**/portal');
    await portal.getByTestId('chat-first-message').fill('配电柜指示灯异常');
    await portal.getByTestId('chat-start').click();
    await portal.waitForURL(/\/portal\/tickets\//);
    await portal.getByTestId('attachments').last().locator('input[type=file]').setInputFiles(file);
    await portal.getByText(path.basename(file)).waitFor();
    await portal.getByTestId('message-body').fill('见照片');
    await portal.getByTestId('message-send').click();
    await portal.getByTestId('message-customer_message').waitFor();
    const ticketUrl = portal.url().replace('/portal/', '/console/');
    const staff = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const console_ = await staff.newPage();
    await logIn(console_, 'agent');
    await console_.waitForURL('**/console');
    await console_.goto(ticketUrl);
    await console_.getByTestId('message-customer_message').getByText(path.basename(file)).waitFor();
    await customer.close();
    await staff.close();
  });
});

describe('saved filters and watching', () => {
  it('an agent saves a queue filter, applies it later, and watches a ticket', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'agent');
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('queue-all').click();
    await page.getByRole('button', { name: '保存当前筛选' }).click();
    await page.getByTestId('filter-name').fill('全部工单');
    await page.getByTestId('filter-save').click();
    await page.getByTestId('queue-unassigned').click();
    await pick(page, 'saved-filters', /全部工单/);
    await expect.poll(() => page.locator('[role=tab][aria-selected=true]').textContent()).toContain('全部');
    // the queue tabs are a keyboard tablist: the arrow keys choose the next and the previous queue
    const tabs = page.getByRole('tablist', { name: '队列' });
    await tabs.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tabs.getByRole('tab', { selected: true }).textContent()).toBe('我的');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('我的');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => tabs.getByRole('tab', { selected: true }).textContent()).toBe('全部');
    await page.getByRole('row').nth(1).click();
    await page.getByTestId('ticket-watch').click();
    await expect.poll(() => page.getByTestId('ticket-watch').textContent()).toContain('取消关注');
    await context.close();
  });
});
