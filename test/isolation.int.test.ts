// No one binds or sees what is not theirs: every id a request carries is checked against the
// caller's scope and the record it is bound to, and customer A aimed at customer B's records over
// every route of the API gets nothing but a 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from './helpers.ts';
import { fillRoute } from './route-sweep.ts';
import { uploadFile } from './uploads.ts';

let t: TestApp;
let agent: Session;
let portalA: Session;
let portalB: Session;
const b: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  agent = (await loginAs(t, { role: 'manager' })).session;
  const customerA = await buildCustomer(t.db);
  const customerB = await buildCustomer(t.db);
  portalA = (await loginAs(t, { customerId: customerA.id })).session;
  portalB = (await loginAs(t, { customerId: customerB.id })).session;
  b.customer = customerB.id;
  b.contact = (
    await agent.request('POST', '/api/v1/contacts', { customerId: customerB.id, name: '乙方联系人' })
  ).json().id;
  b.project = (
    await agent.request('POST', '/api/v1/projects', {
      customerId: customerB.id,
      code: 'B-P1',
      name: '乙方项目',
    })
  ).json().id;
  b.file = (await uploadFile(t, portalB, 'b.txt', Buffer.from('customer B only'))).json().id;
  b.ticket = (
    await portalB.request('POST', '/api/v1/tickets', { kind: 'consultation', subject: 'B', description: 'B' })
  ).json().id;
  b.complaint = (
    await portalB.request('POST', '/api/v1/complaints', { complainantName: '乙', matter: '乙方投诉' })
  ).json().id;
  b.suggestion = (
    await portalB.request('POST', '/api/v1/suggestions', { title: '乙方建议', description: '乙方建议' })
  ).json().id;
  for (const [k, v] of Object.entries(b)) expect(v, k).toMatch(/^[0-9a-f-]{36}$/);
});
afterAll(() => t.close());

describe("ids of another customer's records are refused where they would be bound", () => {
  it("a customer cannot name another customer's contact on its ticket (422, nothing created)", async () => {
    const res = await portalA.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      subject: 'x',
      description: 'x',
      contactId: b.contact,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('contactId');
  });

  it("staff entering a phone ticket cannot name another customer's contact", async () => {
    const customerA = portalA.me.customerId!;
    const res = await agent.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      customerId: customerA,
      subject: 'x',
      description: 'x',
      contactId: b.contact,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('contactId');
  });

  it("a customer cannot attach another customer's file to a ticket or a message", async () => {
    const ticket = await portalA.request('POST', '/api/v1/tickets', {
      kind: 'consultation',
      subject: 'x',
      description: 'x',
      attachmentIds: [b.file],
    });
    expect(ticket.statusCode).toBe(422);
    expect(ticket.json().errors[0].field).toBe('attachmentIds');
    const own = await portalA.request('POST', '/api/v1/tickets', {
      kind: 'consultation',
      subject: 'y',
      description: 'y',
    });
    const message = await portalA.request('POST', `/api/v1/tickets/${own.json().id}/messages`, {
      kind: 'customer_message',
      body: 'see attached',
      attachmentIds: [b.file],
    });
    expect(message.statusCode).toBe(422);
    expect(message.json().errors[0].field).toBe('attachmentIds');
  });

  it("a contact's portal user must be a user of the contact's customer (422 naming userId)", async () => {
    const customerA = portalA.me.customerId!;
    const create = (userId: string) =>
      agent.request('POST', '/api/v1/contacts', { customerId: customerA, name: '甲方联系人', userId });
    for (const userId of [portalB.me.id, agent.me.id]) {
      const res = await create(userId);
      expect(res.statusCode, userId).toBe(422);
      expect(res.json().errors[0].field).toBe('userId');
    }
    const own = await create(portalA.me.id);
    expect(own.statusCode).toBe(201);
    const moved = await agent.request('PATCH', `/api/v1/contacts/${own.json().id}`, {
      version: own.json().version,
      userId: portalB.me.id,
    });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().errors[0].field).toBe('userId');
    const cleared = await agent.request('PATCH', `/api/v1/contacts/${own.json().id}`, {
      version: own.json().version,
      userId: null,
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().userId).toBeNull();
  });

  it('its own contact and file are accepted', async () => {
    const file = (await uploadFile(t, portalA, 'a.txt', Buffer.from('mine'))).json();
    const res = await portalA.request('POST', '/api/v1/tickets', {
      kind: 'consultation',
      subject: 'mine',
      description: 'mine',
      attachmentIds: [file.id],
    });
    expect(res.statusCode).toBe(201);
  });
});

describe("customer A aimed at customer B's records over every route", () => {
  it('never gets a 2xx, whatever route and whichever of B’s ids it carries', async () => {
    const leaks: string[] = [];
    const routes = t.app.apiRoutes.filter((r) => r.url.includes(':') && !r.url.endsWith('/live'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      for (const [kind, id] of Object.entries(b)) {
        const url = fillRoute(route, id);
        if (!url.includes(id)) continue; // no id in this route (e.g. /exports/:entity)
        const res = await portalA.request(
          route.method as 'GET',
          url,
          ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined,
        );
        if (res.statusCode < 400)
          leaks.push(`${route.method} ${route.url} with B's ${kind} → ${res.statusCode}`);
        if (res.statusCode >= 500)
          leaks.push(`${route.method} ${route.url} with B's ${kind} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
