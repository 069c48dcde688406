// Least privilege for field engineers: they read only the tickets assigned to them or behind their own
// work orders (lists, search, detail, conversation, attachments, live updates); any other ticket is a 404,
// as if it did not exist. The service desk and the other staff roles still read every ticket.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from './helpers.ts';
import { uploadFile } from './uploads.ts';

let t: TestApp;
let agent: Session;
let engineer: Session;
let otherEngineer: Session;
const tickets: Record<'assigned' | 'workOrder' | 'foreign', { id: string; number: string }> = {} as never;

async function newTicket(subject: string) {
  const res = await agent.request('POST', '/api/v1/tickets', {
    kind: 'fault_report',
    customerId: (await buildCustomer(t.db)).id,
    subject,
    description: 'fault on site',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  agent = (await loginAs(t, { role: 'agent' })).session;
  engineer = (await loginAs(t, { role: 'field_engineer' })).session;
  otherEngineer = (await loginAs(t, { role: 'field_engineer' })).session;
  const assigned = await newTicket('engineer-reads assigned');
  const patched = await agent.request('PATCH', `/api/v1/tickets/${assigned.id}`, {
    version: assigned.version,
    assigneeId: engineer.me.id,
  });
  expect(patched.statusCode, patched.body).toBe(200);
  const withWork = await newTicket('engineer-reads work order');
  const wo = await agent.request('POST', `/api/v1/tickets/${withWork.id}/work-orders`, {
    kind: 'repair',
    engineerId: engineer.me.id,
  });
  expect(wo.statusCode, wo.body).toBe(201);
  const foreign = await newTicket('engineer-reads foreign');
  const otherWo = await agent.request('POST', `/api/v1/tickets/${foreign.id}/work-orders`, {
    kind: 'repair',
    engineerId: otherEngineer.me.id,
  });
  expect(otherWo.statusCode, otherWo.body).toBe(201);
  Object.assign(tickets, { assigned, workOrder: withWork, foreign });
});
afterAll(() => t.close());

describe('a field engineer reads only his own work', () => {
  it('lists and searches only the tickets assigned to him or behind his work orders', async () => {
    const all = await engineer.request('GET', '/api/v1/tickets?queue=all&limit=100');
    expect(all.statusCode, all.body).toBe(200);
    const ids = all.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([tickets.assigned.id, tickets.workOrder.id]));
    expect(ids).not.toContain(tickets.foreign.id);
    const search = await engineer.request('GET', '/api/v1/tickets?queue=all&q=engineer-reads&limit=100');
    expect(
      search
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([tickets.assigned.id, tickets.workOrder.id].sort());
    const byNumber = await engineer.request(
      'GET',
      `/api/v1/tickets?queue=all&q=${encodeURIComponent(tickets.foreign.number)}`,
    );
    expect(byNumber.json().items).toEqual([]);
  });

  it('gets 404 for any other ticket: detail and conversation', async () => {
    for (const own of [tickets.assigned, tickets.workOrder]) {
      expect((await engineer.request('GET', `/api/v1/tickets/${own.id}`)).statusCode).toBe(200);
    }
    const id = tickets.foreign.id;
    expect((await engineer.request('GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    const message = await engineer.request('POST', `/api/v1/tickets/${id}/messages`, {
      kind: 'internal_note',
      body: 'not mine',
    });
    expect(message.statusCode).toBe(404);
    // the engineer of that work order does see it
    expect((await otherEngineer.request('GET', `/api/v1/tickets/${id}`)).statusCode).toBe(200);
  });

  it("cannot download the attachments of another's ticket; those of his own he can", async () => {
    const attach = async (ticketId: string) => {
      const ticket = (await agent.request('GET', `/api/v1/tickets/${ticketId}`)).json();
      const file = (
        await uploadFile(t, agent, 'photo.txt', Buffer.from('site photo'), { customerId: ticket.customerId })
      ).json();
      const res = await agent.request('POST', `/api/v1/tickets/${ticketId}/messages`, {
        kind: 'public_reply',
        body: 'photo attached',
        attachmentIds: [file.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      return file.id as string;
    };
    const foreignFile = await attach(tickets.foreign.id);
    const ownFile = await attach(tickets.workOrder.id);
    expect((await engineer.request('GET', `/api/v1/files/${foreignFile}`)).statusCode).toBe(404);
    expect((await engineer.request('GET', `/api/v1/files/${foreignFile}/content`)).statusCode).toBe(404);
    expect((await engineer.request('GET', `/api/v1/files/${ownFile}`)).statusCode).toBe(200);
    expect((await agent.request('GET', `/api/v1/files/${foreignFile}`)).statusCode).toBe(200);
  });

  it('leaves the service desk and other staff roles reading every ticket', async () => {
    for (const role of ['agent', 'support_engineer', 'manager', 'storekeeper', 'trainer'] as const) {
      const session = role === 'agent' ? agent : (await loginAs(t, { role })).session;
      const res = await session.request('GET', `/api/v1/tickets/${tickets.foreign.id}`);
      expect(res.statusCode, role).toBe(200);
    }
  });

  it('hears live only of the tickets assigned to him', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/live`, {
      headers: { cookie: engineer.cookie },
      signal: controller.signal,
    });
    let text = '';
    const reader = res.body!.getReader();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    for (const ticket of [tickets.foreign, tickets.assigned]) {
      const reply = await agent.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
        kind: 'internal_note',
        body: 'live',
      });
      expect(reply.statusCode, reply.body).toBe(201);
    }
    await expect.poll(() => text, { timeout: 10_000 }).toContain(tickets.assigned.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(text).not.toContain(tickets.foreign.id);
    controller.abort();
    await reading;
  });
});
