// Training in the browser: the trainer plans an on-site training for the metro's project (the seed's
// minimums as a warning), schedules its session and shows the sign-in link; two trainees sign in on a
// 390 px phone and take the exam; one fails, is coached and retakes with other questions; the
// certificate PDF holds the holder's name and number, and the public page verifies it. A trainee
// learns online on the phone (a lesson marked completed stays so); the trainer saves the evaluation;
// the training settings show a stale version clearly.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../test/helpers.ts';
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
  console.log(`training: last step ${step}`);
  await stepPage?.screenshot({ path: '/tmp/training-last.png', fullPage: true }).catch(() => {});
});

/** Signs in on the phone by the room's link and answers the exam: `right` answers right, the rest wrong. */
async function signInAndAnswer(
  phoneContext: BrowserContext,
  signInUrl: string,
  name: string,
  phoneNumber: string,
  answers: Map<string, number>,
  right: number,
) {
  const phone = await phoneContext.newPage();
  stepPage = phone;
  await phone.goto(signInUrl);
  await phone.getByTestId('sign-in-name').fill(name);
  await phone.getByTestId('sign-in-phone').fill(phoneNumber);
  await phone.getByTestId('sign-in-submit').click();
  await expect.poll(() => phone.getByTestId('sign-in-done').isVisible()).toBe(true);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.getByTestId('sign-in-to-exam').click();
  await phone.waitForURL(/\/t\/exam\//);
  await answerExam(phone, answers, right);
  return phone;
}

async function answerExam(phone: Page, answers: Map<string, number>, right: number) {
  await phone.getByTestId('exam-start').click();
  await expect.poll(() => phone.getByTestId('exam-question').count()).toBe(2);
  for (let i = 0; i < 2; i++) {
    const q = phone.getByTestId('exam-question').nth(i);
    const text = await q.locator('.ant-typography').first().innerText();
    const statement = [...answers.keys()].find((s) => text.includes(s))!;
    const correct = answers.get(statement)!;
    const choice = i < right ? correct : 1 - correct;
    await q.getByTestId(`exam-choice-${choice}`).click();
    await expect.poll(() => q.getByText(/已保存|Saved/).isVisible()).toBe(true);
  }
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.getByTestId('exam-submit').click();
}

describe('on-site training with QR sign-in, an exam, a retake and a verifiable certificate', () => {
  it('runs from the plan to the public verification page', async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const trainer = await desk.newPage();
    stepPage = trainer;
    step = 'the course and its question bank';
    await logIn(trainer, env.baseUrl, 'trainer');
    const course = await api(trainer, env.baseUrl, 'POST', '/api/v1/training/courses', {
      title: '应急照明系统操作',
      passMark: 100,
      examQuestions: 2,
      examMinutes: 20,
    });
    const statements = [
      '断电后才能打开控制柜',
      '应急灯可以不做放电测试',
      '跳闸后先查明原因再合闸',
      '巡检不需要记录',
    ];
    for (const [i, text] of statements.entries())
      await api(trainer, env.baseUrl, 'POST', `/api/v1/training/courses/${course.id}/questions`, {
        kind: 'true_false',
        text,
        correct: [i % 2 === 0 ? 1 : 0],
      });
    const answers = new Map(statements.map((s, i) => [s, i % 2 === 0 ? 1 : 0]));
    await api(trainer, env.baseUrl, 'POST', `/api/v1/training/courses/${course.id}/lessons`, {
      title: '直播答疑：应急照明常见故障',
      kind: 'live',
      liveUrl: 'https://meeting.example.com/room-1',
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      durationMinutes: 45,
    });

    step = 'the trainer plans on-site training for the project';
    await trainer.goto(`${env.baseUrl}/console/training?tab=plans`);
    await trainer.getByTestId('plan-new').click();
    await trainer.getByTestId('plan-project').click();
    await trainer.locator('.ant-select-item-option').filter({ hasText: '杭州地铁' }).first().click();
    await trainer.getByTestId('plan-content').fill('交付后现场培训：操作、日常维护和常见故障排除');
    await trainer.getByTestId('plan-starts-on').fill('2027-03-01');
    await trainer.getByTestId('plan-ends-on').fill('2027-03-01');
    await trainer.getByTestId('plan-courses').click();
    await trainer.locator('.ant-select-item-option').filter({ hasText: '应急照明系统操作' }).click();
    await trainer.keyboard.press('Escape');
    await trainer.getByTestId('plan-trainers').click();
    await trainer.locator('.ant-select-item-option').filter({ hasText: '陈老师' }).click();
    await trainer.keyboard.press('Escape');
    await trainer.getByTestId('plan-save').click();
    // One working day on site: the seed's 2-day minimum is a warning, the plan is made.
    await expect.poll(() => trainer.getByTestId('plan-warning').first().isVisible()).toBe(true);
    expect(await trainer.getByTestId('plan-warning').first().innerText()).toContain('1');
    expect(await rawText(trainer)).toEqual([]);
    await screenshot(trainer, 'training-plan');
    const plans = await api(trainer, env.baseUrl, 'GET', '/api/v1/training/plans');
    const plan = plans.find((p: { courseIds: string[] }) => p.courseIds.includes(course.id));
    expect(plan.warnings.map((w: { code: string }) => w.code)).toContain('on_site_days');

    step = 'the session and its sign-in link';
    const me = await (await trainer.request.get(`${env.baseUrl}/api/v1/me`)).json();
    const session = await api(trainer, env.baseUrl, 'POST', '/api/v1/training/sessions', {
      courseId: course.id,
      planId: plan.id,
      trainerId: me.id,
      startsAt: new Date(Date.now() + 20 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 8 * 3_600_000).toISOString(),
      venue: '地铁运营中心培训室',
    });
    await trainer.goto(`${env.baseUrl}/console/training?tab=sessions`);
    await trainer.getByTestId('session-open').first().click();
    await trainer.getByTestId('session-sign-in-code').click();
    const signInUrl = await trainer.getByTestId('session-sign-in-url').getAttribute('href');
    expect(signInUrl).toContain('/t/sign-in/');
    const localUrl = `${env.baseUrl}${new URL(signInUrl!).pathname}`;

    step = 'trainees sign in on a phone and take the exam';
    const phoneContext = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const good = await signInAndAnswer(phoneContext, localUrl, '周明', '13900002001', answers, 2);
    await expect.poll(() => good.getByTestId('exam-passed').isVisible()).toBe(true);

    step = 'the trainee learns online on the phone and completes a lesson';
    await good.getByTestId('exam-to-learn').click();
    await good.waitForURL(/\/t\/learn\//);
    await expect.poll(() => good.getByTestId('learn-lesson').count()).toBe(1);
    expect(await good.getByTestId('learn-live').getAttribute('href')).toBe(
      'https://meeting.example.com/room-1',
    );
    expect(await good.getByTestId('learn-ics').getAttribute('href')).toContain('/calendar.ics');
    await good.getByTestId('learn-mark-done').click();
    await expect.poll(() => good.getByTestId('learn-completed').isVisible()).toBe(true);
    await good.reload();
    await expect.poll(() => good.getByTestId('learn-completed').isVisible()).toBe(true);
    expect(await good.getByTestId('learn-mark-done').count()).toBe(0);
    expect(await good.getByTestId('learn-progress').innerText()).toMatch(/1 \/ 1|1 of 1/);
    expect(await good.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await rawText(good)).toEqual([]);
    await screenshot(good, 'training-learn-phone');
    const weak = await signInAndAnswer(phoneContext, localUrl, '吴磊', '13900002002', answers, 1);
    await expect.poll(() => weak.getByTestId('exam-failed').isVisible()).toBe(true);
    expect(await rawText(weak)).toEqual([]);
    await screenshot(weak, 'training-exam-failed-phone');

    step = 'the trainer coaches the one who failed';
    stepPage = trainer;
    const detail = await api(trainer, env.baseUrl, 'GET', `/api/v1/training/sessions/${session.id}`);
    expect(detail.attended).toBe(2);
    await trainer.goto(`${env.baseUrl}/console/training?tab=marking`);
    await trainer.getByTestId('coaching-note').first().fill('复习应急照明放电测试和巡检记录');
    await trainer.getByTestId('marking-save').first().click();
    await expect.poll(() => trainer.getByTestId('marking-card').count()).toBe(0);

    step = 'the retake with other questions';
    stepPage = weak;
    await weak.reload();
    await expect.poll(() => weak.getByText('复习应急照明放电测试和巡检记录').isVisible()).toBe(true);
    await answerExam(weak, answers, 2);
    await expect.poll(() => weak.getByTestId('exam-passed').isVisible()).toBe(true);
    await expect.poll(() => weak.getByTestId('exam-attempt').count()).toBe(2);

    step = 'the certificate PDF';
    const numberText = await weak.getByTestId('exam-certificate-number').innerText();
    const number = /TC-\d{4}-\d{6}/.exec(numberText)?.[0];
    expect(number).toBeDefined();
    const pdfHref = await weak.getByTestId('exam-certificate-pdf').getAttribute('href');
    const pdf = await weak.request.get(`${env.baseUrl}${pdfHref}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = (await pdfPages(Buffer.from(await pdf.body()))).join('\n');
    expect(text).toContain('吴磊');
    expect(text).toContain(number!);

    step = 'the public page verifies it';
    await weak.getByTestId('exam-certificate-verify').click();
    await weak.waitForURL(/\/t\/verify\//);
    await expect.poll(() => weak.getByTestId('verify-holder').isVisible()).toBe(true);
    expect(await weak.getByTestId('verify-holder').innerText()).toBe('吴磊');
    expect(await weak.getByTestId('verify-number').innerText()).toBe(number);
    expect(await weak.getByTestId('verify-state').innerText()).toMatch(/有效|Valid/);
    expect(await weak.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await rawText(weak)).toEqual([]);
    await screenshot(weak, 'training-certificate-verified-phone');
    // A guessed link shows nothing.
    await weak.goto(`${env.baseUrl}/t/verify/${number}`);
    await expect.poll(() => weak.getByTestId('verify-not-found').isVisible()).toBe(true);

    step = 'the trainer saves the evaluation of the session';
    stepPage = trainer;
    await trainer.goto(`${env.baseUrl}/console/training?tab=sessions`);
    await trainer.getByTestId('session-open').first().click();
    await expect.poll(() => trainer.getByTestId('evaluation-no-survey').isVisible()).toBe(true);
    await trainer.getByTestId('evaluation-summary').fill('内容实用，实操时间偏短');
    await trainer.getByTestId('evaluation-changes').fill('下次增加 1 小时实操');
    await trainer.getByTestId('evaluation-save').click();
    await expect
      .poll(
        async () =>
          (await api(trainer, env.baseUrl, 'GET', `/api/v1/training/sessions/${session.id}`)).plannedChanges,
      )
      .toBe('下次增加 1 小时实操');
    expect(await rawText(trainer)).toEqual([]);
    await screenshot(trainer, 'training-evaluation');

    step = 'the manager changes the settings; a stale version is shown';
    const office = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const manager = await office.newPage();
    stepPage = manager;
    await logIn(manager, env.baseUrl, 'manager');
    await manager.goto(`${env.baseUrl}/console/training?tab=settings`);
    await expect.poll(() => manager.getByTestId('training-settings-minTrainees').inputValue()).not.toBe('');
    await manager.getByTestId('training-settings-minTrainees').fill('6');
    const current = await api(manager, env.baseUrl, 'GET', '/api/v1/training/settings');
    // Someone else saves first.
    const { version, updatedAt: _, ...values } = current;
    const other = await manager.request.fetch(`${env.baseUrl}/api/v1/training/settings`, {
      method: 'PUT',
      headers: { 'x-csrf-token': (await api(manager, env.baseUrl, 'GET', '/api/v1/me')).csrfToken },
      data: { ...values, minOnSiteDays: 3, version },
    });
    expect(other.status()).toBe(200);
    await manager.getByTestId('training-settings-save').click();
    await expect.poll(() => manager.getByTestId('training-settings-stale').isVisible()).toBe(true);
    await manager.getByTestId('training-settings-minTrainees').fill('6');
    await manager.getByTestId('training-settings-save').click();
    await expect
      .poll(async () => (await api(manager, env.baseUrl, 'GET', '/api/v1/training/settings')).minTrainees)
      .toBe(6);
    expect((await api(manager, env.baseUrl, 'GET', '/api/v1/training/settings')).minOnSiteDays).toBe(3);
    expect(await rawText(manager)).toEqual([]);
    await office.close();

    await desk.close();
    await phoneContext.close();
  }, 300_000);
});
