// Follow-ups (回访) over HTTP: each rule fires once at the right time (on the business calendar where
// the rule says working days), the call list and its permissions, retries then the email, a quality
// problem → a ticket → the customer told, the warnings, and the report against a hand count.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  newKey,
  pdfText,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { publishReportJob } from '../field/index.ts';
import { ensureSlaDefaults } from '../sla/index.ts';
import { createDueFollowUps, followUpComplaintHandled, sweepFollowUpFlags } from './index.ts';
import { passOnSuggestion } from './suggestion-port.ts';

// Tuesday 2026-11-24 10:00 in Shanghai.
const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
const MIN = 60_000;
const DAY = 86_400_000;
let t: TestApp;
let manager: Session;
let agent: Session;
let agentId: string;
let otherAgent: Session;
let engineer: Session;
let engineerId: string;
let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;
const sys = () => systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test');
const run = () => createDueFollowUps(sys());

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' }, jobs: [publishReportJob] });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  manager = (await loginAs(t, { role: 'manager' })).session;
  const a = await loginAs(t, { role: 'agent' });
  agent = a.session;
  agentId = a.user.id;
  otherAgent = (await loginAs(t, { role: 'agent' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
});
afterAll(() => t.close());

/** A delivered project: accepted on `acceptedOn`, optionally under a maintenance agreement. */
async function delivered(acceptedOn: string, agreement = false) {
  const c = await buildCustomer(t.db, {
    contactPhone: '13800000000',
    contactEmail: `ops-${uid()}@example.com`,
  });
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: c.id,
      code: `P-${uid()}`,
      name: '道路照明',
    })
  ).json();
  const r = await manager.request('POST', '/api/v1/contracts', {
    projectId: project.id,
    number: `HT-${uid()}`,
    kind: agreement ? 'maintenance_agreement' : 'supply_install',
    startDate: '2026-01-01',
  });
  expect(r.statusCode, r.body).toBe(201);
  const acc = await manager.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
    kind: 'acceptance',
    performedOn: acceptedOn,
    signedByName: '业主',
  });
  expect(acc.statusCode, acc.body).toBe(201);
  return { customer: c, project };
}

async function followUpsOf(subjectId: string) {
  const r = await t.db.execute<{
    id: string;
    rule: string;
    due_at: Date;
    period_key: string;
    visit_work_order_id: string | null;
    channel: string;
  }>(
    sql`select id, rule, due_at, period_key, visit_work_order_id, channel from follow_ups where subject_id = ${subjectId} order by rule`,
  );
  return r.rows.map((x) => ({ ...x, due_at: new Date(x.due_at) }));
}

describe('the rules', () => {
  it('start from the seed: every 3 months after delivery, 3 days after a repair, 3 tries over 2 days', async () => {
    const s = (await agent.request('GET', '/api/v1/followups/settings')).json();
    expect(s.version).toBe(0);
    expect(s.rules.delivery_quarterly).toMatchObject({ enabled: true, channel: 'phone', intervalMonths: 3 });
    expect(s.rules.repair).toMatchObject({ delayDays: 3, workingDays: false });
    expect(s.rules.complaint).toMatchObject({ delayDays: 1 });
    expect(s.rules.onsite_monthly).toMatchObject({
      channel: 'on_site',
      intervalMonths: 1,
      contractKinds: ['maintenance_agreement'],
    });
    expect(s.rules.onsite_yearly).toMatchObject({ channel: 'on_site', intervalMonths: 12 });
    expect(s).toMatchObject({ maxTries: 3, retrySpanHours: 48 });
    const { version: _v, updatedAt: _u, ...values } = s;
    expect(
      (await agent.request('PUT', '/api/v1/followups/settings', { ...values, version: 0 })).statusCode,
    ).toBe(403);
    const bad = await manager.request('PUT', '/api/v1/followups/settings', {
      ...values,
      rules: { ...values.rules, periodic_call: { ...values.rules.periodic_call, channel: 'on_site' } },
      version: 0,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('rules.periodic_call.channel');
    const range = await manager.request('PUT', '/api/v1/followups/settings', {
      ...values,
      maxTries: 0,
      version: 0,
    });
    expect(range.statusCode).toBe(400);
    expect(range.json().errors[0].field).toBe('maxTries');
    const ok = await manager.request('PUT', '/api/v1/followups/settings', { ...values, version: 0 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(1);
    expect(
      (await manager.request('PUT', '/api/v1/followups/settings', { ...values, version: 0 })).statusCode,
    ).toBe(409);
  });

  it('fires the quarterly follow-up once, on the next working day after its date, and the monthly visit under an agreement', async () => {
    // Delivered 2026-08-28: three months later is Saturday 2026-11-28.
    const plain = await delivered('2026-08-28');
    clock.set(new Date('2026-11-20T02:00:00Z')); // the horizon (7 days) ends 11-27: not yet
    await run();
    expect(await followUpsOf(plain.project.id)).toEqual([]);
    const agreed = await delivered('2026-08-28', true);
    clock.set(new Date('2026-11-21T02:00:00Z'));
    await run();
    await run();
    const rows = await followUpsOf(plain.project.id);
    expect(rows.map((r) => r.rule)).toEqual(['delivery_quarterly']);
    // Monday 2026-11-30 09:00 in Shanghai.
    expect(rows[0]!.due_at.toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(rows[0]!.period_key).toBe('1');
    // The agreement adds the monthly on-site visit (a planned work order): a project first seen now
    // gets the current month's, not the months it missed.
    const withVisit = await followUpsOf(agreed.project.id);
    expect(withVisit.map((r) => r.rule)).toEqual(['delivery_quarterly', 'onsite_monthly']);
    const visit = withVisit.find((r) => r.rule === 'onsite_monthly')!;
    expect(visit.period_key).toBe('3');
    expect(visit.channel).toBe('on_site');
    const wo = (await manager.request('GET', `/api/v1/work-orders/${visit.visit_work_order_id}`)).json();
    expect(wo).toMatchObject({ kind: 'inspection', status: 'new' });
    // A day later nothing new; the next period comes three months on.
    clock.set(new Date('2026-11-22T02:00:00Z'));
    expect((await run()).created).toBe(0);
  });

  it('gives a project first seen late one catch-up follow-up per rule, reads only what is due, and drops a closed project', async () => {
    clock.set(new Date('2026-11-22T02:00:00Z')); // horizon 2026-11-29
    const late = await delivered('2025-01-10');
    await run();
    await run();
    const rows = await followUpsOf(late.project.id);
    // Seven quarters have passed: the latest one (2026-10-10), not seven follow-ups.
    expect(rows.map((r) => [r.rule, r.period_key])).toEqual([
      ['delivery_quarterly', '7'],
      ['onsite_yearly', '1'],
    ]);
    expect((await followUpsOf(late.customer.id)).map((r) => [r.rule, r.period_key])).toEqual([
      ['periodic_call', '3'],
    ]);
    const schedules = async () =>
      (
        await t.db.execute<{ rule: string; next_on: string }>(
          sql`select rule, next_on::text from follow_up_schedules where project_id = ${late.project.id} order by rule`,
        )
      ).rows;
    // Each schedule waits for its next period: a run reads none of them until then.
    expect(await schedules()).toEqual([
      { rule: 'delivery_quarterly', next_on: '2027-01-10' },
      { rule: 'onsite_monthly', next_on: '2026-12-10' },
      { rule: 'onsite_yearly', next_on: '2027-01-10' },
    ]);
    // Every 5 months instead of 3: the schedule moves to the new interval's next period.
    const s = (await manager.request('GET', '/api/v1/followups/settings')).json();
    const { version, updatedAt: _u, ...values } = s;
    const five = { ...values.rules.delivery_quarterly, intervalMonths: 5 };
    const put = await manager.request('PUT', '/api/v1/followups/settings', {
      ...values,
      rules: { ...values.rules, delivery_quarterly: five },
      version,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await schedules())[0]).toEqual({ rule: 'delivery_quarterly', next_on: '2027-02-10' });
    await manager.request('PUT', '/api/v1/followups/settings', {
      ...values,
      version: put.json().version,
    });
    // Closed: the project's schedules go (the customer's periodic call stays).
    const p = (await manager.request('GET', `/api/v1/projects/${late.project.id}`)).json();
    const closed = await manager.request('PATCH', `/api/v1/projects/${late.project.id}`, {
      version: p.version,
      status: 'closed',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    await run();
    expect(await schedules()).toEqual([]);
  });

  it('fires 3 days after a completed repair, once, whatever the job runs', async () => {
    const { customer, project } = await delivered('2026-06-01');
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: customer.id,
        projectId: project.id,
        subject: '灯不亮',
        description: 'x',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { engineerId })).json();
    const stage = (s: string, at: Date, data?: object) =>
      engineer.request('POST', `/api/v1/work-orders/${wo.id}/events`, {
        clientEventId: `ev-${uid()}`,
        stage: s,
        at: at.toISOString(),
        data,
      });
    clock.set(new Date(T0.getTime() + 120 * MIN));
    expect((await stage('arrived', new Date(T0.getTime() + 10 * MIN))).statusCode).toBe(200);
    expect(
      (
        await stage('diagnosed', new Date(T0.getTime() + 20 * MIN), {
          faultLocation: '灯头',
          cause: 'normal_failure',
        })
      ).statusCode,
    ).toBe(200);
    const doneAt = new Date(T0.getTime() + 90 * MIN);
    const done = await stage('completed', doneAt, { result: 'ok' });
    expect(done.statusCode, done.body).toBe(200);
    await run();
    await run();
    const rows = await followUpsOf(wo.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.due_at.toISOString()).toBe(new Date(doneAt.getTime() + 3 * DAY).toISOString());
    const open = (await agent.request('GET', '/api/v1/follow-ups?rule=repair')).json();
    expect(open.find((f: { id: string }) => f.id === rows[0]!.id)).toMatchObject({
      workOrderNumber: wo.number,
      customerName: customer.name,
      projectName: '道路照明',
    });
    expect((await engineer.request('GET', '/api/v1/follow-ups')).statusCode).toBe(403);
  });

  it('fires the next working day after a consultation is answered, and after a handled complaint through the port', async () => {
    const c = await buildCustomer(t.db);
    // Friday 2026-11-27 15:30 local.
    const friday = new Date('2026-11-27T07:30:00Z');
    clock.set(friday);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: c.id,
        subject: '怎么调光',
        description: 'x',
      })
    ).json();
    const resolved = await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: tk.version,
      status: 'resolved',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    clock.set(new Date(friday.getTime() + 5 * MIN));
    await run();
    await run();
    const rows = await followUpsOf(tk.id);
    expect(rows.map((r) => r.rule)).toEqual(['consultation']);
    expect(rows[0]!.due_at.toISOString()).toBe('2026-11-30T07:30:00.000Z');

    const complaintId = crypto.randomUUID();
    const handled = { complaintId, customerId: c.id, reference: 'TS-2026-000001', handledAt: friday };
    const first = await t.db.transaction((tx) => followUpComplaintHandled(tx, sys(), handled));
    expect(first?.dueAt.toISOString()).toBe(new Date(friday.getTime() + DAY).toISOString());
    expect(await t.db.transaction((tx) => followUpComplaintHandled(tx, sys(), handled))).toBeNull();
    // Reopened and handled again: the next round has its own follow-up.
    expect(
      await t.db.transaction((tx) => followUpComplaintHandled(tx, sys(), { ...handled, round: 2 })),
    ).not.toBeNull();
  });
});

describe('the call list', () => {
  async function assigned(to: string) {
    const { project } = await delivered('2026-08-25');
    clock.set(new Date('2026-11-24T02:00:00Z'));
    await run();
    const [row] = (await followUpsOf(project.id)).filter((r) => r.rule === 'delivery_quarterly');
    const r = await manager.request('POST', '/api/v1/followups/assign', { ids: [row!.id], agentId: to });
    expect(r.json()).toEqual({ assigned: 1 });
    return (await manager.request('GET', `/api/v1/followups/${row!.id}`)).json();
  }

  it("is the agent's own; another agent's outcome is refused with a clear message", async () => {
    const f = await assigned(agentId);
    expect(f.dueAt).toBe('2026-11-25T01:00:00.000Z');
    const list = (await agent.request('GET', '/api/v1/followups/call-list?date=2026-11-25')).json();
    expect(list.map((x: { id: string }) => x.id)).toContain(f.id);
    expect(list.find((x: { id: string }) => x.id === f.id)).toMatchObject({
      contactPhone: '13800000000',
      questions: expect.arrayContaining(['使用中是否遇到问题？']),
    });
    expect((await agent.request('GET', '/api/v1/followups/call-list?date=2026-11-23')).json()).toEqual([]);
    expect((await otherAgent.request('GET', '/api/v1/followups/call-list?date=2026-11-25')).json()).toEqual(
      [],
    );
    expect(
      (await otherAgent.request('GET', `/api/v1/followups/call-list?agentId=${agentId}`)).statusCode,
    ).toBe(403);
    const refused = await otherAgent.request('POST', `/api/v1/followups/${f.id}/outcome`, {
      version: f.version,
      reached: false,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain("another agent's call list");
    expect((await otherAgent.request('GET', `/api/v1/followups/${f.id}`)).statusCode).toBe(404);
    expect((await engineer.request('GET', '/api/v1/followups/call-list')).statusCode).toBe(403);
    const portal = (await loginAs(t, { customerId: f.customerId })).session;
    expect((await portal.request('GET', '/api/v1/followups/call-list')).statusCode).toBe(403);
    expect(
      (await manager.request('GET', `/api/v1/followups/call-list?agentId=${agentId}&date=2026-11-25`))
        .statusCode,
    ).toBe(200);
  });

  it('answers out of range name the field; a stale version is a 409; a retried POST replays', async () => {
    const f = await assigned(agentId);
    const bad = await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, {
      version: f.version,
      reached: true,
      satisfaction: 6,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('satisfaction');
    const wrongAction = await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, {
      version: f.version,
      reached: true,
      problems: [{ class: 'quality', description: 'x', action: 'guidance' }],
    });
    expect(wrongAction.statusCode).toBe(400);
    expect(wrongAction.json().errors[0].field).toBe('problems');
    const key = newKey();
    const first = await agent.request(
      'POST',
      `/api/v1/followups/${f.id}/outcome`,
      { version: f.version, reached: false },
      { 'idempotency-key': key },
    );
    expect(first.statusCode, first.body).toBe(200);
    const again = await agent.request(
      'POST',
      `/api/v1/followups/${f.id}/outcome`,
      { version: f.version, reached: false },
      { 'idempotency-key': key },
    );
    expect(again.json()).toEqual(first.json());
    expect(first.json().attempts).toBe(1);
    const stale = await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, {
      version: f.version,
      reached: false,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('tries 3 times over 2 days, then sends the questions by email', async () => {
    const f = await assigned(agentId);
    let v = f.version;
    const at = new Date('2026-11-25T02:00:00Z');
    for (let i = 0; i < 2; i++) {
      clock.set(new Date(at.getTime() + i * DAY));
      const r = (
        await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, { version: v, reached: false })
      ).json();
      expect(r).toMatchObject({ status: 'open', attempts: i + 1 });
      expect(r.nextAttemptAt).toBe(new Date(at.getTime() + (i + 1) * DAY).toISOString());
      v = r.version;
    }
    // The retry is on the list of the day it is due.
    const list = (await agent.request('GET', '/api/v1/followups/call-list?date=2026-11-27')).json();
    expect(list.map((x: { id: string }) => x.id)).toContain(f.id);
    clock.set(new Date(at.getTime() + 2 * DAY));
    const last = (
      await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, { version: v, reached: false })
    ).json();
    expect(last).toMatchObject({ status: 'emailed', channel: 'email', attempts: 3 });
    const mail = await t.db.execute<{ recipient: string; payload: { text: string } }>(
      sql`select recipient, payload from outbox where dedupe_key = ${`followup-email:${f.id}`}`,
    );
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0]!.payload.text).toContain('使用中是否遇到问题？');
  });

  it("the customer's suggestion becomes one improvement suggestion with the follow-up as its source", async () => {
    const f = await assigned(agentId);
    const suggestionsOf = async () =>
      (await manager.request('GET', `/api/v1/suggestions?customerId=${f.customerId}&limit=50`)).json().items;
    const key = newKey();
    const body = {
      version: f.version,
      reached: true,
      satisfaction: 4,
      suggestions: '希望增加远程监控\n最好有手机提醒',
    };
    const r = await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, body, {
      'idempotency-key': key,
    });
    expect(r.statusCode, r.body).toBe(200);
    const once = await suggestionsOf();
    expect(once).toHaveLength(1);
    expect(once[0]).toMatchObject({
      sourceKind: 'follow_up',
      sourceId: f.id,
      customerId: f.customerId,
      projectId: f.projectId,
      status: 'registered',
      description: '希望增加远程监控\n最好有手机提醒',
    });
    expect(once[0].title).toContain('希望增加远程监控');
    expect(once[0].title).not.toContain('手机提醒');
    expect(once[0].number).toMatch(/^JY-/);
    // Replayed, recorded again (refused), or passed on again with edited words: still one suggestion.
    const replay = await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, body, {
      'idempotency-key': key,
    });
    expect(replay.json()).toEqual(r.json());
    expect((await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, body)).statusCode).toBe(409);
    expect(await suggestionsOf()).toHaveLength(1);
    const edited = {
      followUpId: f.id,
      customerId: f.customerId,
      projectId: f.projectId,
      contactEmail: null,
      reference: null,
      text: '希望增加远程监控和报表',
    };
    await t.db.transaction((tx) => passOnSuggestion(tx, sys(), edited));
    const after = await suggestionsOf();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: once[0].id, description: '希望增加远程监控和报表' });
    // Once evaluated, the staff's work is not overwritten by the customer's words.
    const ev = await manager.request('POST', `/api/v1/suggestions/${once[0].id}/evaluate`, {
      version: after[0].version,
      feasible: true,
    });
    expect(ev.statusCode, ev.body).toBe(200);
    await t.db.transaction((tx) => passOnSuggestion(tx, sys(), { ...edited, text: '别的' }));
    const last = await suggestionsOf();
    expect(last).toHaveLength(1);
    expect(last[0]).toMatchObject({ status: 'evaluated', description: '希望增加远程监控和报表' });
  });

  it('a quality problem becomes a ticket; the follow-up waits until the customer is told', async () => {
    const f = await assigned(agentId);
    const r = await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, {
      version: f.version,
      reached: true,
      answers: [{ question: '工程系统运行情况如何？', answer: '基本正常' }],
      satisfaction: 3,
      problems: [
        { class: 'usage', description: '不会设置定时', action: 'guidance', note: '已电话指导' },
        { class: 'quality', description: '3 号灯频闪', action: 'ticket' },
      ],
      suggestions: '希望增加远程监控',
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.status).toBe('awaiting_customer');
    const ticketId = body.problems[1].ticketId;
    expect(body.problems[1].ticketNumber).toMatch(/^BX-2026-/);
    expect(body.problems[0].ticketId).toBeNull();
    const ticket = (await manager.request('GET', `/api/v1/tickets/${ticketId}`)).json();
    expect(ticket).toMatchObject({ kind: 'fault_report', customerId: f.customerId });
    const again = await agent.request('POST', `/api/v1/followups/${f.id}/outcome`, {
      version: body.version,
      reached: false,
    });
    expect(again.statusCode).toBe(409);
    const told = await agent.request('POST', `/api/v1/followups/${f.id}/customer-told`, {
      version: body.version,
      note: '已告知：更换驱动',
    });
    expect(told.statusCode, told.body).toBe(200);
    expect(told.json()).toMatchObject({ status: 'done', toldNote: '已告知：更换驱动' });
  });
});

describe('warnings', () => {
  it('tell the agent once when due soon, and agent and managers once when overdue', async () => {
    const { project } = await delivered('2026-09-01');
    clock.set(new Date('2026-11-30T02:00:00Z'));
    await run();
    const [row] = await followUpsOf(project.id); // due 2026-12-01 09:00 local
    await manager.request('POST', '/api/v1/followups/assign', { ids: [row!.id], agentId });
    const notices = async () =>
      (
        await t.db.execute<{ template: string; recipient: string }>(
          sql`select template, recipient from outbox where payload->>'followUpId' = ${row!.id} and channel = 'in_app'`,
        )
      ).rows;
    clock.set(new Date('2026-12-01T00:00:00Z'));
    await sweepFollowUpFlags(sys());
    await sweepFollowUpFlags(sys());
    expect(await notices()).toEqual([{ template: 'followups.due-soon', recipient: agentId }]);
    clock.set(new Date('2026-12-01T01:30:00Z'));
    await sweepFollowUpFlags(sys());
    await sweepFollowUpFlags(sys());
    const all = await notices();
    expect(all.filter((x) => x.template === 'followups.overdue').map((x) => x.recipient)).toContain(agentId);
    expect(all.filter((x) => x.template === 'followups.overdue').length).toBeGreaterThan(1);
    expect(all.filter((x) => x.template === 'followups.due-soon')).toHaveLength(1);
  });
});

describe('the report', () => {
  it('equals a hand count, on screen, as a PDF and as a workbook', async () => {
    // A period of its own: follow-ups due in February 2027 written as the rules would.
    const c = await buildCustomer(t.db);
    const base = new Date('2027-02-10T02:00:00Z');
    const rows = [
      { reached: true, satisfaction: 5, status: 'done', problems: [] },
      { reached: true, satisfaction: 4, status: 'done', problems: [{ class: 'usage', action: 'guidance' }] },
      {
        reached: true,
        satisfaction: 2,
        status: 'done',
        problems: [
          { class: 'quality', action: 'ticket' },
          { class: 'service', action: 'ticket' },
        ],
        told: true,
      },
      { reached: false, satisfaction: null, status: 'emailed', problems: [] },
      { reached: null, satisfaction: null, status: 'open', problems: [] },
    ];
    for (const [i, r] of rows.entries()) {
      const problems = r.problems.map((p) => ({
        ...p,
        description: 'x',
        note: null,
        ticketId: null,
        ticketNumber: null,
      }));
      await t.db.execute(sql`
        insert into follow_ups (rule, subject_id, customer_id, due_at, status, reached, satisfaction, problems, told_at, created_at)
        values ('periodic_call', ${crypto.randomUUID()}, ${c.id}, ${new Date(base.getTime() + i * DAY)}, ${r.status}, ${r.reached},
                ${r.satisfaction}, ${JSON.stringify(problems)}::jsonb, ${r.told ? base : null}, ${base})`);
    }
    const rep = (
      await manager.request('GET', '/api/v1/followups/report?from=2027-02-01&to=2027-02-28')
    ).json();
    expect(rep).toMatchObject({
      total: 5,
      reached: 3,
      notReached: 1,
      emailed: 1,
      open: 1,
      satisfactionAverage: 3.67,
      satisfactionDistribution: [0, 1, 0, 1, 1],
      problems: { usage: 1, quality: 1, service: 1 },
      actions: { guidance: 1, consultationTickets: 0, tickets: 2, customerTold: 1 },
      byRule: [{ rule: 'periodic_call', total: 5, reached: 3 }],
    });
    expect(
      (await manager.request('GET', '/api/v1/followups/report?from=2027-02-28&to=2027-02-01')).json()
        .errors[0].field,
    ).toBe('to');
    expect(
      (await agent.request('GET', '/api/v1/followups/report?from=2027-02-01&to=2027-02-28')).statusCode,
    ).toBe(403);
    const quality = (await loginAs(t, { role: 'quality_engineer' })).session;
    expect(
      (await quality.request('GET', '/api/v1/followups/report?from=2027-02-01&to=2027-02-28')).statusCode,
    ).toBe(200);
    const pdf = await manager.request('GET', '/api/v1/followups/report.pdf?from=2027-02-01&to=2027-02-28');
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('回访报告');
    expect(text).toContain('3.67');
    const en = await pdfText(
      (await manager.request('GET', '/api/v1/followups/report.pdf?from=2027-02-01&to=2027-02-28&lang=en'))
        .rawPayload,
    );
    expect(en).toContain('Follow-up report');
    const xlsx = await manager.request(
      'GET',
      '/api/v1/followups/report.xlsx?from=2027-02-01&to=2027-02-28&lang=en',
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('the portal', () => {
  it("shows a customer user its own organisation's follow-ups with what was found and done; another's are invisible (404)", async () => {
    const mine = await delivered('2026-06-05');
    const theirs = await delivered('2026-06-05');
    clock.set(new Date('2026-09-01T02:00:00Z'));
    await run();
    const [own] = await followUpsOf(mine.project.id);
    const [other] = await followUpsOf(theirs.project.id);
    await manager.request('POST', '/api/v1/followups/assign', { ids: [own!.id], agentId });
    const f = (await agent.request('GET', `/api/v1/followups/${own!.id}`)).json();
    const rec = await agent.request('POST', `/api/v1/followups/${own!.id}/outcome`, {
      version: f.version,
      reached: true,
      satisfaction: 4,
      problems: [{ class: 'quality', description: '2 号灯不亮', action: 'ticket' }],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const told = await agent.request('POST', `/api/v1/followups/${own!.id}/customer-told`, {
      version: rec.json().version,
      note: '已派工程师更换灯具',
    });
    expect(told.statusCode, told.body).toBe(200);

    const customer = (await loginAs(t, { customerId: mine.customer.id })).session;
    const list = await customer.request('GET', '/api/v1/portal/follow-ups');
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().map((x: { id: string }) => x.id);
    expect(ids).toContain(own!.id);
    expect(ids).not.toContain(other!.id);
    const one = await customer.request('GET', `/api/v1/portal/follow-ups/${own!.id}`);
    expect(one.json()).toMatchObject({
      status: 'done',
      rule: 'delivery_quarterly',
      projectName: '道路照明',
      reached: true,
      satisfaction: 4,
      toldNote: '已派工程师更换灯具',
      problems: [{ class: 'quality', action: 'ticket', ticketNumber: expect.stringMatching(/^BX-/) }],
    });
    expect(one.json()).not.toHaveProperty('note');
    expect(one.json()).not.toHaveProperty('agentName');
    expect((await customer.request('GET', `/api/v1/portal/follow-ups/${other!.id}`)).statusCode).toBe(404);
    // The staff call list stays closed to a customer user.
    expect((await customer.request('GET', `/api/v1/followups/${own!.id}`)).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/v1/portal/follow-ups')).statusCode).toBe(403);
  });
});
