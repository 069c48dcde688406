import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  pdfText,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { outboxDeliveryJob } from '../../platform/platform-jobs.ts';
import { deliverInApp } from '../notifications/index.ts';
import { ensureSlaDefaults } from '../sla/index.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
const MIN = 60_000;
let t: TestApp;
let agent: Session;
let engineer: Session;
let engineerId: string;
let other: Session;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  await ensureSlaDefaults(t.db);
  agent = (await loginAs(t, { role: 'agent' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
  other = (await loginAs(t, { role: 'field_engineer' })).session;
  customerId = (await buildCustomer(t.db, { contactEmail: 'ops@hz-metro.example' })).id;
});
afterAll(() => t.close());

const target = (d: { sla: { metric: string; state: string; metAt: string | null }[] }, metric: string) =>
  d.sla.find((s) => s.metric === metric)!;
let n = 0;
const stage = (
  id: string,
  stage: string,
  at: Date,
  data?: Record<string, unknown>,
  clientEventId = `ev-${++n}-${Date.now()}`,
) =>
  engineer.request('POST', `/api/v1/work-orders/${id}/events`, {
    clientEventId,
    stage,
    at: at.toISOString(),
    data,
  });

// A 1×1 PNG, standing in for a signature drawn on the phone.
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('a repair visit', () => {
  it('goes from dispatch to completion, each stage at the phone’s time, moving the ticket’s SLA', async () => {
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: '灯杆不亮',
        description: '12 号灯杆不亮',
      })
    ).json();
    clock.set(new Date(T0.getTime() + 60 * MIN));
    const made = await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, {
      kind: 'repair',
      engineerId,
    });
    expect(made.statusCode, made.body).toBe(201);
    const wo = made.json();
    expect(wo).toMatchObject({ status: 'assigned', number: expect.stringMatching(/^WO-2026-\d{6}$/) });
    // The remote-fix target ends with the dispatch.
    let ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(target(ticket, 'remote_fix').state).toBe('met');

    // Only the assigned engineer sees it.
    expect(
      (await engineer.request('GET', '/api/v1/work-orders')).json().map((w: { id: string }) => w.id),
    ).toContain(wo.id);
    expect((await other.request('GET', '/api/v1/work-orders')).json()).toEqual([]);
    expect((await other.request('GET', `/api/v1/work-orders/${wo.id}`)).statusCode).toBe(404);
    const portal = (await loginAs(t, { customerId })).session;
    expect((await portal.request('GET', `/api/v1/work-orders/${wo.id}`)).statusCode).toBe(404);

    // He checked in at T0+5h while offline; the phone syncs at T0+6h, sending it twice.
    clock.set(new Date(T0.getTime() + 6 * 60 * MIN));
    const arrivedAt = new Date(T0.getTime() + 5 * 60 * MIN);
    const first = await stage(wo.id, 'arrived', arrivedAt, {}, 'phone-arrive-1');
    expect(first.statusCode, first.body).toBe(200);
    await stage(wo.id, 'arrived', arrivedAt, {}, 'phone-arrive-1');
    const events = await t.db.execute(
      sql`select 1 from work_order_events where client_event_id = 'phone-arrive-1'`,
    );
    expect(events.rows).toHaveLength(1);
    ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(target(ticket, 'on_site')).toMatchObject({ state: 'met', metAt: arrivedAt.toISOString() });
    expect(target(ticket, 'onsite_diagnosis').state).toBe('running');

    const noPlace = await stage(wo.id, 'diagnosed', new Date(T0.getTime() + 330 * MIN), {});
    expect(noPlace.statusCode).toBe(422);
    expect(noPlace.json().errors[0].field).toBe('data.faultLocation');
    await stage(wo.id, 'diagnosed', new Date(T0.getTime() + 330 * MIN), {
      faultLocation: '驱动电源',
      cause: 'normal_failure',
    });
    const temp = await stage(wo.id, 'temporary_solution', new Date(T0.getTime() + 340 * MIN), {
      solution: '临时接入备用回路',
      plannedFix: '更换驱动电源',
    });
    expect(temp.json().status).toBe('diagnosed');
    ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(target(ticket, 'service_restored').state).toBe('met');
    expect(target(ticket, 'permanent_fix').state).toBe('running');

    const future = await stage(wo.id, 'completed', new Date(T0.getTime() + 8 * 60 * MIN));
    expect(future.statusCode).toBe(422);
    await agent.request('POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'internal_note',
      body: '内部备注不外传',
    });
    const done = await stage(wo.id, 'completed', new Date(T0.getTime() + 350 * MIN), {
      result: '已更换驱动电源，恢复正常',
      timeSpentMinutes: 50,
      travelKm: 18.5,
      signature: PNG,
      signedBy: '周主任',
    });
    expect(done.json()).toMatchObject({ status: 'completed', timeSpentMinutes: 50, travelKm: 18.5 });
    ticket = (await agent.request('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(ticket.status).toBe('resolved');
    expect(target(ticket, 'permanent_fix')).toMatchObject({ state: 'met' });
    const archive = await t.db.execute(
      sql`select kind from archive_events where ref_id = ${wo.id} order by occurred_at, kind`,
    );
    expect(archive.rows.map((r) => (r as { kind: string }).kind)).toEqual([
      'field.arrived',
      'field.completed',
      'field.report',
    ]);

    // The signed report: Chinese PDF without internal notes, for the engineer and the customer only.
    const pdf = await engineer.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    for (const s of [
      '维修报告',
      wo.number,
      '驱动电源',
      '已更换驱动电源，恢复正常',
      '周主任',
      '临时接入备用回路',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('内部备注不外传');
    expect((await portal.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`)).statusCode).toBe(200);
    expect((await portal.request('GET', `/api/v1/tickets/${tk.id}/reports`)).json()).toHaveLength(1);
    const stranger = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    expect((await stranger.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`)).statusCode).toBe(404);
    expect((await other.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf`)).statusCode).toBe(404);
    const english = await pdfText(
      (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/report.pdf?lang=en`)).rawPayload,
    );
    expect(english).toContain('Repair report');

    // Emailed to the customer with the PDF attached.
    await outboxDeliveryJob({ send: async (m) => void t.sentMail.push(m) }, deliverInApp).handler(
      {},
      { db: t.db, clock, blobStore: new LocalBlobStore(t.blobDir), log: { info() {}, error() {} } },
    );
    const mail = t.sentMail.find((m) => m.subject.includes(wo.number));
    expect(mail?.to).toBe('ops@hz-metro.example');
    expect(mail?.attachments?.[0]?.content.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('lets dispatchers reassign, audited, and refuses a non-engineer', async () => {
    clock.set(T0);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: 'x',
        description: 'y',
      })
    ).json();
    const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, {})).json();
    expect(wo.status).toBe('new');
    const list = (await agent.request('GET', '/api/v1/work-orders?queue=unassigned')).json();
    expect(list.find((w: { id: string }) => w.id === wo.id).onSiteDueAt).toBe(
      new Date(T0.getTime() + 24 * 60 * MIN).toISOString(),
    );
    const bad = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: wo.version,
      engineerId: (await loginAs(t, { role: 'agent' })).user.id,
    });
    expect(bad.statusCode).toBe(422);
    const ok = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: wo.version,
      engineerId,
    });
    expect(ok.json().status).toBe('assigned');
    const stale = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: wo.version,
      engineerId: null,
    });
    expect(stale.statusCode).toBe(409);
    expect((await engineer.request('PATCH', `/api/v1/work-orders/${wo.id}`, { version: 2 })).statusCode).toBe(
      403,
    );
    const engineers = (await agent.request('GET', '/api/v1/work-orders/engineers')).json();
    expect(engineers.find((e: { id: string }) => e.id === engineerId).openWorkOrders).toBeGreaterThan(0);
  });
});
