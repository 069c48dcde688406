// The trainer's dashboard against hand-counted rows (docs/analytics.md, "Training"). The period is
// November 2026 in Asia/Shanghai.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
  xlsxSheet,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock(new Date('2026-12-10T02:00:00Z'));
let t: TestApp;
let trainer: Session;
const NOV = 'from=2026-11-01&to=2026-11-30';
const ids: Record<string, string> = {};

async function course(key: string, title: string) {
  ids[key] = randomUUID();
  await t.db.execute(sql`insert into training_courses (id, title, pass_mark, exam_questions, exam_minutes, created_at, updated_at)
    values (${ids[key]}, ${title}, 60, 10, 30, now(), now())`);
}
async function session(key: string, courseKey: string, trainerId: string, startsAt: string) {
  ids[key] = randomUUID();
  await t.db.execute(sql`insert into training_sessions (id, course_id, trainer_id, starts_at, ends_at, venue, is_public, checklist, created_at)
    values (${ids[key]}, ${ids[courseKey]}, ${trainerId}, ${startsAt}::timestamptz,
      ${startsAt}::timestamptz + interval '2 days', '培训室', false, '[]'::jsonb, now())`);
}
async function trainee(key: string, sessionKey: string, status: string, attended: boolean) {
  ids[key] = randomUUID();
  await t.db.execute(sql`insert into training_trainees (id, session_id, name, phone, status, attended_at, created_at)
    values (${ids[key]}, ${ids[sessionKey]}, ${key}, ${`138${Math.floor(Math.random() * 1e8)}`}, ${status},
      ${attended ? new Date('2026-11-05T02:00:00Z').toISOString() : null}::timestamptz, now())`);
}
async function attempt(
  traineeKey: string,
  courseKey: string,
  n: number,
  status: string,
  submittedAt: string,
) {
  await t.db.execute(sql`insert into training_attempts (trainee_id, course_id, number, question_ids, status, started_at,
      deadline, submitted_at, score, max_score, pass_mark)
    values (${ids[traineeKey]}, ${ids[courseKey]}, ${n}, '{}'::uuid[], ${status}, ${submittedAt}::timestamptz,
      ${submittedAt}::timestamptz, ${submittedAt}::timestamptz, 50, 100, 60)`);
}
async function evaluation(sessionKey: string, stars: [number, number, number], customerId: string) {
  await t.db.execute(sql`insert into survey_invitations (kind, source_id, source_at, customer_id, locale, status, created_at,
      expires_at, answered_at, response_stars, engineer_stars, result_stars, satisfied)
    values ('training', ${ids[sessionKey]}, now(), ${customerId}, 'zh-CN', 'answered', now(), now() + interval '7 days',
      now(), ${stars[0]}, ${stars[1]}, ${stars[2]}, true)`);
}

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  const t1 = await loginAs(t, { role: 'trainer' });
  trainer = t1.session;
  const t2 = await loginAs(t, { role: 'trainer' });
  const customer = await buildCustomer(t.db);
  await course('k1', '安全操作');
  await course('k2', '维护保养');
  await session('s1', 'k1', t1.user.id, '2026-11-05T01:00:00Z');
  // 1 Dec 00:30 in Shanghai: outside. 1 Nov 00:30 in Shanghai: inside.
  await session('s2', 'k2', t2.user.id, '2026-11-30T16:30:00Z');
  await session('s3', 'k2', t1.user.id, '2026-10-31T16:30:00Z');
  await trainee('e1', 's1', 'enrolled', true);
  await trainee('e2', 's1', 'enrolled', true);
  await trainee('e3', 's1', 'enrolled', false);
  await trainee('w1', 's1', 'waiting', false);
  await trainee('f1', 's3', 'enrolled', true);
  await trainee('g1', 's2', 'enrolled', true);
  await attempt('e1', 'k1', 1, 'passed', '2026-11-06T02:00:00Z');
  await attempt('e2', 'k1', 1, 'failed', '2026-11-06T02:00:00Z');
  await attempt('e2', 'k1', 2, 'passed', '2026-11-08T02:00:00Z');
  // 31 Oct 23:00 in Shanghai: outside. Still being marked: not decided.
  await attempt('e3', 'k1', 1, 'failed', '2026-10-31T15:00:00Z');
  await attempt('f1', 'k2', 1, 'marking', '2026-11-02T02:00:00Z');
  await evaluation('s1', [5, 4, 3], customer.id);
  await evaluation('s3', [5, 5, 5], customer.id);
  await evaluation('s2', [1, 1, 1], customer.id);
  ids.t1 = t1.user.id;
});
afterAll(() => t.close());

describe("the trainer's dashboard", () => {
  it('counts sessions, attendance, passes, retakes and evaluations by hand', async () => {
    expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
    const r = await trainer.request('GET', `/api/v1/training/dashboard?${NOV}`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    // Sessions s1 and s3 (s2 starts on 1 Dec local). Enrolled 3 + 1 (the waiting one is not), attended
    // 2 + 1 = 3 → 75 %. Decided exams: e1 passed, e2 failed then passed on the retake → 2 / 3 = 66.7 %.
    // Evaluations: s1 (5 + 4 + 3) / 3 = 4, s3 5 → mean 4.5.
    expect(d.total).toMatchObject({
      sessions: 2,
      enrolled: 4,
      attended: 3,
      attendancePercent: 75,
      attempts: 3,
      passed: 2,
      passPercent: 66.7,
      retakes: 1,
      retakesPassed: 1,
      evaluations: 2,
      meanStars: 4.5,
      satisfied: 2,
    });
    expect(d.trend).toEqual([expect.objectContaining({ key: '2026-11', sessions: 2 })]);
    const k1 = d.byCourse.find((f: { key: string }) => f.key === ids.k1);
    expect(k1).toMatchObject({
      sessions: 1,
      enrolled: 3,
      attended: 2,
      attendancePercent: 66.7,
      attempts: 3,
      meanStars: 4,
    });
    const k2 = d.byCourse.find((f: { key: string }) => f.key === ids.k2);
    expect(k2).toMatchObject({ sessions: 1, enrolled: 1, attempts: 0, passPercent: null, meanStars: 5 });
    expect(d.byTrainer).toEqual([
      expect.objectContaining({ key: ids.t1, sessions: 2, attempts: 3, meanStars: 4.5 }),
    ]);
    expect(d.sessions.map((s: { id: string }) => s.id)).toEqual([ids.s3, ids.s1]);
  });

  it('exports each table as Excel with the figures on screen', async () => {
    const read = async (table: string, lang: string) => {
      const x = await trainer.request(
        'GET',
        `/api/v1/training/dashboard/export?${NOV}&table=${table}&lang=${lang}`,
      );
      expect(x.statusCode, x.body).toBe(200);
      return xlsxSheet(x.rawPayload);
    };
    const byCourse = await read('byCourse', 'en');
    expect(byCourse.header).toContain('Pass rate (%)');
    // K1: 1 session, 3 enrolled, 2 attended (66.7 %), 3 exams decided — the rows the dashboard shows.
    const k1 = byCourse.rows.find((r) => r.includes(3) && r.includes(66.7));
    expect(k1).toBeDefined();
    const sessions = await read('sessions', 'zh-CN');
    expect(sessions.header).toContain('课程');
    expect(sessions.rows).toHaveLength(2);
    expect(
      (await trainer.request('GET', `/api/v1/training/dashboard/export?${NOV}&table=nope&lang=en`))
        .statusCode,
    ).toBe(400);
    const agent = (await loginAs(t, { role: 'agent' })).session;
    expect(
      (await agent.request('GET', `/api/v1/training/dashboard/export?${NOV}&table=trend&lang=en`)).statusCode,
    ).toBe(403);
  });

  it("shows this month's figures on the trainer's home", async () => {
    // Now is 10 Dec: December has s2 (1 Dec 00:30 local), one enrolled and attended, evaluated 1 star.
    const w = (await trainer.request('GET', '/api/v1/workbench')).json();
    expect(w.figures.training).toEqual({
      sessions: 1,
      attendancePercent: 100,
      passPercent: null,
      meanStars: 1,
    });
  });

  it('answers an empty period with zeros', async () => {
    const d = (
      await trainer.request('GET', '/api/v1/training/dashboard?from=2025-01-01&to=2025-01-31')
    ).json();
    expect(d.total).toMatchObject({
      sessions: 0,
      attendancePercent: null,
      passPercent: null,
      meanStars: null,
    });
    expect(d.byCourse).toEqual([]);
  });

  it('refuses roles without training.manage and customers', async () => {
    for (const role of ['storekeeper', 'quality_engineer', 'agent'] as const) {
      const s = (await loginAs(t, { role })).session;
      expect((await s.request('GET', `/api/v1/training/dashboard?${NOV}`)).statusCode).toBe(403);
    }
    const customer = await buildCustomer(t.db);
    const c = (await loginAs(t, { customerId: customer.id })).session;
    expect((await c.request('GET', `/api/v1/training/dashboard?${NOV}`)).statusCode).toBe(403);
    expect(
      (await trainer.request('GET', '/api/v1/training/dashboard?from=2026-11-30&to=2026-11-01')).statusCode,
    ).toBe(400);
  });
});
