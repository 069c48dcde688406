// Reports that write themselves, over HTTP, on a fixture counted by hand (Asia/Shanghai, UTC+8):
//
//   T0 customer A, project P, fault report by phone, class 电源, 2026-10-15 10:00 local   → October
//   T2 customer A, project P, consultation by email, 2026-11-10 10:00 local, replied after 10 min
//   T3 customer A, project P, fault report on the portal, class 电源, 2026-11-24 10:00 local (the week
//      of Monday 23 November), replied after 30 min → its first response (15 min) breached by 15 min
//   T4 customer B (no project), complaint by phone, 2026-11-25 11:00 local, replied after 5 min
//   T1 customer A, project P, fault report by phone, class 灯具, 2026-11-30 23:30 local (15:30Z) — the
//      last day of November in Shanghai, so November; replied after 5 min
//   T5 customer A, project P, fault report by phone, class 灯具, 2026-12-01 00:30 local (2026-11-30
//      16:30Z, still November in UTC) — December
//
// November, all customers: 4 tickets — phone 2 (T1, T4), email 1 (T2), portal 1 (T3); consultations 1,
// complaints 1, service requests 2 (T1, T3); fault classes 电源 1, 灯具 1. First responses: 1 breached
// (T3, 15 min). October: 1 ticket (T0). Week of 23 November: 2 tickets (T3, T4). Project P in
// November: 3 tickets (T1, T2, T3). The SLA figures of each report equal the dashboard's for the period.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { systemCtx } from '../../platform/context.ts';
import { ensureSlaDefaults } from '../sla/index.ts';
import { runMonthlyReports, runWeeklyReport } from './scheduled.ts';

const clock = new ManualClock(new Date('2026-10-15T02:00:00Z'));
let t: TestApp;
let manager: Session;
let agent: Session;
let managerId: string;
let customerA: string;
let customerB: string;
let projectP: string;
let userA: Session;
let userB: Session;
const at = (iso: string) => clock.set(new Date(iso));

async function ticket(body: Record<string, unknown>) {
  const r = await agent.request('POST', '/api/v1/tickets', {
    subject: '路灯不亮',
    description: '3 号路灯不亮',
    ...body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; number: string };
}
async function reply(id: string) {
  const r = await agent.request('POST', `/api/v1/tickets/${id}/messages`, {
    kind: 'public_reply',
    body: '收到',
  });
  expect(r.statusCode, r.body).toBeLessThan(300);
}
async function generate(body: Record<string, unknown>) {
  const r = await manager.request('POST', '/api/v1/reports', body);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const countOf = (rows: { key: string; count: number }[], key: string) =>
  rows.find((r) => r.key === key)?.count ?? 0;

beforeAll(async () => {
  expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  const m = await loginAs(t, { role: 'manager' });
  manager = m.session;
  managerId = m.user.id;
  agent = (await loginAs(t, { role: 'agent' })).session;
  customerA = (await buildCustomer(t.db, { name: '甲方物业', contactEmail: 'a-office@example.com' })).id;
  customerB = (await buildCustomer(t.db, { name: '乙方物业' })).id;
  userA = (await loginAs(t, { role: 'customer_user', customerId: customerA })).session;
  userB = (await loginAs(t, { role: 'customer_user', customerId: customerB })).session;
  const p = await agent.request('POST', '/api/v1/projects', {
    customerId: customerA,
    code: 'P-1',
    name: '滨江亮化',
  });
  expect(p.statusCode, p.body).toBe(201);
  projectP = p.json().id;

  at('2026-10-15T02:00:00Z');
  const t0 = await ticket({
    kind: 'fault_report',
    customerId: customerA,
    projectId: projectP,
    channel: 'phone',
    faultCategory: '电源',
  });
  at('2026-10-15T02:05:00Z');
  await reply(t0.id);
  at('2026-11-10T02:00:00Z');
  const t2 = await ticket({
    kind: 'consultation',
    customerId: customerA,
    projectId: projectP,
    channel: 'email',
  });
  at('2026-11-10T02:10:00Z');
  await reply(t2.id);
  at('2026-11-24T02:00:00Z');
  const t3 = await ticket({
    kind: 'fault_report',
    customerId: customerA,
    projectId: projectP,
    channel: 'portal',
    faultCategory: '电源',
  });
  at('2026-11-24T02:30:00Z');
  await reply(t3.id);
  at('2026-11-25T03:00:00Z');
  const t4 = await ticket({ kind: 'complaint', customerId: customerB, channel: 'phone' });
  at('2026-11-25T03:05:00Z');
  await reply(t4.id);
  at('2026-11-30T15:30:00Z');
  const t1 = await ticket({
    kind: 'fault_report',
    customerId: customerA,
    projectId: projectP,
    channel: 'phone',
    faultCategory: '灯具',
  });
  at('2026-11-30T15:35:00Z');
  await reply(t1.id);
  at('2026-11-30T16:30:00Z');
  const t5 = await ticket({
    kind: 'fault_report',
    customerId: customerA,
    projectId: projectP,
    channel: 'phone',
    faultCategory: '灯具',
  });
  at('2026-11-30T16:35:00Z');
  await reply(t5.id);

  at('2026-12-02T02:00:00Z');
  const r = await manager.request('POST', '/api/v1/analytics/refresh');
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(() => t.close());

describe('the monthly analysis', () => {
  it('holds the hand-counted November figures, the month ending at local midnight, against October', async () => {
    const run = await generate({ kind: 'monthly', period: '2026-11' });
    expect(run).toMatchObject({
      kind: 'monthly',
      period: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
      empty: false,
    });
    const cur = run.figures.monthly.current;
    expect(cur.tickets).toMatchObject({ total: 4, consultations: 1, complaints: 1, serviceRequests: 2 });
    expect(countOf(cur.tickets.byChannel, 'phone')).toBe(2);
    expect(countOf(cur.tickets.byChannel, 'email')).toBe(1);
    expect(countOf(cur.tickets.byChannel, 'portal')).toBe(1);
    expect(countOf(cur.faultClasses, '电源')).toBe(1);
    expect(countOf(cur.faultClasses, '灯具')).toBe(1);
    const fr = cur.slaByStage.find((s: { key: string }) => s.key === 'first_response');
    expect(fr).toMatchObject({ breached: 1, breachMinutes: 15 });
    expect(run.figures.monthly.previous.tickets.total).toBe(1);
    // The same figures as the dashboard shows for the month.
    const dash = (await manager.request('GET', '/api/v1/analytics/sla?from=2026-11-01&to=2026-11-30')).json();
    expect(cur.sla).toMatchObject({
      decided: dash.total.decided,
      met: dash.total.met,
      breached: dash.total.breached,
      compliancePercent: dash.total.compliancePercent,
      breachMinutes: dash.total.breachMinutes,
      targetPercent: 95,
    });
    expect(cur.breaches.map((b: { ticketNumber: string }) => b.ticketNumber)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^BX/)]),
    );

    const zh = (await manager.request('GET', `/api/v1/reports/${run.id}/pdf?lang=zh-CN`)).rawPayload;
    const pages = await pdfPages(zh);
    const text = pages.join('\n');
    expect(text).toContain('月度服务分析');
    expect(text).toContain('2026-11-01 – 2026-11-30');
    expect(text).toMatch(/合计：4（上期 1）/);
    expect(text).toMatch(/电话：2/);
    expect(text).toContain(
      `达成率：${dash.total.compliancePercent === null ? '—' : `${dash.total.compliancePercent}%`}`,
    );
    expect(text).toContain('目标 95%');
    // No blank page: every page has more than its footer.
    for (const page of pages.filter((p) => p.trim()))
      expect(page.replace(/第 \d+ \/ \d+ 页/, '').trim()).not.toBe('');
    const en = (await manager.request('GET', `/api/v1/reports/${run.id}/pdf?lang=en`)).rawPayload;
    const enText = (await pdfPages(en)).join('\n');
    expect(enText).toContain('Monthly service analysis');
    expect(enText).toMatch(/Phone: 2/);

    const xlsx = await manager.request('GET', `/api/v1/reports/${run.id}/xlsx?lang=en`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('counts the ticket at 00:30 on 1 December local in December, not November', async () => {
    const run = await generate({ kind: 'monthly', period: '2026-12' });
    expect(run.figures.monthly.current.tickets.total).toBe(1);
    expect(run.figures.monthly.previous.tickets.total).toBe(4);
  });
});

describe('the weekly report', () => {
  it('counts the week of Monday 23 November', async () => {
    const run = await generate({ kind: 'weekly', period: '2026-11-23' });
    expect(run.figures.weekly.tickets).toMatchObject({ total: 2, complaints: 1, serviceRequests: 1 });
    const text = (
      await pdfPages((await manager.request('GET', `/api/v1/reports/${run.id}/pdf`)).rawPayload)
    ).join('\n');
    expect(text).toContain('每周服务报告');
    expect(text).toContain('2026-11-23 – 2026-11-29');
  });

  it('says there was no activity for an empty week (not an error)', async () => {
    const run = await generate({ kind: 'weekly', period: '2026-11-02' });
    expect(run.empty).toBe(true);
    const text = (
      await pdfPages((await manager.request('GET', `/api/v1/reports/${run.id}/pdf`)).rawPayload)
    ).join('\n');
    expect(text).toContain('本期间没有服务活动');
  });

  it('refuses a period that is not a Monday, one not started, and a project on an organisation report', async () => {
    const bad = await manager.request('POST', '/api/v1/reports', { kind: 'weekly', period: '2026-11-24' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('period');
    const future = await manager.request('POST', '/api/v1/reports', { kind: 'monthly', period: '2027-01' });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].field).toBe('period');
    const proj = await manager.request('POST', '/api/v1/reports', {
      kind: 'monthly',
      period: '2026-11',
      projectId: projectP,
    });
    expect(proj.json().errors[0].field).toBe('projectId');
  });
});

describe('recipients', () => {
  it('refuses a staff member without an email address, naming the field', async () => {
    const r = await manager.request('PUT', '/api/v1/report-recipients', {
      recipients: [{ userId: managerId }],
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].field).toBe('recipients.0.userId');
    const none = await manager.request('PUT', '/api/v1/report-recipients', { recipients: [{ lang: 'en' }] });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('recipients.0.email');
    const badMail = await manager.request('PUT', '/api/v1/report-recipients', {
      recipients: [{ email: 'not-an-address' }],
    });
    expect(badMail.statusCode).toBe(400);
    expect(badMail.json().errors[0].field).toBe('recipients.0.email');
  });

  it('keeps staff users and addresses; a customer user may not change them', async () => {
    await t.db.execute(sql`update users set email = 'boss@example.com' where id = ${managerId}`);
    const r = await manager.request('PUT', '/api/v1/report-recipients', {
      recipients: [{ userId: managerId }, { email: 'board@example.com', lang: 'en', weekly: false }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toMatchObject([
      { userId: managerId, email: 'boss@example.com', weekly: true, monthly: true },
      { userId: null, email: 'board@example.com', lang: 'en', weekly: false, monthly: true },
    ]);
    expect((await userA.request('PUT', '/api/v1/report-recipients', { recipients: [] })).statusCode).toBe(
      403,
    );
  });
});

describe('the scheduled job', () => {
  it('makes one report per period even when run twice, and emails it once to each recipient', async () => {
    // 1 December 07:30 in Shanghai: last month is November (its analysis exists already: kept).
    at('2026-11-30T23:30:00Z');
    const ctx = systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test');
    const first = await runMonthlyReports(ctx, t.blobStore);
    expect(first).toMatchObject({ period: '2026-11', projects: 1 });
    expect(first.created).toBe(1); // the project report (the analysis was generated on demand above)
    const second = await runMonthlyReports(ctx, t.blobStore);
    expect(second.created).toBe(0);
    const runs = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from report_runs where period = '2026-11'`,
    );
    expect(runs.rows[0]!.n).toBe(2);
    // Weekly on Monday 30 November 07:00 local: the week of 23 November (generated above: kept, not re-sent).
    at('2026-11-29T23:00:00Z');
    expect((await runWeeklyReport(ctx, t.blobStore)).period).toBe('2026-11-23');
    expect((await runWeeklyReport(ctx, t.blobStore)).created).toBe(0);
    // The project report went to the customer's main contact (no contact opted in), with its PDF.
    const mails = await t.db.execute<{ recipient: string; payload: { attachments: { filename: string }[] } }>(
      sql`select recipient, payload from outbox where template = 'reports.report'`,
    );
    expect(mails.rows.map((m) => m.recipient)).toEqual(['a-office@example.com']);
    expect(mails.rows[0]!.payload.attachments.map((a) => a.filename)).toEqual([
      'project-report-2026-11-zh-CN.pdf',
      'project-report-2026-11-zh-CN.xlsx',
    ]);
  });

  it('a new period made by the job goes to the chosen recipients in their language', async () => {
    at('2026-12-06T23:00:00Z'); // Monday 7 December 07:00 local: the week of 30 November
    const ctx = systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test');
    expect(await runWeeklyReport(ctx, t.blobStore)).toEqual({ period: '2026-11-30', created: 1 });
    const mails = await t.db.execute<{ recipient: string; payload: { subject: string } }>(
      sql`select recipient, payload from outbox where template = 'reports.report' and payload->>'subject' like '%2026-11-30 – 2026-12-06%' order by recipient`,
    );
    // board@example.com did not ask for the weekly report.
    expect(mails.rows.map((m) => m.recipient)).toEqual(['boss@example.com']);
    expect(mails.rows[0]!.payload.subject).toContain('每周服务报告');
  });
});

describe("the customer's monthly project report", () => {
  it('holds what was reported, how fast and what was done; the customer sees only its own', async () => {
    const list = (await userA.request('GET', '/api/v1/reports')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'project_monthly', period: '2026-11', projectName: '滨江亮化' });
    const run = (await userA.request('GET', `/api/v1/reports/${list[0].id}`)).json();
    expect(run.figures.project.tickets.total).toBe(3);
    expect(countOf(run.figures.project.tickets.byKind, 'fault_report')).toBe(2);
    expect(run.figures.project.ticketList).toHaveLength(3);
    const dash = (
      await manager.request(
        'GET',
        `/api/v1/analytics/sla?from=2026-11-01&to=2026-11-30&projectId=${projectP}`,
      )
    ).json();
    expect(run.figures.project.sla.decided).toBe(dash.total.decided);
    const text = (
      await pdfPages((await userA.request('GET', `/api/v1/reports/${run.id}/pdf`)).rawPayload)
    ).join('\n');
    expect(text).toContain('项目月度服务报告');
    expect(text).toContain('滨江亮化');
    expect(text).toMatch(/合计：3/);

    // Another customer: not found, the same answer as a missing report; the organisation's reports too.
    expect((await userB.request('GET', `/api/v1/reports/${run.id}`)).statusCode).toBe(404);
    expect((await userB.request('GET', `/api/v1/reports/${run.id}/pdf`)).statusCode).toBe(404);
    expect((await userB.request('GET', '/api/v1/reports')).json().items).toEqual([]);
    const weekly = (await manager.request('GET', '/api/v1/reports?kind=weekly')).json().items[0];
    expect((await userA.request('GET', `/api/v1/reports/${weekly.id}`)).statusCode).toBe(404);
    expect(
      (await userA.request('POST', '/api/v1/reports', { kind: 'monthly', period: '2026-11' })).statusCode,
    ).toBe(403);
  });

  it('goes to the contacts who opted in; a contact without an email is refused by name', async () => {
    const c1 = await agent.request('POST', '/api/v1/contacts', {
      customerId: customerA,
      name: '陈工',
      email: 'chen@example.com',
    });
    const c2 = await agent.request('POST', '/api/v1/contacts', { customerId: customerA, name: '王工' });
    expect(c1.statusCode, c1.body).toBe(201);
    const bad = await manager.request('PUT', `/api/v1/customers/${customerA}/report-subscribers`, {
      contactIds: [c1.json().id, c2.json().id],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('contactIds.1');
    const ok = await manager.request('PUT', `/api/v1/customers/${customerA}/report-subscribers`, {
      contactIds: [c1.json().id],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const other = await manager.request('PUT', `/api/v1/customers/${customerB}/report-subscribers`, {
      contactIds: [c1.json().id],
    });
    expect(other.statusCode).toBe(422);
    const run = await generate({
      kind: 'project_monthly',
      period: '2026-11',
      projectId: projectP,
      email: true,
    });
    const mails = await t.db.execute<{ recipient: string }>(
      sql`select recipient from outbox where template = 'reports.report' and payload->>'subject' like '%滨江亮化%' order by created_at`,
    );
    expect(mails.rows.map((m) => m.recipient)).toContain('chen@example.com');
    expect(run.emailedTo).toBeGreaterThanOrEqual(2);
  });
});
