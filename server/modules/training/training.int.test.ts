// Training over HTTP: the seed's minimums as warnings (2 working days across a holiday), sessions in
// the future with the trainer's conflicts, trainees enrolled once, the public session's seat limit and
// waiting list, QR sign-in, exams with answers saved as they go (time limit, foreign question), the
// retake drawing other questions, the pass mark, certificates verified by their code only, revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../../common/calendar-dates.ts';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  pdfPages,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

// Tuesday 2026-09-29, 09:00 in Shanghai.
const clock = new ManualClock(new Date('2026-09-29T01:00:00Z'));
let t: TestApp;
let trainer: Session;
let trainerId: string;
let customerId: string;
let projectId: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  const tr = await loginAs(t, { role: 'trainer' });
  trainer = tr.session;
  trainerId = tr.user.id;
  const manager = (await loginAs(t, { role: 'manager' })).session;
  const c = await buildCustomer(t.db, { name: '滨江业主' });
  customerId = c.id;
  const p = await manager.request('POST', '/api/v1/projects', {
    customerId,
    code: 'P-TR-1',
    name: '滨江照明',
  });
  expect(p.statusCode).toBe(201);
  projectId = p.json().id;
});
afterAll(() => t.close());

async function course(fields: Record<string, unknown> = {}) {
  const res = await trainer.request('POST', '/api/v1/training/courses', {
    title: `照明控制系统操作 ${Math.random()}`,
    ...fields,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; passMark: number; examMinutes: number };
}

async function trueFalseBank(courseId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await trainer.request('POST', `/api/v1/training/courses/${courseId}/questions`, {
      kind: 'true_false',
      text: `判断题 ${i + 1}`,
      correct: [i % 2],
    });
    expect(res.statusCode).toBe(201);
  }
  const bank = (await trainer.request('GET', `/api/v1/training/courses/${courseId}/questions`)).json() as {
    id: string;
    correct: number[];
  }[];
  return new Map(bank.map((q) => [q.id, q.correct[0]!]));
}

async function session(courseId: string, fields: Record<string, unknown> = {}) {
  const res = await trainer.request('POST', '/api/v1/training/sessions', {
    courseId,
    trainerId,
    startsAt: new Date(clock.now().getTime() + HOUR).toISOString(),
    endsAt: new Date(clock.now().getTime() + 9 * HOUR).toISOString(),
    venue: '业主会议室',
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; conflicts: { sessionId: string }[] };
}

const publicReq = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  t.app.inject({ method, url, ...(body !== undefined ? { payload: body as object } : {}) });

async function signIn(sessionId: string, name: string, phone: string) {
  const code = (await trainer.request('POST', `/api/v1/training/sessions/${sessionId}/sign-in-code`)).json();
  const res = await publicReq('POST', `/api/v1/public/training/sign-in/${code.token}`, { name, phone });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { examToken: string; attendedAt: string };
}

describe('plans', () => {
  it('starts with the seed minimums as settings', async () => {
    const res = await trainer.request('GET', '/api/v1/training/settings');
    expect(res.json()).toMatchObject({ minOnSiteDays: 2, minTrainees: 5, version: 0 });
  });

  it('counts 2 working days across the National Day holiday and warns, without blocking, below the minimums', async () => {
    const c = await course();
    const plan = (startsOn: string, endsOn: string, traineeCount: number) =>
      trainer.request('POST', '/api/v1/training/plans', {
        customerId,
        projectId,
        content: '系统操作、日常维护与常见故障排除',
        mode: 'on_site',
        startsOn,
        endsOn,
        traineeCount,
        courseIds: [c.id],
        trainerIds: [trainerId],
      });
    // Wednesday 30 September works, 1–7 October are off, Thursday 8 October works.
    const across = await plan('2026-09-30', '2026-10-08', 5);
    expect(across.statusCode).toBe(201);
    expect(across.json()).toMatchObject({ workingDays: 2, warnings: [] });
    const short = await plan('2026-09-30', '2026-10-07', 4);
    expect(short.statusCode).toBe(201);
    expect(short.json().workingDays).toBe(1);
    expect(short.json().warnings).toEqual([
      { code: 'on_site_days', minimum: 2, actual: 1 },
      { code: 'trainees', minimum: 5, actual: 4 },
    ]);
    const list = (await trainer.request('GET', `/api/v1/training/plans?projectId=${projectId}`)).json();
    expect(list.length).toBeGreaterThanOrEqual(2);
  });

  it('lets a manager, not a trainer, change the minimums (with the version)', async () => {
    const body = {
      version: 0,
      minOnSiteDays: 3,
      minTrainees: 5,
      calendarId: null,
      defaultPassMark: 60,
      defaultExamMinutes: 30,
      expiryReminderDays: 30,
    };
    expect((await trainer.request('PUT', '/api/v1/training/settings', body)).statusCode).toBe(403);
    const manager = (await loginAs(t, { role: 'manager' })).session;
    const res = await manager.request('PUT', '/api/v1/training/settings', body);
    expect(res.json()).toMatchObject({ minOnSiteDays: 3, version: 1 });
    expect((await manager.request('PUT', '/api/v1/training/settings', body)).statusCode).toBe(409);
    const back = await manager.request('PUT', '/api/v1/training/settings', {
      ...body,
      version: 1,
      minOnSiteDays: 2,
    });
    expect(back.json().minOnSiteDays).toBe(2);
  });
});

describe('sessions and trainees', () => {
  it('refuses a session in the past and shows the trainer’s overlapping session as a conflict', async () => {
    const c = await course();
    const past = await trainer.request('POST', '/api/v1/training/sessions', {
      courseId: c.id,
      trainerId,
      startsAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      endsAt: new Date(clock.now().getTime() + HOUR).toISOString(),
      venue: '会议室',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe('startsAt');
    const first = await session(c.id, {
      startsAt: new Date(clock.now().getTime() + 48 * HOUR).toISOString(),
      endsAt: new Date(clock.now().getTime() + 52 * HOUR).toISOString(),
    });
    expect(first.conflicts).toEqual([]);
    const second = await session(c.id, {
      startsAt: new Date(clock.now().getTime() + 51 * HOUR).toISOString(),
      endsAt: new Date(clock.now().getTime() + 55 * HOUR).toISOString(),
    });
    expect(second.conflicts.map((x) => x.sessionId)).toEqual([first.id]);
  });

  it('shows the trainer’s leave on the days of a session as a warning, when it is scheduled and listed', async () => {
    const other = (await loginAs(t, { role: 'trainer' })).user.id;
    const c = await course();
    const at = (hours: number) => new Date(clock.now().getTime() + hours * HOUR);
    const day = (hours: number) => toLocalDate(at(hours), TEST_TIME_ZONE);
    const none = await trainer.request('GET', `/api/v1/training/trainers/${other}/leave`);
    expect(none.json()).toEqual({ trainerId: other, leave: [], version: 0 });
    const backwards = await trainer.request('PUT', `/api/v1/training/trainers/${other}/leave`, {
      version: 0,
      leave: [{ from: day(72), to: day(48) }],
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].field).toBe('leave.0.to');
    const unknown = await trainer.request('PUT', `/api/v1/training/trainers/${customerId}/leave`, {
      version: 0,
      leave: [],
    });
    expect(unknown.statusCode).toBe(422);
    const leave = [{ from: day(48), to: day(72) }];
    const saved = await trainer.request('PUT', `/api/v1/training/trainers/${other}/leave`, {
      version: 0,
      leave,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ leave, version: 1 });
    const stale = await trainer.request('PUT', `/api/v1/training/trainers/${other}/leave`, {
      version: 0,
      leave,
    });
    expect(stale.statusCode).toBe(409);

    const onLeave = await session(c.id, {
      trainerId: other,
      startsAt: at(50).toISOString(),
      endsAt: at(51).toISOString(),
    });
    const after = await session(c.id, {
      trainerId: other,
      startsAt: at(100).toISOString(),
      endsAt: at(101).toISOString(),
    });
    const byOther = await session(c.id, { startsAt: at(50).toISOString(), endsAt: at(51).toISOString() });
    expect((onLeave as unknown as { leaveConflicts: unknown }).leaveConflicts).toEqual(leave);
    expect((after as unknown as { leaveConflicts: unknown }).leaveConflicts).toEqual([]);
    expect((byOther as unknown as { leaveConflicts: unknown }).leaveConflicts).toEqual([]);
    const listed = (await trainer.request('GET', `/api/v1/training/sessions?trainerId=${other}`)).json() as {
      id: string;
      leaveConflicts: unknown[];
    }[];
    expect(listed.find((s) => s.id === onLeave.id)!.leaveConflicts).toEqual(leave);
    expect(listed.find((s) => s.id === after.id)!.leaveConflicts).toEqual([]);
  });

  it('refuses a trainee enrolled twice (the same phone, however written)', async () => {
    const c = await course();
    const s = await session(c.id);
    const add = (phone: string) =>
      trainer.request('POST', `/api/v1/training/sessions/${s.id}/trainees`, { name: '王工', phone });
    expect((await add('138 0013 8000')).statusCode).toBe(201);
    const again = await add('13800138000');
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('phone');
    expect((await add('12')).statusCode).toBe(400);
  });

  it('fills a public session to its seat limit, then the waiting list, and promotes when a seat frees', async () => {
    const c = await course();
    const s = await session(c.id, { isPublic: true, seatLimit: 1 });
    const portal = (await loginAs(t, { customerId })).session;
    const enrol = (name: string, phone: string) =>
      portal.request('POST', `/api/v1/portal/training/sessions/${s.id}/enrol`, { name, phone });
    const a = await enrol('李一', '13900000001');
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ seatsLeft: 0, mine: [{ name: '李一', status: 'enrolled' }] });
    clock.advance(1000);
    const b = await enrol('李二', '13900000002');
    expect(b.json().mine.find((m: { name: string }) => m.name === '李二').status).toBe('waiting');
    expect((await enrol('李一', '13900000001')).statusCode).toBe(409);
    const detail = (await trainer.request('GET', `/api/v1/training/sessions/${s.id}`)).json();
    expect(
      detail.trainees.map((x: { status: string; waitingPosition: number | null }) => [
        x.status,
        x.waitingPosition,
      ]),
    ).toEqual([
      ['enrolled', null],
      ['waiting', 1],
    ]);
    const first = a.json().mine[0].traineeId;
    const cancelled = await portal.request('DELETE', `/api/v1/portal/training/enrolments/${first}`);
    expect(cancelled.statusCode).toBe(200);
    const after = cancelled.json().find((x: { id: string }) => x.id === s.id);
    expect(after.mine).toEqual([expect.objectContaining({ name: '李二', status: 'enrolled' })]);
    // Another organisation neither sees nor cancels it.
    const other = await buildCustomer(t.db);
    const stranger = (await loginAs(t, { customerId: other.id })).session;
    const theirs = (await stranger.request('GET', '/api/v1/portal/training/sessions')).json();
    expect(theirs.find((x: { id: string }) => x.id === s.id).mine).toEqual([]);
    const id = after.mine[0].traineeId;
    expect((await stranger.request('DELETE', `/api/v1/portal/training/enrolments/${id}`)).statusCode).toBe(
      404,
    );
  });

  it('signs a trainee in by the room’s QR link, and refuses an altered link', async () => {
    const c = await course();
    const s = await session(c.id, { startsAt: new Date(clock.now().getTime() + 30 * 60_000).toISOString() });
    await trainer.request('POST', `/api/v1/training/sessions/${s.id}/trainees`, {
      name: '赵工',
      phone: '13700000000',
      email: 'zhao@example.com',
    });
    const code = (await trainer.request('POST', `/api/v1/training/sessions/${s.id}/sign-in-code`)).json();
    expect(code.url).toContain(`/t/sign-in/${code.token}`);
    const page = await publicReq('GET', `/api/v1/public/training/sign-in/${code.token}`);
    expect(page.json()).toMatchObject({ venue: '业主会议室' });
    const altered = `${code.token.slice(0, -2)}xx`;
    expect((await publicReq('GET', `/api/v1/public/training/sign-in/${altered}`)).statusCode).toBe(403);
    await signIn(s.id, '赵工', '137-0000-0000');
    await signIn(s.id, '钱工', '13600000000');
    const detail = (await trainer.request('GET', `/api/v1/training/sessions/${s.id}`)).json();
    expect(detail.attended).toBe(2);
    const rows = detail.trainees.map((x: { name: string; attendedBy: string }) => [x.name, x.attendedBy]);
    expect(rows.sort()).toEqual(
      [
        ['赵工', 'qr'],
        ['钱工', 'qr'],
      ].sort(),
    );
    const sent = (await trainer.request('POST', `/api/v1/training/sessions/${s.id}/materials/send`)).json();
    expect(sent).toEqual({ emailed: 1, withoutEmail: 1 });
  });
});

describe('exams and certificates', () => {
  it('fails, coaches, retakes with other questions, passes at the mark, and issues a verifiable certificate', async () => {
    // 3 questions of 1 point: 2 right is 66 %, the pass mark.
    const c = await course({ passMark: 66, examQuestions: 3, examMinutes: 20 });
    const bank = await trueFalseBank(c.id, 6);
    const s = await session(c.id);
    clock.advance(HOUR);
    const { examToken } = await signIn(s.id, '孙工', '13500000000');
    const base = `/api/v1/public/training/exams/${examToken}`;

    const first = await publicReq('POST', `${base}/attempts`);
    expect(first.statusCode, first.body).toBe(201);
    const a1 = first.json() as { id: string; questions: { id: string }[] };
    expect(a1.questions).toHaveLength(3);
    // One right, two wrong: 33 %.
    for (const [i, q] of a1.questions.entries()) {
      const right = bank.get(q.id)!;
      const res = await publicReq('PUT', `${base}/attempts/${a1.id}/answers/${q.id}`, {
        choices: [i === 0 ? right : 1 - right],
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // A question of the bank that is not in this attempt.
    const foreign = [...bank.keys()].find((id) => !a1.questions.some((q) => q.id === id))!;
    const wrongQ = await publicReq('PUT', `${base}/attempts/${a1.id}/answers/${foreign}`, { choices: [0] });
    expect(wrongQ.statusCode).toBe(422);
    expect(wrongQ.json().errors[0].field).toBe('questionId');
    // A retake cannot start while the attempt is open.
    expect((await publicReq('POST', `${base}/attempts`)).statusCode).toBe(409);
    const failed = await publicReq('POST', `${base}/attempts/${a1.id}/submit`);
    expect(failed.json()).toMatchObject({ status: 'failed', score: 1, percent: 33 });

    const attempts = (await trainer.request('GET', `/api/v1/training/attempts?sessionId=${s.id}`)).json();
    const coached = await trainer.request('PUT', `/api/v1/training/attempts/${attempts[0].id}/coaching`, {
      coachingNote: '复习第二章：定时控制和故障代码',
    });
    expect(coached.statusCode).toBe(200);

    const second = (await publicReq('POST', `${base}/attempts`)).json() as {
      id: string;
      number: number;
      questions: { id: string }[];
    };
    expect(second.number).toBe(2);
    const firstIds = new Set(a1.questions.map((q) => q.id));
    expect(second.questions.every((q) => !firstIds.has(q.id))).toBe(true);
    for (const [i, q] of second.questions.entries()) {
      const right = bank.get(q.id)!;
      await publicReq('PUT', `${base}/attempts/${second.id}/answers/${q.id}`, {
        choices: [i < 2 ? right : 1 - right],
      });
    }
    const passed = await publicReq('POST', `${base}/attempts/${second.id}/submit`);
    expect(passed.json()).toMatchObject({ status: 'passed', score: 2, percent: 66, passMark: 66 });

    const overview = (await publicReq('GET', base)).json();
    expect(overview.attempts.map((x: { status: string }) => x.status)).toEqual(['failed', 'passed']);
    expect(overview.attempts[0].coachingNote).toBe('复习第二章：定时控制和故障代码');
    expect(overview.canStart).toBe(false);
    const { number, verificationCode } = overview.certificate;
    expect(number).toMatch(/^TC-2026-\d{6}$/);

    const verified = await publicReq('GET', `/api/v1/public/training/certificates/${verificationCode}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({
      number,
      holderName: '孙工',
      courseTitle: expect.stringContaining('照明控制系统操作'),
      issuedAt: expect.any(String),
      expiresAt: null,
      issuer: expect.any(String),
      state: 'valid',
    });
    // The number alone, or a guessed code, finds nothing.
    expect((await publicReq('GET', `/api/v1/public/training/certificates/${number}`)).statusCode).toBe(404);
    expect(
      (await publicReq('GET', `/api/v1/public/training/certificates/${'A'.repeat(24)}`)).statusCode,
    ).toBe(404);

    const pdf = await publicReq(
      'GET',
      `/api/v1/public/training/certificates/${verificationCode}/pdf?lang=zh-CN`,
    );
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPages(pdf.rawPayload)).join('\n');
    expect(text).toContain('孙工');
    expect(text).toContain(number);
    expect(text).toContain(`/t/verify/${verificationCode}`);

    const certs = (await trainer.request('GET', '/api/v1/training/certificates')).json();
    const cert = certs.find((x: { number: string }) => x.number === number);
    const revoked = await trainer.request('POST', `/api/v1/training/certificates/${cert.id}/revoke`, {
      reason: '考核作弊',
    });
    expect(revoked.statusCode).toBe(200);
    const after = await publicReq('GET', `/api/v1/public/training/certificates/${verificationCode}`);
    expect(after.json().state).toBe('revoked');
  });

  it('refuses an answer after the time limit', async () => {
    const c = await course({ examQuestions: 2, examMinutes: 10 });
    await trueFalseBank(c.id, 2);
    const s = await session(c.id);
    clock.advance(HOUR);
    const { examToken } = await signIn(s.id, '周工', '13400000000');
    const base = `/api/v1/public/training/exams/${examToken}`;
    const a = (await publicReq('POST', `${base}/attempts`)).json() as {
      id: string;
      questions: { id: string }[];
    };
    const q = a.questions[0]!.id;
    expect(
      (await publicReq('PUT', `${base}/attempts/${a.id}/answers/${q}`, { choices: [1] })).statusCode,
    ).toBe(200);
    clock.advance(11 * 60_000);
    const late = await publicReq('PUT', `${base}/attempts/${a.id}/answers/${q}`, { choices: [0] });
    expect(late.statusCode).toBe(409);
    expect(late.json().errors[0].field).toBe('deadline');
    // What was saved in time still counts.
    const done = (await publicReq('POST', `${base}/attempts/${a.id}/submit`)).json();
    expect(done.questions[0].answer).toEqual({ choices: [1] });
  });

  it('waits for the trainer to mark a short answer and a practical item on its rubric', async () => {
    const c = await course({ examQuestions: 2, passMark: 60 });
    await trainer.request('POST', `/api/v1/training/courses/${c.id}/questions`, {
      kind: 'short',
      text: '简述日常维护步骤',
      points: 5,
    });
    await trainer.request('POST', `/api/v1/training/courses/${c.id}/questions`, {
      kind: 'practical',
      text: '更换控制器',
      rubric: [
        { label: '断电', points: 2 },
        { label: '接线正确', points: 3 },
      ],
    });
    const s = await session(c.id);
    clock.advance(HOUR);
    const { examToken } = await signIn(s.id, '吴工', '13300000000');
    const base = `/api/v1/public/training/exams/${examToken}`;
    const a = (await publicReq('POST', `${base}/attempts`)).json() as {
      id: string;
      questions: { id: string; kind: string }[];
    };
    const short = a.questions.find((q) => q.kind === 'short')!;
    const practical = a.questions.find((q) => q.kind === 'practical')!;
    await publicReq('PUT', `${base}/attempts/${a.id}/answers/${short.id}`, { text: '断电、清洁、紧固' });
    const sub = (await publicReq('POST', `${base}/attempts/${a.id}/submit`)).json();
    expect(sub.status).toBe('marking');
    const over = await trainer.request('POST', `/api/v1/training/attempts/${a.id}/marks`, {
      marks: [
        { questionId: short.id, points: 4 },
        { questionId: practical.id, points: 6 },
      ],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0].field).toBe('marks.1.points');
    const marked = await trainer.request('POST', `/api/v1/training/attempts/${a.id}/marks`, {
      marks: [
        { questionId: short.id, points: 4 },
        { questionId: practical.id, points: 2 },
      ],
    });
    expect(marked.json()).toMatchObject({ status: 'passed', score: 6, maxScore: 10 });
    // Once submitted, an answer is refused (409) and the saved one is kept.
    const late = await publicReq('PUT', `${base}/attempts/${a.id}/answers/${short.id}`, { text: '改过' });
    expect(late.statusCode).toBe(409);
    const view = (await trainer.request('GET', `/api/v1/training/attempts/${a.id}`)).json();
    expect(view.items.find((i: { question: { id: string } }) => i.question.id === short.id)).toMatchObject({
      answer: { text: '断电、清洁、紧固' },
      points: 4,
    });
  });

  it('lists the attempts waiting for marks in one statement, however many there are', async () => {
    const c = await course({ examQuestions: 1 });
    await trainer.request('POST', `/api/v1/training/courses/${c.id}/questions`, {
      kind: 'short',
      text: '如何复位控制器',
      points: 5,
    });
    const s = await session(c.id);
    clock.advance(HOUR);
    const submit = async (name: string, phone: string) => {
      const { examToken } = await signIn(s.id, name, phone);
      const base = `/api/v1/public/training/exams/${examToken}`;
      const a = (await publicReq('POST', `${base}/attempts`)).json();
      await publicReq('PUT', `${base}/attempts/${a.id}/answers/${a.questions[0].id}`, {
        text: `${name}的答案`,
      });
      expect((await publicReq('POST', `${base}/attempts/${a.id}/submit`)).json().status).toBe('marking');
    };
    // Statements sent outside a transaction go through the pool's query.
    const statementsOf = async (url: string) => {
      const query = t.pool.query.bind(t.pool);
      let n = 0;
      t.pool.query = ((...args: Parameters<typeof query>) => {
        n++;
        return query(...args);
      }) as typeof t.pool.query;
      try {
        const res = await trainer.request('GET', url);
        return { n, list: res.json() as { traineeName: string; items: { answer: { text: string } }[] }[] };
      } finally {
        t.pool.query = query as typeof t.pool.query;
      }
    };
    const url = `/api/v1/training/attempts?status=marking&sessionId=${s.id}`;
    await submit('甲', '13600000001');
    const one = await statementsOf(url);
    await submit('乙', '13600000002');
    await submit('丙', '13600000003');
    const three = await statementsOf(url);
    expect(one.list).toHaveLength(1);
    expect(three.list.map((a) => a.traineeName).sort()).toEqual(['丙', '乙', '甲'].sort());
    expect(three.list.map((a) => a.items[0]!.answer.text).sort()).toEqual(
      ['丙的答案', '乙的答案', '甲的答案'].sort(),
    );
    expect(one.n).toBeGreaterThan(0);
    expect(three.n).toBe(one.n);
  });
});

describe('online learning and evaluation', () => {
  it('streams a video lesson with range requests, keeps progress, gives a live lesson as .ics, and turns a question into a ticket', async () => {
    const { uploadFile } = await import('../../../test/uploads.ts');
    const c = await course({ examQuestions: 1 });
    const header = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypmp42'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mp42isom'),
    ]);
    const video = Buffer.concat([header, Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))]);
    const up = await uploadFile(t, trainer, 'lesson-1.mp4', video);
    expect(up.statusCode, up.body).toBe(201);
    const withVideo = await trainer.request('POST', `/api/v1/training/courses/${c.id}/lessons`, {
      title: '控制器接线',
      kind: 'video',
      fileId: up.json().id,
    });
    expect(withVideo.statusCode, withVideo.body).toBe(201);
    const withLive = await trainer.request('POST', `/api/v1/training/courses/${c.id}/lessons`, {
      title: '直播答疑',
      kind: 'live',
      liveUrl: 'https://meeting.example.com/room-1',
      startsAt: '2026-10-20T06:00:00Z',
      durationMinutes: 45,
    });
    const [videoLesson, liveLesson] = withLive.json().lessons;
    const s = await session(c.id);
    // A trainee of the customer, so a question has an organisation to go to.
    await trainer.request('POST', `/api/v1/training/sessions/${s.id}/trainees`, {
      name: '郑工',
      phone: '13200000000',
      customerId,
    });
    clock.advance(HOUR);
    const { examToken } = await signIn(s.id, '郑工', '13200000000');
    const base = `/api/v1/public/training/learn/${examToken}`;
    const content = `${base}/lessons/${videoLesson.id}/content`;

    const whole = await t.app.inject({ method: 'GET', url: content });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(video)).toBe(true);
    const part = await t.app.inject({ method: 'GET', url: content, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${video.length}`);
    expect(part.rawPayload.equals(video.subarray(100, 200))).toBe(true);
    const tail = await t.app.inject({ method: 'GET', url: content, headers: { range: 'bytes=-10' } });
    expect(tail.rawPayload.equals(video.subarray(video.length - 10))).toBe(true);
    const beyond = await t.app.inject({
      method: 'GET',
      url: content,
      headers: { range: `bytes=${video.length}-` },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${video.length}`);

    const progress = (completed: boolean, positionSeconds: number) =>
      t.app.inject({
        method: 'PUT',
        url: `${base}/lessons/${videoLesson.id}/progress`,
        payload: { positionSeconds, completed },
      });
    expect((await progress(true, 300)).json()).toMatchObject({ completed: true });
    expect((await progress(false, 20)).json()).toMatchObject({ completed: true, positionSeconds: 20 });
    const overview = (await t.app.inject({ method: 'GET', url: base })).json();
    expect(overview.canAsk).toBe(true);
    expect(overview.lessons.find((l: { id: string }) => l.id === videoLesson.id)).toMatchObject({
      completed: true,
      positionSeconds: 20,
    });

    const ics = await t.app.inject({ method: 'GET', url: `${base}/lessons/${liveLesson.id}/calendar.ics` });
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('DTSTART:20261020T060000Z');
    expect(ics.body).toContain('DTEND:20261020T064500Z');
    expect(ics.body).toContain('URL:https://meeting.example.com/room-1');

    const asked = await t.app.inject({
      method: 'POST',
      url: `${base}/lessons/${videoLesson.id}/questions`,
      payload: { question: '控制器的地址码怎么设置？' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const ticket = (await trainer.request('GET', `/api/v1/tickets/${asked.json().ticketId}`)).json();
    expect(ticket).toMatchObject({ kind: 'consultation', customerId });
  });

  it('feeds ended sessions of a plan to the survey poller and keeps the trainer’s summary of the evaluation', async () => {
    const manager = (await loginAs(t, { role: 'manager' })).session;
    const settings = (await manager.request('GET', '/api/v1/surveys/settings')).json();
    expect(settings.find((s: { kind: string }) => s.kind === 'training').hasSource).toBe(true);
    const c = await course();
    const plan = (
      await trainer.request('POST', '/api/v1/training/plans', {
        customerId,
        projectId,
        content: '集中培训',
        mode: 'centralised',
        startsOn: '2026-10-12',
        endsOn: '2026-10-12',
        traineeCount: 5,
        courseIds: [c.id],
        trainerIds: [trainerId],
      })
    ).json();
    const s = await session(c.id, { planId: plan.id });
    clock.advance(10 * HOUR);
    await manager.request('PUT', '/api/v1/surveys/settings/training', {
      enabled: true,
      samplingPercent: 100,
      quietDays: 0,
      linkDays: 14,
      targetPercent: 95,
      version: 0,
    });
    const invited = await manager.request('POST', '/api/v1/surveys/invite');
    expect(invited.statusCode).toBe(200);
    const { sql } = await import('drizzle-orm');
    const rows = await t.db.execute<{ kind: string }>(
      sql`select kind from survey_invitations where source_id = ${s.id}`,
    );
    expect(rows.rows).toEqual([{ kind: 'training' }]);
    const detail = (await trainer.request('GET', `/api/v1/training/sessions/${s.id}`)).json();
    const saved = await trainer.request('PUT', `/api/v1/training/sessions/${s.id}/evaluation`, {
      version: detail.version,
      evaluationSummary: '内容实用，实操时间偏短',
      plannedChanges: '下次增加 1 小时实操',
    });
    expect(saved.json()).toMatchObject({ plannedChanges: '下次增加 1 小时实操' });

    // The trainer sees where the session's survey stands (this customer has no address: skipped), then
    // the customer's answer, beside the summary.
    const asked = (await trainer.request('GET', `/api/v1/training/sessions/${s.id}/evaluation`)).json();
    expect(asked).toMatchObject({
      survey: { status: 'skipped', answer: null },
      evaluationSummary: '内容实用，实操时间偏短',
      plannedChanges: '下次增加 1 小时实操',
    });
    await t.db.execute(sql`
      update survey_invitations set status = 'answered', answered_at = now(), channel = 'link',
        response_stars = 5, engineer_stars = 4, result_stars = 3, comment = '实操太少',
        not_satisfied = false, satisfied = false
      where source_id = ${s.id}`);
    const answered = (await trainer.request('GET', `/api/v1/training/sessions/${s.id}/evaluation`)).json();
    expect(answered.survey.answer).toMatchObject({ resultStars: 3, comment: '实操太少', satisfied: false });
    const none = await trainer.request('GET', `/api/v1/training/sessions/${c.id}/evaluation`);
    expect(none.statusCode).toBe(404);
  });
});
