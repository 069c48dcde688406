// A satisfaction survey on a 390 px phone: a ticket of the metro customer is closed, the poller emails
// the signed link (read back from the outbox, as the mailer sends it), the customer answers without a
// login — unsatisfied, so a service-recovery ticket opens —, the reused link says it was answered, and
// the manager sees the recovery ticket and the answer behind the report.
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../common/calendar-dates.ts';
import { TEST_TIME_ZONE } from '../test/helpers.ts';
import { api, logIn, rawText } from './field-helpers.ts';
import { type E2eEnv, screenshot, startE2e } from './harness.ts';

let env: E2eEnv;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(() => env?.close());

let step = 'start';
let stepPage: Page | undefined;
afterAll(async () => {
  console.log(`surveys: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/surveys-last.png', fullPage: true }).catch(() => {});
});

async function rate(page: Page, field: string, stars: number) {
  await page
    .getByTestId(`stars-${field}`)
    .locator('li')
    .nth(stars - 1)
    .click();
}

describe('a satisfaction survey from the emailed link', () => {
  it('is answered once on a phone, and an unsatisfied answer opens a recovery ticket for the manager', async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const manager = await desk.newPage();
    stepPage = manager;
    step = 'manager closes a ticket';
    await logIn(manager, env.baseUrl, 'manager');
    const customers = await api(manager, env.baseUrl, 'GET', '/api/v1/customers?q=HZ-METRO');
    const ticket = await api(manager, env.baseUrl, 'POST', '/api/v1/tickets', {
      kind: 'consultation',
      customerId: customers.items[0].id,
      subject: '应急照明定时设置',
      description: '请指导如何设置应急照明定时开关',
    });
    await api(manager, env.baseUrl, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      status: 'closed',
    });
    // The demo's own closed tickets of this customer would put it in its quiet period: none for this test.
    await manager.request.fetch(`${env.baseUrl}/api/v1/surveys/settings/ticket`, {
      method: 'PUT',
      data: {
        enabled: true,
        samplingPercent: 100,
        quietDays: 0,
        linkDays: 14,
        targetPercent: 95,
        version: 0,
      },
      headers: {
        'x-csrf-token': (await (await manager.request.get(`${env.baseUrl}/api/v1/me`)).json()).csrfToken,
      },
    });
    await api(manager, env.baseUrl, 'POST', '/api/v1/surveys/invite', {});

    step = 'the emailed link';
    const mail = await env.database.db.execute<{ recipient: string; payload: { text: string } }>(sql`
      select o.recipient, o.payload from outbox o join survey_invitations i on i.id = (o.payload->>'invitationId')::uuid
      where o.channel = 'email' and i.source_id = ${ticket.id}`);
    expect(mail.rows[0]?.recipient).toBe('zhou@hzmetro.example');
    const link = /https?:\/\/\S+\/s\/(\S+)/.exec(mail.rows[0]!.payload.text);
    expect(link).not.toBeNull();
    const url = `${env.baseUrl}/s/${link![1]}`;

    step = 'the customer answers on a phone';
    const phoneContext = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await phoneContext.newPage();
    stepPage = phone;
    await phone.goto(url);
    await expect.poll(() => phone.getByTestId('survey-submit').isVisible()).toBe(true);
    await expect.poll(() => phone.getByText(ticket.number).isVisible()).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await rawText(phone)).toEqual([]);
    await rate(phone, 'response', 4);
    await rate(phone, 'engineer', 2);
    await rate(phone, 'result', 3);
    await phone.getByTestId('survey-comment').fill('工程师没有按约定时间到场');
    await phone.getByTestId('survey-submit').click();
    await expect.poll(() => phone.getByTestId('survey-recovery').isVisible()).toBe(true);
    const recoveryText = await phone.getByTestId('survey-recovery').innerText();
    const number = /TS\S+?(?=）|\)|$)/.exec(recoveryText)?.[0];
    expect(number).toMatch(/^TS/);
    await screenshot(phone, 'survey-answered-phone');

    step = 'the reused link';
    const again = await phoneContext.newPage();
    stepPage = again;
    await again.goto(url);
    await expect.poll(() => again.getByTestId('survey-answered').isVisible()).toBe(true);
    expect(await again.getByTestId('survey-answered').innerText()).toContain('只能使用一次');
    expect(await again.locator('[data-testid=survey-submit]').count()).toBe(0);

    step = 'an altered link';
    await again.goto(`${url.slice(0, -3)}${url.endsWith('AAA') ? 'BBB' : 'AAA'}`);
    await expect.poll(() => again.getByTestId('survey-invalid').isVisible()).toBe(true);

    step = 'the manager sees the recovery ticket';
    stepPage = manager;
    // The answer's day in the organisation's zone (the UTC date differs after 16:00 UTC).
    const today = toLocalDate(new Date(), TEST_TIME_ZONE);
    const answers = await api(
      manager,
      env.baseUrl,
      'GET',
      `/api/v1/surveys/answers?from=${today}&to=${today}&satisfied=false`,
    );
    const row = answers.items.find((a: { sourceNumber: string }) => a.sourceNumber === ticket.number);
    expect(row.recoveryTicketNumber).toBe(number);
    await manager.goto(`${env.baseUrl}/console/tickets/${row.recoveryTicketId}`);
    await expect.poll(() => manager.getByText(number!).first().isVisible()).toBe(true);
    await expect.poll(() => manager.getByText('工程师没有按约定时间到场').first().isVisible()).toBe(true);

    step = 'the report with the answers behind it';
    await manager.goto(`${env.baseUrl}/console/surveys`);
    await expect.poll(() => manager.getByTestId('survey-drill').first().isVisible()).toBe(true);
    await manager.getByTestId('survey-drill').last().click();
    await expect.poll(() => manager.getByRole('link', { name: number! }).isVisible()).toBe(true);
    expect(await rawText(manager)).toEqual([]);
    await screenshot(manager, 'survey-report');
    await desk.close();
    await phoneContext.close();
  });
});
