// The knowledge base end to end (知识库, issue 18): a customer writing a fault report on a 390 px phone
// sees suggested articles, opens one and answers "solved" (the report is not sent; the deflection is
// counted); the portal's search finds an article by two Chinese characters; an agent on the ticket page
// puts an article's link into the reply from the side panel in one click and sends it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  console.log(`knowledge: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/knowledge-last.png', fullPage: true }).catch(() => {});
});

describe('the knowledge base', () => {
  it('answers a customer fault report with a suggested article that solves it', async () => {
    step = 'portal report';
    const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const mobile = await phone.newPage();
    mobile.setDefaultTimeout(20_000);
    stepPage = mobile;
    const errors: string[] = [];
    mobile.on('pageerror', (e) => errors.push(e.message));
    await mobile.goto(`${env.baseUrl}/login`);
    await mobile.getByTestId('login-username').fill('hzmetro');
    await mobile.getByTestId('login-password').fill('aftercare-demo');
    await mobile.getByTestId('login-submit').click();
    await mobile.waitForURL(/\/portal/);
    const ticketsBefore = (await api(mobile, env.baseUrl, 'GET', '/api/v1/tickets?limit=200')).items.length;
    await mobile.goto(`${env.baseUrl}/portal/tickets/new`);
    await mobile.getByTestId('ticket-subject').fill('太阳能路灯晚上不亮');
    await mobile.getByTestId('ticket-description').fill('小区门口两根路灯昨晚开始不亮，控制器红灯常亮');
    const suggestion = mobile
      .getByTestId('kb-suggestion')
      .filter({ hasText: '太阳能路灯夜间不亮的排查步骤' });
    await suggestion.click();
    step = 'article';
    await expect.poll(() => mobile.getByTestId('article-body').textContent()).toContain('蓄电池');
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await mobile.getByTestId('kb-solved').click();
    await mobile.waitForURL(/\/portal$/);
    await expect.poll(() => mobile.getByText('太好了，问题已解决，报修未提交。').count()).toBe(1);
    // nothing was reported
    const ticketsAfter = (await api(mobile, env.baseUrl, 'GET', '/api/v1/tickets?limit=200')).items.length;
    expect(ticketsAfter).toBe(ticketsBefore);

    step = 'portal search';
    await mobile.getByTestId('nav-portal-knowledge').click();
    await mobile.getByTestId('portal-kb-search').locator('input').fill('漏水');
    await mobile.getByTestId('portal-kb-search').locator('input').press('Enter');
    await mobile.getByTestId('portal-kb-article').filter({ hasText: '水泵机械密封漏水的处理' }).click();
    await expect.poll(() => mobile.getByTestId('article-title').textContent()).toBe('水泵机械密封漏水的处理');
    await mobile.getByTestId('article-helpful-yes').click();
    await expect.poll(() => mobile.getByText('谢谢您的反馈').count()).toBeGreaterThan(0);
    expect(await rawText(mobile)).toEqual([]);
    expect(errors).toEqual([]);
    await phone.close();

    step = 'deflection counted';
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await desk.newPage();
    await logIn(page, env.baseUrl, 'manager');
    const article = await api(
      page,
      env.baseUrl,
      'GET',
      `/api/v1/knowledge/articles?q=${encodeURIComponent('太阳能路灯夜间不亮')}`,
    );
    expect(article.items[0]).toMatchObject({ titleZh: '太阳能路灯夜间不亮的排查步骤', deflections: 1 });
    const helped = await api(
      page,
      env.baseUrl,
      'GET',
      `/api/v1/knowledge/articles?q=${encodeURIComponent('机械密封漏水')}`,
    );
    expect(helped.items[0]).toMatchObject({ titleZh: '水泵机械密封漏水的处理', helpfulYes: 1 });
    await desk.close();
  });

  it('lets an agent put an article link into a reply from the ticket page', async () => {
    step = 'ticket page';
    const desk = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await desk.newPage();
    page.setDefaultTimeout(20_000);
    stepPage = page;
    await logIn(page, env.baseUrl, 'agent');
    const found = await api(page, env.baseUrl, 'GET', `/api/v1/tickets?q=${encodeURIComponent('跳闸')}`);
    const ticket = found.items.find((t: { subject: string }) => t.subject.includes('照明回路跳闸'));
    expect(ticket).toBeTruthy();
    await page.goto(`${env.baseUrl}/console/tickets/${ticket.id}`);
    const card = page.getByTestId('ticket-kb-card');
    const item = card.locator('.ant-list-item').filter({ hasText: '照明回路跳闸后如何安全复位' });
    await item.getByTestId('kb-insert-link').click();
    await expect.poll(() => page.getByTestId('message-body').inputValue()).toContain('/portal/knowledge/');
    expect(await page.getByTestId('message-body').inputValue()).toContain('照明回路跳闸后如何安全复位');
    step = 'send';
    await page.getByTestId('message-send').click();
    await expect
      .poll(() => page.getByTestId('message-public_reply').last().textContent())
      .toContain('【知识库】照明回路跳闸后如何安全复位');
    await expect.poll(() => page.getByTestId('message-body').inputValue()).toBe('');
    await desk.close();
  });
});
