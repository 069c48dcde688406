// The ticket page's server side: canned replies, the side panel's names, the caller (contact) and a
// change log that names people and records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let agent: Session;
let manager: Session;

beforeAll(async () => {
  t = await createTestApp();
  agent = (await loginAs(t, { role: 'agent' })).session;
  manager = (await loginAs(t, { role: 'manager' })).session;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function ticketWithEquipment() {
  const customer = await buildCustomer(t.db, {});
  const contact = (
    await agent.request('POST', '/api/v1/contacts', {
      customerId: customer.id,
      name: '王工',
      phone: '13900001111',
    })
  ).json();
  const project = (
    await agent.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: '滨江路灯工程',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '智能路灯杆',
      category: 'lighting',
      sizeClass: 'medium',
    })
  ).json();
  const asset = (
    await agent.request('POST', '/api/v1/assets', {
      projectId: project.id,
      productId: product.id,
      serial: `S-${uid()}`,
      location: '3号路口',
    })
  ).json();
  const res = await agent.request('POST', '/api/v1/tickets', {
    kind: 'fault_report',
    customerId: customer.id,
    contactId: contact.id,
    assetIds: [asset.id],
    subject: '路灯不亮',
    description: '夜间不亮',
  });
  expect(res.statusCode, res.body).toBe(201);
  return { customer, contact, project, asset, ticket: res.json() };
}

describe('canned replies', () => {
  it('a manager adds, changes and removes one; every member of staff reads them; each change is audited', async () => {
    const title = `致歉 ${uid()}`;
    const created = await manager.request('POST', '/api/v1/canned-replies', {
      title,
      body: '{{contact.name}}您好，工单 {{ticket.number}} 已受理。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const reply = created.json();
    const list = (await agent.request('GET', '/api/v1/canned-replies')).json();
    expect(list.find((r: { id: string }) => r.id === reply.id)).toMatchObject({ title });
    const changed = await manager.request('PATCH', `/api/v1/canned-replies/${reply.id}`, {
      version: reply.version,
      body: '{{customer.name}}：已受理，{{agent.name}}',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ body: '{{customer.name}}：已受理，{{agent.name}}', version: 2 });
    const stale = await manager.request('PATCH', `/api/v1/canned-replies/${reply.id}`, {
      version: reply.version,
      title: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect((await manager.request('DELETE', `/api/v1/canned-replies/${reply.id}`)).statusCode).toBe(204);
    expect((await manager.request('DELETE', `/api/v1/canned-replies/${reply.id}`)).statusCode).toBe(404);
    const audit = (
      await manager.request('GET', `/api/v1/audit?entityType=canned_reply&entityId=${reply.id}`)
    ).json();
    const actions = (audit.items ?? audit).map((a: { action: string }) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['canned_reply.create', 'canned_reply.update', 'canned_reply.delete']),
    );
  });

  it('an agent may not change them (403), a customer may not read them (403)', async () => {
    const res = await agent.request('POST', '/api/v1/canned-replies', { title: 'x', body: 'y' });
    expect(res.statusCode).toBe(403);
    const { session } = await loginAs(t, { customerId: (await buildCustomer(t.db, {})).id });
    expect((await session.request('GET', '/api/v1/canned-replies')).statusCode).toBe(403);
  });

  it('refuses an empty title (400) and an unknown variable (422), naming the field', async () => {
    const empty = await manager.request('POST', '/api/v1/canned-replies', { title: ' ', body: 'y' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json().errors)).toContain('title');
    const unknown = await manager.request('POST', '/api/v1/canned-replies', {
      title: `t ${uid()}`,
      body: '{{customer.nmae}}您好',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'body' })]);
    expect(unknown.json().errors[0].message).toContain('customer.nmae');
  });
});

describe('the ticket page', () => {
  it('the side panel names the customer, caller, project and equipment, and the other open tickets', async () => {
    const { customer, contact, project, asset, ticket } = await ticketWithEquipment();
    const other = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: customer.id,
        subject: '保养咨询',
        description: '下次保养何时',
      })
    ).json();
    const res = await agent.request('GET', `/api/v1/tickets/${ticket.id}/context`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      customer: { id: customer.id, name: customer.name },
      contact: { id: contact.id, name: '王工', phone: '13900001111' },
      project: { id: project.id, name: '滨江路灯工程' },
      equipment: [{ id: asset.id, name: '智能路灯杆', serial: asset.serial, location: '3号路口' }],
      otherOpen: [{ id: other.id, number: other.number, subject: '保养咨询' }],
    });
    // The customer reads it for its own ticket; another customer's ticket is not found.
    const { session } = await loginAs(t, { customerId: customer.id });
    expect((await session.request('GET', `/api/v1/tickets/${ticket.id}/context`)).json().project.name).toBe(
      '滨江路灯工程',
    );
    const stranger = (await loginAs(t, { customerId: (await buildCustomer(t.db, {})).id })).session;
    expect((await stranger.request('GET', `/api/v1/tickets/${ticket.id}/context`)).statusCode).toBe(404);
  });

  it("changes the caller to another of the customer's contacts, and refuses another customer's (422)", async () => {
    const { customer, ticket } = await ticketWithEquipment();
    const second = (
      await agent.request('POST', '/api/v1/contacts', {
        customerId: customer.id,
        name: '李经理',
        phone: '13800002222',
      })
    ).json();
    const foreign = await ticketWithEquipment();
    const refused = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      contactId: foreign.contact.id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'contactId' })]);
    const changed = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      contactId: second.id,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().contactId).toBe(second.id);
    const context = (await agent.request('GET', `/api/v1/tickets/${ticket.id}/context`)).json();
    expect(context.contact).toMatchObject({ name: '李经理', phone: '13800002222' });
  });

  it('the change log names people and records, never their ids', async () => {
    const { customer, ticket } = await ticketWithEquipment();
    const second = (
      await agent.request('POST', '/api/v1/contacts', { customerId: customer.id, name: '赵主任' })
    ).json();
    // The log names the agent as colleagues know him, not by his login.
    const renamed = await agent.request('PATCH', '/api/v1/me', { displayName: '李客服' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const take = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      assigneeId: agent.me.id,
      contactId: second.id,
    });
    expect(take.statusCode, take.body).toBe(200);
    const milestone = await agent.request('POST', `/api/v1/tickets/${ticket.id}/milestones`, {
      event: 'diagnosed',
    });
    expect(milestone.statusCode, milestone.body).toBe(200);
    const history = (await agent.request('GET', `/api/v1/tickets/${ticket.id}/history`)).json();
    const changes = history.flatMap((e: { changes: unknown[] }) => e.changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'assigneeId', from: null, to: '李客服' },
        { field: 'contactId', from: '王工', to: '赵主任' },
        { field: 'event', from: null, to: 'diagnosed' },
      ]),
    );
    expect(history.at(-1).actor).toBe('李客服');
    expect(JSON.stringify(history)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
