import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildUser,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { createDb, createPool } from '../../db/pool.ts';
import { ManualClock } from '../../platform/clock.ts';
import { outbox } from '../../platform/schema.ts';
import { slaTicketPort } from '../tickets/index.ts';
import { ensureSlaDefaults } from './policies.ts';
import { slaEvents } from './schema.ts';
import { sweepSla } from './sweeper.ts';

const T0 = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 in Shanghai
const clock = new ManualClock(T0);
const MIN = 60_000;
let t: TestApp;
let manager: Session;
let agent: Session;
let agentId: string;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '2000' } });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  manager = (await loginAs(t, { role: 'manager' })).session;
  const a = await loginAs(t, { role: 'agent' });
  agent = a.session;
  agentId = a.user.id;
  customerId = (await buildCustomer(t.db)).id;
});
afterAll(() => t.close());

async function newTicket(fields: Record<string, unknown> = {}) {
  const r = await agent.request('POST', '/api/v1/tickets', {
    kind: 'fault_report',
    customerId,
    subject: '路灯不亮',
    description: '3 号路灯不亮',
    ...fields,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number; number: string };
}

const detail = async (id: string) => (await agent.request('GET', `/api/v1/tickets/${id}`)).json();
const target = (d: { sla: { metric: string }[] }, metric: string) =>
  d.sla.find((s) => s.metric === metric) as unknown as {
    state: string;
    dueAt: string | null;
    metAt: string | null;
    breached: boolean;
    breachedBy: number;
    startedAt: string | null;
  };

describe('SLA targets follow the ticket', () => {
  it('a fault report gets the seed commitments, due in business time from its creation', async () => {
    clock.set(T0);
    const tk = await newTicket();
    const d = await detail(tk.id);
    expect(target(d, 'first_response')).toMatchObject({
      state: 'running',
      dueAt: new Date(T0.getTime() + 15 * MIN).toISOString(),
    });
    expect(target(d, 'initial_diagnosis').dueAt).toBe(new Date(T0.getTime() + 120 * MIN).toISOString());
    expect(target(d, 'on_site').dueAt).toBe(new Date(T0.getTime() + 24 * 60 * MIN).toISOString());
    // Targets that start on site wait for the arrival; only the general-complexity fix applies.
    expect(target(d, 'service_restored').state).toBe('pending');
    expect(d.sla.filter((s: { metric: string }) => s.metric === 'service_restored')).toHaveLength(1);
    expect(d.slaDueAt).toBe(new Date(T0.getTime() + 15 * MIN).toISOString());
  });

  it('the first public reply meets the first response; a late one is breached by the business time over', async () => {
    clock.set(T0);
    const onTime = await newTicket();
    clock.set(new Date(T0.getTime() + 10 * MIN));
    await agent.request('POST', `/api/v1/tickets/${onTime.id}/messages`, {
      kind: 'public_reply',
      body: '收到',
    });
    expect(target(await detail(onTime.id), 'first_response')).toMatchObject({
      state: 'met',
      breached: false,
    });

    clock.set(T0);
    const late = await newTicket();
    clock.set(new Date(T0.getTime() + 20 * MIN));
    await agent.request('POST', `/api/v1/tickets/${late.id}/messages`, {
      kind: 'public_reply',
      body: '收到',
    });
    expect(target(await detail(late.id), 'first_response')).toMatchObject({
      state: 'met',
      breached: true,
      breachedBy: 300,
    });
    // An internal note is no response.
    clock.set(T0);
    const noted = await newTicket();
    await agent.request('POST', `/api/v1/tickets/${noted.id}/messages`, { kind: 'internal_note', body: 'x' });
    expect(target(await detail(noted.id), 'first_response').state).toBe('running');
  });

  it('waiting on the customer stops the clock and the resume adds the paused time back', async () => {
    clock.set(T0);
    const tk = await newTicket();
    clock.set(new Date(T0.getTime() + 5 * MIN));
    let r = await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: 1,
      status: 'waiting_customer',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(target(r.json(), 'initial_diagnosis')).toMatchObject({ state: 'paused', dueAt: null });
    clock.set(new Date(T0.getTime() + 45 * MIN));
    r = await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: r.json().version,
      status: 'in_progress',
    });
    expect(target(r.json(), 'initial_diagnosis')).toMatchObject({
      state: 'running',
      dueAt: new Date(T0.getTime() + (120 + 40) * MIN).toISOString(),
    });
  });

  it('marking it an emergency re-applies the 8-hour on-site target from the same start, audited', async () => {
    clock.set(T0);
    const tk = await newTicket();
    clock.set(new Date(T0.getTime() + 30 * MIN));
    const r = await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, { version: 1, emergency: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(target(r.json(), 'on_site')).toMatchObject({
      startedAt: T0.toISOString(),
      dueAt: new Date(T0.getTime() + 8 * 60 * MIN).toISOString(),
    });
    const audit = await t.db.execute<{ before: { dueAt: string }; after: { dueAt: string } }>(
      sql`select before, after from audit_log where action = 'sla.deadline-change' and entity_id = ${tk.id}`,
    );
    expect(audit.rows.map((a) => a.after.dueAt)).toContain(
      new Date(T0.getTime() + 8 * 60 * MIN).toISOString(),
    );
  });

  it('on-site milestones keep the moment they happened; a temporary solution restores service while the permanent fix runs on', async () => {
    clock.set(T0);
    const tk = await newTicket();
    clock.set(new Date(T0.getTime() + 6 * 60 * MIN));
    const arrivedAt = new Date(T0.getTime() + 5 * 60 * MIN).toISOString();
    let r = await agent.request('POST', `/api/v1/tickets/${tk.id}/milestones`, {
      event: 'arrived_on_site',
      at: arrivedAt,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(target(r.json(), 'on_site')).toMatchObject({ state: 'met', metAt: arrivedAt, breached: false });
    expect(target(r.json(), 'onsite_diagnosis')).toMatchObject({
      state: 'running',
      dueAt: new Date(T0.getTime() + 7 * 60 * MIN).toISOString(),
    });
    r = await agent.request('POST', `/api/v1/tickets/${tk.id}/milestones`, { event: 'temporary_solution' });
    expect(target(r.json(), 'service_restored').state).toBe('met');
    expect(target(r.json(), 'permanent_fix').state).toBe('running');

    const future = await agent.request('POST', `/api/v1/tickets/${tk.id}/milestones`, {
      event: 'diagnosed',
      at: new Date(T0.getTime() + 9 * 60 * MIN).toISOString(),
    });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('at');
    const bad = await agent.request('POST', `/api/v1/tickets/${tk.id}/milestones`, { event: 'created' });
    expect(bad.statusCode).toBe(400);
  });

  it('customers see the promised times of their own tickets only', async () => {
    clock.set(T0);
    const tk = await newTicket();
    const own = (await loginAs(t, { customerId })).session;
    const r = await own.request('GET', `/api/v1/tickets/${tk.id}`);
    expect(target(r.json(), 'first_response').dueAt).toBeTruthy();
    const other = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    expect((await other.request('GET', `/api/v1/tickets/${tk.id}`)).statusCode).toBe(404);
    expect(
      (await own.request('POST', `/api/v1/tickets/${tk.id}/milestones`, { event: 'diagnosed' })).statusCode,
    ).toBe(403);
  });
});

describe('the sweeper', () => {
  it('warns, marks the breach and escalates, each level once, with three instances sweeping at once', async () => {
    clock.set(T0);
    const tk = await newTicket();
    await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: 1,
      assigneeId: agentId,
      status: 'in_progress',
    });
    // Handed over (assigned): the first response is met; the 1-hour handling opinion runs on.
    const pools = [
      createPool(t.database.url, 3),
      createPool(t.database.url, 3),
      createPool(t.database.url, 3),
    ];
    const dbs = pools.map((p) => createDb(p));
    try {
      const sweepAll = () =>
        Promise.all(dbs.map((db) => sweepSla({ db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort)));
      const handlingDue = T0.getTime() + 60 * MIN;
      clock.set(new Date(handlingDue - 10 * MIN)); // past the −30 min level and the warning
      await sweepAll();
      await sweepAll();
      const mine = await t.db
        .select()
        .from(outbox)
        .where(sql`${outbox.dedupeKey} like ${'sla:%'} and ${outbox.payload}->>'ticketId' = ${tk.id}
          and ${outbox.payload}->>'metric' = 'handling_opinion'`);
      expect(mine.map((m) => [m.template, m.recipient])).toEqual([['sla.warning', agentId]]);

      // The queues: breaching soon now, breached after the deadline.
      const soon = (await agent.request('GET', '/api/v1/tickets?queue=breaching')).json();
      expect(soon.items.map((i: { id: string }) => i.id)).toContain(tk.id);

      clock.set(new Date(handlingDue + 3 * 60 * MIN)); // all instances were "down" across the deadline
      const results = await sweepAll();
      expect(results.reduce((s, r) => s + r.fired, 0)).toBeGreaterThan(0);
      await sweepAll();
      const firings = await t.db.execute<{ level: string; n: number }>(sql`select f.level, count(*)::int as n
        from sla_firings f join sla_targets s on s.id = f.target_id
        where s.ticket_id = ${tk.id} and s.metric = 'handling_opinion' group by f.level order by f.level`);
      expect(firings.rows).toEqual([
        { level: 'L0', n: 1 },
        { level: 'L1', n: 1 },
        { level: 'L2', n: 1 },
        { level: 'breach', n: 1 },
      ]);
      const managerMail = await t.db
        .select()
        .from(outbox)
        .where(sql`${outbox.template} = 'sla.escalation' and ${outbox.payload}->>'ticketId' = ${tk.id}`);
      expect(managerMail.length).toBeGreaterThan(0);
      expect(String((managerMail[0]!.payload as { subject: string }).subject)).toContain(tk.number);
      const breached = (await agent.request('GET', '/api/v1/tickets?queue=breached')).json();
      expect(breached.items.find((i: { id: string }) => i.id === tk.id)?.slaBreached).toBe(true);
      const d = await detail(tk.id);
      expect(target(d, 'handling_opinion').breached).toBe(true);
      // Nothing is left due for this target.
      const [row] = await t.db
        .execute<{ next_fire_at: Date | null }>(
          sql`select next_fire_at from sla_targets where ticket_id = ${tk.id} and metric = 'handling_opinion'`,
        )
        .then((r) => r.rows);
      expect(row?.next_fire_at).toBeNull();
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('raise-priority and reassign actions change the ticket, once', async () => {
    const lead = await buildUser(t.db, { role: 'support_engineer' });
    const policy = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'Returns',
      position: 1,
      conditions: { kinds: ['return_request'] },
      targets: [
        {
          metric: 'return_handled',
          start: 'created',
          stop: ['resolved'],
          durationMinutes: 60,
          escalations: [
            {
              offsetMinutes: 0,
              actions: [
                { type: 'raise_priority' },
                { type: 'reassign', userId: lead.id },
                { type: 'notify', to: 'watchers', channels: ['in_app'] },
              ],
            },
          ],
        },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    clock.set(T0);
    const tk = await newTicket({ kind: 'return_request' });
    const watcher = await loginAs(t, { role: 'quality_engineer' });
    await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, { version: 1, watcherIds: [watcher.user.id] });
    clock.set(new Date(T0.getTime() + 61 * MIN));
    await sweepSla({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort);
    await sweepSla({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort);
    const d = await detail(tk.id);
    expect(d).toMatchObject({ priority: 'high', assigneeId: lead.id });
    const toWatcher = await t.db
      .select()
      .from(outbox)
      .where(sql`${outbox.recipient} = ${watcher.user.id} and ${outbox.template} = 'sla.breached'`);
    expect(toWatcher).toHaveLength(1);
  });
  it("an escalation's reassign goes through tickets: version, history and the hand-over in the SLA log", async () => {
    const lead = await buildUser(t.db, { role: 'support_engineer' });
    const policy = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'Training handover',
      position: 2,
      conditions: { kinds: ['training_request'] },
      targets: [
        {
          metric: 'training_booked',
          start: 'created',
          stop: ['resolved'],
          durationMinutes: 30,
          escalations: [{ offsetMinutes: 0, actions: [{ type: 'reassign', userId: lead.id }] }],
        },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    clock.set(T0);
    const tk = await newTicket({ kind: 'training_request' });
    expect(tk.version).toBe(1);
    clock.set(new Date(T0.getTime() + 31 * MIN));
    await sweepSla({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort);
    const d = await detail(tk.id);
    expect(d).toMatchObject({ assigneeId: lead.id, status: 'assigned', version: 2 });
    const events = await t.db.select().from(slaEvents).where(eq(slaEvents.ticketId, tk.id));
    expect(events.filter((e) => e.event === 'handed_over').map((e) => e.at)).toEqual([clock.now()]);
    // The change log names the person the escalation handed the ticket to.
    const history = (await agent.request('GET', `/api/v1/tickets/${tk.id}/history`)).json();
    expect(history.at(-1).changes).toEqual(
      expect.arrayContaining([{ field: 'assigneeId', from: null, to: lead.displayName }]),
    );
    const assigned = await t.db
      .select()
      .from(outbox)
      .where(sql`${outbox.recipient} = ${lead.id} and ${outbox.template} = 'tickets.assigned'`);
    expect(assigned).toHaveLength(1);
  });
});

describe('policies and recompute', () => {
  it('validates policies with the field named, and only managers change them', async () => {
    const bad = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'x',
      position: 5,
      conditions: {},
      targets: [{ metric: 'ab', start: 'created', stop: ['created'], durationMinutes: 10 }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('targets.0.stop');
    const shape = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'x',
      position: 5,
      conditions: {},
      targets: [{ metric: 'A', start: 'created', stop: ['resolved'], durationMinutes: 10 }],
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.body).toContain('targets');
    const warn = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'x',
      position: 5,
      conditions: {},
      targets: [{ metric: 'ab', start: 'created', stop: ['resolved'], durationMinutes: 10, warnMinutes: 10 }],
    });
    expect(warn.statusCode).toBe(422);
    expect(warn.json().errors[0].field).toBe('targets.0.warnMinutes');
    // The console edits escalation levels with a form and puts each error on its field.
    const escalation = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'x',
      position: 5,
      conditions: {},
      targets: [
        {
          metric: 'ab',
          start: 'created',
          stop: ['resolved'],
          durationMinutes: 10,
          escalations: [{ offsetMinutes: 30, actions: [{ type: 'notify', to: 'managers', channels: [] }] }],
        },
      ],
    });
    expect(escalation.statusCode).toBe(400);
    expect(escalation.json().errors[0].field).toBe('targets.0.escalations.0.actions.0.channels');
    expect((await agent.request('POST', '/api/v1/sla/policies', {})).statusCode).toBe(403);
    const list = (await agent.request('GET', '/api/v1/sla/policies')).json();
    expect(list.find((p: { isDefault: boolean }) => p.isDefault)).toBeTruthy();
  });

  it('editing a policy leaves running tickets alone; a stale edit is a 409', async () => {
    const list = (await manager.request('GET', '/api/v1/sla/policies')).json();
    const consult = list.find(
      (p: { conditions: { kinds?: string[] } }) => p.conditions.kinds?.[0] === 'consultation',
    );
    clock.set(T0);
    const tk = await newTicket({ kind: 'consultation' });
    const before = target(await detail(tk.id), 'handed_over').dueAt;
    const targets = consult.targets.map((x: { metric: string }) =>
      x.metric === 'handed_over' ? { ...x, durationMinutes: 30, warnMinutes: 10 } : x,
    );
    const ok = await manager.request('PATCH', `/api/v1/sla/policies/${consult.id}`, {
      version: consult.version,
      targets,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(target(await detail(tk.id), 'handed_over').dueAt).toBe(before);
    const stale = await manager.request('PATCH', `/api/v1/sla/policies/${consult.id}`, {
      version: consult.version,
      name: 'y',
    });
    expect(stale.statusCode).toBe(409);
    // A new consultation gets the new promise.
    const fresh = await newTicket({ kind: 'consultation' });
    expect(target(await detail(fresh.id), 'handed_over').dueAt).toBe(
      new Date(T0.getTime() + 30 * MIN).toISOString(),
    );
  });

  it('recomputes from history after a calendar edit, auditing each moved deadline', async () => {
    const cal = await manager.request('POST', '/api/v1/sla/calendars', {
      name: 'Weekdays 9-18',
      timeZone: 'Asia/Shanghai',
      weekly: {
        '1': [[540, 1080]],
        '2': [[540, 1080]],
        '3': [[540, 1080]],
        '4': [[540, 1080]],
        '5': [[540, 1080]],
      },
      holidays: [],
      workdays: [],
      workdaySlots: [[540, 1080]],
    });
    expect(cal.statusCode, cal.body).toBe(201);
    const policy = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'Training requests, office hours',
      position: 2,
      conditions: { kinds: ['training_request'] },
      targets: [
        {
          metric: 'scheduled',
          start: 'created',
          stop: ['resolved'],
          durationMinutes: 9 * 60,
          calendarId: cal.json().id,
        },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    clock.set(T0); // Tuesday 10:00 + 9 business hours → Wednesday 10:00
    const tk = await newTicket({ kind: 'training_request' });
    expect(target(await detail(tk.id), 'scheduled').dueAt).toBe('2026-11-25T02:00:00.000Z');
    // Wednesday becomes a holiday: due Thursday 10:00 after a recompute.
    const c = cal.json();
    await manager.request('PATCH', `/api/v1/sla/calendars/${c.id}`, {
      version: c.version,
      holidays: [{ date: '2026-11-25', name: 'Company day' }],
    });
    const r = await manager.request('POST', '/api/v1/sla/recompute', { ticketNumber: tk.number });
    expect(r.json()).toMatchObject({ tickets: 1, deadlinesChanged: 1 });
    const unknown = await manager.request('POST', '/api/v1/sla/recompute', {
      ticketNumber: 'BX-1999-000001',
    });
    expect(unknown.statusCode).toBe(422);
    expect(target(await detail(tk.id), 'scheduled').dueAt).toBe('2026-11-26T02:00:00.000Z');
    const range = await manager.request('POST', '/api/v1/sla/recompute', {
      from: '2026-11-24T03:00:00Z',
      to: '2026-11-24T01:00:00Z',
    });
    expect(range.statusCode).toBe(422);
    const audit = await t.db.execute(sql`select 1 from audit_log where action = 'sla.recompute'`);
    expect(audit.rows.length).toBe(1);
    expect((await agent.request('POST', '/api/v1/sla/recompute', { ticketId: tk.id })).statusCode).toBe(403);
  });

  it('re-applies a corrected policy only when asked, previewing the before/after due times first', async () => {
    const made = await manager.request('POST', '/api/v1/sla/policies', {
      name: 'Other requests',
      position: 3,
      conditions: { kinds: ['other'] },
      targets: [{ metric: 'answered', start: 'created', stop: ['resolved'], durationMinutes: 60 }],
    });
    expect(made.statusCode, made.body).toBe(201);
    clock.set(T0);
    const tk = await newTicket({ kind: 'other' });
    const promised = new Date(T0.getTime() + 60 * MIN).toISOString();
    const corrected = new Date(T0.getTime() + 90 * MIN).toISOString();
    expect(target(await detail(tk.id), 'answered').dueAt).toBe(promised);
    const p = made.json();
    const fix = await manager.request('PATCH', `/api/v1/sla/policies/${p.id}`, {
      version: p.version,
      targets: [{ metric: 'answered', start: 'created', stop: ['resolved'], durationMinutes: 90 }],
    });
    expect(fix.statusCode, fix.body).toBe(200);

    const replay = await manager.request('POST', '/api/v1/sla/recompute', { ticketNumber: tk.number });
    expect(replay.json()).toMatchObject({ mode: 'history', applied: true, deadlinesChanged: 0 });
    expect(target(await detail(tk.id), 'answered').dueAt).toBe(promised);

    const preview = await manager.request('POST', '/api/v1/sla/recompute', {
      ticketNumber: tk.number,
      mode: 'current-policy',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      mode: 'current-policy',
      applied: false,
      tickets: 1,
      deadlinesChanged: 1,
      truncated: false,
      changes: [
        { ticketNumber: tk.number, metric: 'answered', dueAtBefore: promised, dueAtAfter: corrected },
      ],
    });
    expect(target(await detail(tk.id), 'answered').dueAt).toBe(promised);
    const audited = sql`select after from audit_log where action = 'sla.recompute' and after->>'mode' = 'current-policy'`;
    expect((await t.db.execute(audited)).rows).toHaveLength(0);

    const applied = await manager.request('POST', '/api/v1/sla/recompute', {
      ticketNumber: tk.number,
      mode: 'current-policy',
      confirm: true,
    });
    expect(applied.json()).toMatchObject({ applied: true, deadlinesChanged: 1 });
    expect(target(await detail(tk.id), 'answered').dueAt).toBe(corrected);
    expect((await t.db.execute(audited)).rows).toEqual([
      { after: expect.objectContaining({ tickets: 1, deadlinesChanged: 1 }) },
    ]);
    const moved = await t.db.execute(
      sql`select 1 from audit_log where action = 'sla.deadline-change' and entity_id = ${tk.id}`,
    );
    expect(moved.rows).toHaveLength(1);
  });
});

describe('defaults', () => {
  it('are installed once', async () => {
    expect(await ensureSlaDefaults(t.db, TEST_TIME_ZONE)).toBe(false);
    const n = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from sla_policies where is_default`,
    );
    expect(n.rows[0]!.n).toBe(1);
    const rows = await t.db.select().from(outbox).where(eq(outbox.channel, 'sms'));
    expect(Array.isArray(rows)).toBe(true);
  });
});
