// The portal's view of a ticket over HTTP: a fault reported with a photo, urgency and a phone; the
// department's internal steps (转交技术支持, internal notes, status moves, tags) never reach the customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
  testPng,
} from '../../../test/helpers.ts';
import { uploadFile } from '../../../test/uploads.ts';
import { ensureSlaDefaults } from '../sla/index.ts';

let t: TestApp;
let agent: Session;
let support: { session: Session; id: string };

beforeAll(async () => {
  t = await createTestApp();
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  agent = (await loginAs(t, { role: 'agent' })).session;
  const engineer = await loginAs(t, { role: 'support_engineer' });
  support = { session: engineer.session, id: engineer.user.id };
});
afterAll(() => t.close());

async function portalCustomer() {
  const c = await buildCustomer(t.db);
  const { session } = await loginAs(t, { customerId: c.id });
  return { customer: c, session };
}

describe('the customer’s view of a ticket', () => {
  it('takes a photo, the urgency and the callback phone with the fault report', async () => {
    const { session } = await portalCustomer();
    const photo = await uploadFile(t, session, '灯杆.png', testPng(4, 4, [200, 30, 30]));
    expect(photo.statusCode, photo.body).toBe(201);
    const res = await session.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      subject: '灯杆不亮',
      description: '3 号灯杆夜间不亮',
      priority: 'urgent',
      emergency: true,
      contactPhone: '138 0013 8000',
      attachmentIds: [photo.json().id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json();
    expect(ticket).toMatchObject({ priority: 'urgent', emergency: true, contactPhone: '138 0013 8000' });
    const detail = (await session.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(detail.attachmentIds).toEqual([photo.json().id]);
    expect(detail.contactPhone).toBe('138 0013 8000');
  });

  it('refuses a phone that cannot be called, naming the field', async () => {
    const { session } = await portalCustomer();
    for (const contactPhone of ['12345', 'call me', '+86 138 0013 8000 1234 5678']) {
      const res = await session.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        subject: 'x',
        description: 'x',
        contactPhone,
      });
      expect(res.statusCode, contactPhone).toBe(400);
      expect(res.body).toContain('contactPhone');
    }
  });

  it('omits the hand-over to support, internal notes, status moves and tags from the customer’s detail and timeline', async () => {
    const { session } = await portalCustomer();
    const created = (
      await session.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        subject: '控制柜跳闸',
        description: '2 号控制柜反复跳闸',
      })
    ).json();
    // The agent hands it to a support engineer (转交技术支持), tags it and writes an internal note;
    // the engineer starts work, replies and dispatches.
    const v1 = (await agent.request('GET', `/api/v1/tickets/${created.id}`)).json().version;
    const assigned = await agent.request('PATCH', `/api/v1/tickets/${created.id}`, {
      version: v1,
      assigneeId: support.id,
      tags: ['疑似电源'],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await agent.request('POST', `/api/v1/tickets/${created.id}/messages`, {
      kind: 'internal_note',
      body: '内部：疑似驱动电源损坏',
    });
    const v2 = (await support.session.request('GET', `/api/v1/tickets/${created.id}`)).json().version;
    const started = await support.session.request('PATCH', `/api/v1/tickets/${created.id}`, {
      version: v2,
      status: 'in_progress',
    });
    expect(started.statusCode, started.body).toBe(200);
    await support.session.request('POST', `/api/v1/tickets/${created.id}/messages`, {
      kind: 'public_reply',
      body: '已安排工程师到场',
    });
    const milestone = await support.session.request('POST', `/api/v1/tickets/${created.id}/milestones`, {
      event: 'dispatched',
    });
    expect(milestone.statusCode, milestone.body).toBeLessThan(300);

    // Staff see every step.
    const staffTimeline = (await agent.request('GET', `/api/v1/tickets/${created.id}/timeline`)).json();
    const staffEvents = staffTimeline.map((e: { event: string }) => e.event);
    expect(staffEvents).toContain('handed_over');
    expect(
      staffTimeline
        .filter((e: { event: string }) => e.event === 'status')
        .map((e: { status: string }) => e.status),
    ).toEqual(['new', 'assigned', 'in_progress']);
    const staffDetail = (await agent.request('GET', `/api/v1/tickets/${created.id}`)).json();
    expect(staffDetail.sla.map((s: { metric: string }) => s.metric)).toContain('handed_over');
    expect(staffDetail.messages.map((m: { kind: string }) => m.kind)).toContain('internal_note');

    // The customer sees what was promised and done for it, not how the department works.
    const timeline = await session.request('GET', `/api/v1/tickets/${created.id}/timeline`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    const events = timeline.json().map((e: { event: string }) => e.event);
    expect(events).toEqual(['created', 'first_public_reply', 'dispatched']);
    expect(timeline.body).not.toContain('handed_over');
    expect(timeline.body).not.toContain('assigned');

    const detailRes = await session.request('GET', `/api/v1/tickets/${created.id}`);
    expect(detailRes.statusCode).toBe(200);
    const detail = detailRes.json();
    expect(detail.sla.map((s: { metric: string }) => s.metric)).not.toContain('handed_over');
    expect(detail.sla.map((s: { metric: string }) => s.metric)).toContain('first_response');
    expect(detail.messages.map((m: { body: string }) => m.body)).toEqual(['已安排工程师到场']);
    expect(detail.tags).toEqual([]);
    expect(detail.watcherIds).toEqual([]);
    expect(detailRes.body).not.toContain('疑似');

    // A message the customer writes answers with the same redacted view.
    const answered = await session.request('POST', `/api/v1/tickets/${created.id}/messages`, {
      kind: 'customer_message',
      body: '好的，谢谢',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.body).not.toContain('internal_note');
    expect(answered.json().sla.map((s: { metric: string }) => s.metric)).not.toContain('handed_over');
  });

  it("answers 404 for another customer's ticket timeline", async () => {
    const a = await portalCustomer();
    const b = await portalCustomer();
    const created = (
      await a.session.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        subject: 'x',
        description: 'x',
      })
    ).json();
    expect((await b.session.request('GET', `/api/v1/tickets/${created.id}/timeline`)).statusCode).toBe(404);
  });
});
