import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ensureSlaDefaults } from '../sla/index.ts';

// 10:00 in Shanghai.
const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
const HOUR = 3_600_000;
let t: TestApp;
let agent: Session;
let agentId: string;
let manager: Session;
let engineer: Session;
let engineerId: string;
let customerA: string;
let customerB: string;
const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function ticket(customerId: string, subject: string) {
  const res = await agent.request('POST', '/api/v1/tickets', {
    kind: 'fault_report',
    customerId,
    subject,
    description: subject,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  const a = await loginAs(t, { role: 'agent' });
  agent = a.session;
  agentId = a.user.id;
  manager = (await loginAs(t, { role: 'manager' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
  customerA = (await buildCustomer(t.db, { name: `甲方路灯公司${uid()}`, contactPhone: '13800138111' })).id;
  customerB = (await buildCustomer(t.db, { name: `乙方照明公司${uid()}`, contactPhone: '13900139222' })).id;
});
afterAll(() => t.close());

describe('the workbench', () => {
  it("counts the agent's open tickets by status and the SLA queues", async () => {
    const before = (await agent.request('GET', '/api/v1/workbench')).json();
    expect(Object.keys(before)).toEqual(['desk']);
    const tk = await ticket(customerA, '灯杆不亮');
    const assigned = await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: tk.version,
      assigneeId: agentId,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const after = (await agent.request('GET', '/api/v1/workbench')).json();
    expect(after.desk.mine.assigned).toBe(before.desk.mine.assigned + 1);
    expect(after.desk.followUpsDue).toBe(0);
    // Three hours later the 2 h initial diagnosis of the fault is breached.
    clock.set(new Date(T0.getTime() + 3 * HOUR));
    const late = (await agent.request('GET', '/api/v1/workbench')).json();
    expect(late.desk.breached).toBeGreaterThanOrEqual(1);
    const queue = (await agent.request('GET', '/api/v1/tickets?queue=breached')).json();
    expect(queue.items.length).toBe(late.desk.breached);
    clock.set(T0);
  });

  it("gives the engineer today's and tomorrow's jobs in order, with their on-site deadlines", async () => {
    const tk = await ticket(customerA, '控制柜报警');
    const tomorrow = await ticket(customerA, '巡检');
    for (const [tid, at] of [
      [tk.id, new Date(T0.getTime() + 2 * HOUR)],
      [tomorrow.id, new Date(T0.getTime() + 24 * HOUR)],
    ] as const) {
      const made = await agent.request('POST', `/api/v1/tickets/${tid}/work-orders`, {
        kind: 'repair',
        engineerId,
        scheduledAt: at.toISOString(),
      });
      expect(made.statusCode, made.body).toBe(201);
    }
    const w = (await engineer.request('GET', '/api/v1/workbench')).json();
    expect(Object.keys(w)).toEqual(['jobs']);
    expect(w.jobs.today.map((j: { summary: string }) => j.summary)).toEqual([
      expect.stringContaining('控制柜'),
    ]);
    expect(w.jobs.today[0].onSiteDueAt).not.toBeNull();
    expect(w.jobs.tomorrow).toHaveLength(1);
    expect(w.jobs.open).toBe(2);

    const m = (await manager.request('GET', '/api/v1/workbench')).json();
    expect(Object.keys(m)).toEqual(['manager']);
    const load = m.manager.load.find((l: { engineerId: string }) => l.engineerId === engineerId);
    expect(load).toMatchObject({ today: 1, open: 2 });
    expect(m.manager.unassignedTickets).toBeGreaterThanOrEqual(1);
    expect(m.manager.countsToApprove).toEqual([]);
  });

  it("shows a customer only its own organisation's requests", async () => {
    await ticket(customerA, '甲方的报修');
    await ticket(customerB, '乙方的报修');
    const { session } = await loginAs(t, { customerId: customerA });
    const w = (await session.request('GET', '/api/v1/workbench')).json();
    expect(Object.keys(w)).toEqual(['portal']);
    const subjects = w.portal.openRequests.map((r: { subject: string }) => r.subject);
    expect(subjects).toContain('甲方的报修');
    expect(subjects).not.toContain('乙方的报修');
    expect(w.portal.nextVisit).toMatchObject({ kind: 'repair' });
  });

  it('answers a storekeeper and a trainer with their own sections', async () => {
    const store = (
      await (await loginAs(t, { role: 'storekeeper' })).session.request('GET', '/api/v1/workbench')
    ).json();
    expect(store.stock).toMatchObject({
      reorderAlerts: 0,
      openReservations: 0,
      reservations: [],
      counts: [],
    });
    const trainer = (
      await (await loginAs(t, { role: 'trainer' })).session.request('GET', '/api/v1/workbench')
    ).json();
    expect(trainer.team).toEqual({ open: 0, mine: 0 });
    expect(trainer.sessions.items).toEqual([]);
  });

  it("lists the trainer's own sessions of this week, Monday to Sunday in the organisation's zone", async () => {
    const a = await loginAs(t, { role: 'trainer' });
    const other = await loginAs(t, { role: 'trainer' });
    const course = await a.session.request('POST', '/api/v1/training/courses', {
      title: `照明控制系统操作${uid()}`,
    });
    expect(course.statusCode, course.body).toBe(201);
    // T0 is Tuesday 24 Nov, 10:00 in Shanghai: the week runs from Monday 23 Nov 00:00 to Monday 30 Nov 00:00.
    const at = async (who: { session: Session; user: { id: string } }, local: string, hours: number) => {
      const startsAt = new Date(`${local}+08:00`);
      const res = await who.session.request('POST', '/api/v1/training/sessions', {
        courseId: course.json().id,
        trainerId: who.user.id,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + hours * HOUR).toISOString(),
        venue: '业主会议室',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const sunday = await at(a, '2026-11-29T23:00:00', 0.5);
    const wednesday = await at(a, '2026-11-25T09:00:00', 3);
    const clash = await at(a, '2026-11-25T11:00:00', 2);
    await at(a, '2026-11-30T09:00:00', 2); // next Monday
    await at(other, '2026-11-26T09:00:00', 2); // another trainer's
    const home = (await a.session.request('GET', '/api/v1/workbench')).json();
    expect(home.sessions.from).toBe('2026-11-22T16:00:00.000Z');
    expect(home.sessions.to).toBe('2026-11-29T16:00:00.000Z');
    expect(home.sessions.items.map((s: { id: string }) => s.id)).toEqual([wednesday, clash, sunday]);
    expect(home.sessions.items[0]).toMatchObject({ venue: '业主会议室', enrolled: 0, clashes: 1 });
    expect(home.sessions.items[2].clashes).toBe(0);
    // Other roles have no such section.
    expect((await agent.request('GET', '/api/v1/workbench')).json().sessions).toBeUndefined();
  });
});

describe('the global search', () => {
  it('finds a ticket by number, a customer by name and a contact by phone', async () => {
    const tk = await ticket(customerA, '路灯闪烁');
    const byNumber = (await agent.request('GET', `/api/v1/search?q=${tk.number}`)).json();
    expect(byNumber.hits).toContainEqual(
      expect.objectContaining({ kind: 'ticket', id: tk.id, path: `/console/tickets/${tk.id}` }),
    );
    const byName = (await agent.request('GET', `/api/v1/search?q=${encodeURIComponent('甲方路灯')}`)).json();
    expect(byName.hits).toContainEqual(expect.objectContaining({ kind: 'customer', id: customerA }));
    const byPhone = (await agent.request('GET', '/api/v1/search?q=13800138111')).json();
    expect(byPhone.hits.some((h: { path: string }) => h.path === `/console/customers/${customerA}`)).toBe(
      true,
    );
    const wo = (await agent.request('GET', `/api/v1/work-orders?queue=open`)).json()[0];
    const byWo = (await agent.request('GET', `/api/v1/search?q=${wo.number.toLowerCase()}`)).json();
    expect(byWo.hits).toContainEqual(expect.objectContaining({ kind: 'work_order', id: wo.id }));
  });

  it("never finds another organisation's records for a customer", async () => {
    const theirs = await ticket(customerB, '乙方的秘密报修');
    const mine = await ticket(customerA, '甲方的报修单');
    const { session } = await loginAs(t, { customerId: customerA });
    const hitsB = (await session.request('GET', `/api/v1/search?q=${theirs.number}`)).json().hits;
    expect(hitsB).toEqual([]);
    const name = (await session.request('GET', `/api/v1/search?q=${encodeURIComponent('乙方照明')}`)).json();
    expect(name.hits).toEqual([]);
    const phone = (await session.request('GET', '/api/v1/search?q=13900139222')).json();
    expect(phone.hits).toEqual([]);
    const own = (await session.request('GET', `/api/v1/search?q=${mine.number}`)).json().hits;
    expect(own).toContainEqual(
      expect.objectContaining({ kind: 'ticket', id: mine.id, path: `/portal/tickets/${mine.id}` }),
    );
  });

  it('names the field of a query too short', async () => {
    const res = await agent.request('GET', '/api/v1/search?q=a');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('q');
  });
});
