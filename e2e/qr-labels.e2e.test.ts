// Scan to report on a 390 px phone: a passer-by opens the demo street lamp's QR address, confirms a
// phone number with the SMS code (read from the SMS log: the outbox), reports with a photo, and follows
// the tracking page while the manager dispatches 刘工 and he checks in — scanning the lamp's label on
// his visit page as the keyboard-wedge scanner would type it.
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPng } from '../test/helpers.ts';
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
  console.log(`qr-labels: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/qr-labels-last.png', fullPage: true }).catch(() => {});
});

const CODE = 'DEMXSTREET000001';
const PHONE = '13812345678';

async function lastSms(phone: string): Promise<string> {
  const r = await env.database.db.execute<{ payload: { text: string } }>(
    sql`select payload from outbox where channel = 'sms' and recipient = ${phone} order by created_at desc, id desc limit 1`,
  );
  return r.rows[0]?.payload.text ?? '';
}

const done = (page: Page, s: string) => page.getByTestId(`track-step-${s}`).getAttribute('data-done');

describe('scan to report', () => {
  it('reports a street lamp fault from a phone and follows the repair like a parcel', async () => {
    const phoneContext = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await phoneContext.newPage();
    stepPage = phone;
    step = 'the scan page';
    await phone.goto(`${env.baseUrl}/q/${CODE}`);
    await expect.poll(() => phone.getByTestId('qr-asset-name').isVisible()).toBe(true);
    expect(await phone.getByTestId('qr-hotline').innerText()).toBe('400-888-0000');
    await expect.poll(() => phone.getByText('地铁1号线出入口太阳能路灯工程').isVisible()).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await rawText(phone)).toEqual([]);
    await screenshot(phone, 'qr-scan-phone');

    step = 'the SMS code';
    await phone.getByTestId('qr-report').click();
    await phone.getByTestId('qr-phone').fill(PHONE);
    await phone.getByTestId('qr-send-code').click();
    await expect.poll(() => lastSms(PHONE)).toMatch(/\d{6}/);
    const otp = /(\d{6})/.exec(await lastSms(PHONE))![1]!;
    await phone.getByTestId('qr-otp').fill(otp);
    await phone.getByTestId('qr-confirm').click();

    step = 'the report with a photo';
    await expect.poll(() => phone.getByTestId('qr-description').isVisible()).toBe(true);
    await phone
      .getByTestId('qr-file')
      .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: testPng(16, 16, [240, 200, 40]) });
    await expect.poll(() => phone.getByTestId('qr-uploaded').count()).toBe(1);
    await phone.getByTestId('qr-description').fill('路灯整晚不亮，灯杆底部有焦味');
    await phone.getByTestId('qr-submit').click();
    await expect.poll(() => phone.getByTestId('qr-outcome').isVisible()).toBe(true);
    const outcome = await phone.getByTestId('qr-outcome').innerText();
    const number = /BX\S+?(?=[，。,.\s]|$)/.exec(outcome)?.[0];
    expect(number).toMatch(/^BX/);
    expect(await lastSms(PHONE)).toContain('/t/');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    step = 'the tracking page';
    await phone.getByTestId('qr-follow').click();
    await expect.poll(() => phone.getByTestId('track-number').isVisible()).toBe(true);
    expect(await phone.getByTestId('track-number').innerText()).toBe(number);
    expect(await done(phone, 'accepted')).toBe('true');
    expect(await done(phone, 'assigned')).toBe('false');
    expect(await phone.getByTestId('track-promised').isVisible()).toBe(true);

    step = 'the manager dispatches 刘工';
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const manager = await desk.newPage();
    stepPage = manager;
    await logIn(manager, env.baseUrl, 'manager');
    const found = await api(manager, env.baseUrl, 'GET', `/api/v1/tickets?queue=all&q=${number}`);
    const ticket = found.items[0];
    expect(ticket.channel).toBe('qr');
    expect(ticket.attachmentIds).toHaveLength(1);
    const engineers: { id: string; displayName: string }[] = await api(
      manager,
      env.baseUrl,
      'GET',
      '/api/v1/work-orders/engineers',
    );
    const liu = engineers.find((e) => e.displayName.includes('刘工'))!;
    const wo = await api(manager, env.baseUrl, 'POST', `/api/v1/tickets/${ticket.id}/work-orders`, {
      kind: 'repair',
      engineerId: liu.id,
    });

    step = 'the engineer checks in and scans the label';
    const fieldContext = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const engineer = await fieldContext.newPage();
    stepPage = engineer;
    await logIn(engineer, env.baseUrl, 'field');
    let n = 0;
    for (const stage of ['accepted', 'departed', 'arrived'])
      await api(engineer, env.baseUrl, 'POST', `/api/v1/work-orders/${wo.id}/events`, {
        clientEventId: `qr-e2e-${++n}`,
        stage,
        at: new Date().toISOString(),
      });
    // His phone's camera opens the label's address: signed in, the page takes him to his job there.
    await engineer.goto(`${env.baseUrl}/q/${CODE}`);
    await engineer.getByTestId('qr-my-job').click();
    await engineer.waitForURL(new RegExp(`/console/jobs/${wo.id}$`));
    await expect.poll(() => engineer.getByTestId('equipment-scan-input').isVisible()).toBe(true);
    // A keyboard-wedge scanner types the QR code's content and Enter.
    await engineer.getByTestId('equipment-scan-input').fill(`${env.baseUrl}/q/${CODE}`);
    await engineer.getByTestId('equipment-scan-input').press('Enter');
    await expect.poll(() => engineer.getByTestId('equipment-scan-result').isVisible()).toBe(true);
    expect(await engineer.getByTestId('equipment-scan-result').innerText()).toContain('到场凭证');
    await expect.poll(() => engineer.getByTestId('equipment-scans').isVisible()).toBe(true);

    step = 'the tracking page follows';
    stepPage = phone;
    await phone.reload();
    await expect.poll(() => done(phone, 'arrived')).toBe('true');
    expect(await done(phone, 'assigned')).toBe('true');
    expect(await done(phone, 'on_the_way')).toBe('true');
    expect(await done(phone, 'done')).toBe('false');
    expect(await phone.getByTestId('track-engineer').innerText()).toBe('刘工');
    const text = await phone.locator('body').innerText();
    for (const hidden of ['Liu', '杭州地铁', PHONE, ticket.id]) expect(text).not.toContain(hidden);
    expect(await rawText(phone)).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'qr-tracking-phone');

    step = 'a revoked label';
    await api(manager, env.baseUrl, 'POST', `/api/v1/assets/${ticket.assetIds[0]}/label/reissue`, {});
    await phone.goto(`${env.baseUrl}/q/${CODE}`);
    await expect.poll(() => phone.getByTestId('qr-revoked').isVisible()).toBe(true);
    await desk.close();
    await fieldContext.close();
    await phoneContext.close();
  });
});
