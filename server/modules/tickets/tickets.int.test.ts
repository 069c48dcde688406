import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildUser,
  createTestApp,
  loginAs,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';

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

async function customerWithAsset(email: string | null = null) {
  const c = await buildCustomer(t.db, { contactEmail: email });
  const project = (
    await agent.request('POST', '/api/v1/projects', {
      customerId: c.id,
      code: `P-${uid()}`,
      name: '路灯工程',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '路灯杆',
      category: 'lighting',
      sizeClass: 'medium',
    })
  ).json();
  const asset = (
    await agent.request('POST', '/api/v1/assets', {
      projectId: project.id,
      productId: product.id,
      serial: `S-${uid()}`,
    })
  ).json();
  const { session } = await loginAs(t, { customerId: c.id });
  return { customer: c, project, asset, session };
}

describe('tickets', () => {
  it('a customer reports a fault on its equipment from the portal: numbered, routed, archived', async () => {
    const { asset, session } = await customerWithAsset();
    const res = await session.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      assetIds: [asset.id],
      subject: '路灯不亮',
      description: '1号路口路灯夜间不亮',
      channel: 'phone',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json();
    expect(ticket.number).toMatch(/^BX-\d{4}-\d{6}$/);
    expect(ticket.channel).toBe('portal');
    expect(ticket.team).toBe('support_engineer');
    expect(ticket.projectId).toBe(asset.projectId);
    const archive = (await session.request('GET', `/api/v1/assets/${asset.id}/archive`)).json();
    expect(archive.items[0]).toMatchObject({ kind: 'tickets.fault_report', refId: ticket.id });
  });

  it("refuses another customer's equipment, naming the field", async () => {
    const a = await customerWithAsset();
    const b = await customerWithAsset();
    const res = await a.session.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      assetIds: [b.asset.id],
      subject: 'x',
      description: 'x',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('assetIds');
  });

  it('numbers concurrent tickets without gaps or duplicates', async () => {
    const { customer } = await customerWithAsset();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        agent.request('POST', '/api/v1/tickets', {
          kind: 'complaint',
          customerId: customer.id,
          subject: `投诉 ${i}`,
          description: 'x',
        }),
      ),
    );
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(12);
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((x, y) => x - y);
    expect(seqs.at(-1)! - seqs[0]!).toBe(11);
  });

  it('routes through queues: unassigned, then the assignee’s, who is notified', async () => {
    const { customer } = await customerWithAsset();
    const engineer = await buildUser(t.db, { role: 'support_engineer' });
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: customer.id,
        subject: '如何设置定时开关灯',
        description: '?',
      })
    ).json();
    const unassigned = (await agent.request('GET', '/api/v1/tickets?queue=unassigned&limit=200')).json();
    expect(unassigned.items.map((x: { id: string }) => x.id)).toContain(ticket.id);
    const assigned = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      assigneeId: engineer.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', assigneeName: engineer.displayName });
    const outbox = await t.pool.query(
      `select recipient from outbox where template = 'tickets.assigned' and payload->>'ticketId' = $1`,
      [ticket.id],
    );
    expect(outbox.rows.map((r) => r.recipient)).toEqual([engineer.id]);
    const { session: eng } = await loginAs(t, { role: 'support_engineer' });
    expect(
      (await eng.request('GET', '/api/v1/tickets?queue=team&limit=200'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toContain(ticket.id);
  });

  it('keeps internal notes from the customer, emails public replies, and reopens on the customer’s answer', async () => {
    const { asset, session } = await customerWithAsset('owner@example.test');
    const ticket = (
      await session.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        assetIds: [asset.id],
        subject: '控制器报警',
        description: 'E03',
      })
    ).json();
    await agent.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'internal_note',
      body: '疑似驱动电源故障，内部备注',
    });
    await agent.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'public_reply',
      body: '请提供报警照片',
    });
    const staffView = (await agent.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(staffView.messages.map((m: { kind: string }) => m.kind)).toEqual([
      'internal_note',
      'public_reply',
    ]);
    const customerView = (await session.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(customerView.messages.map((m: { kind: string }) => m.kind)).toEqual(['public_reply']);
    expect(JSON.stringify(customerView)).not.toContain('内部备注');
    const mails = await t.pool.query(
      `select recipient, payload from outbox where template = 'tickets.public-reply' and payload->>'ticketId' = $1`,
      [ticket.id],
    );
    expect(mails.rows).toHaveLength(1);
    expect(mails.rows[0].recipient).toBe('owner@example.test');
    expect(JSON.stringify(mails.rows)).not.toContain('内部备注');

    const waiting = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: staffView.version,
      status: 'waiting_customer',
    });
    expect(waiting.json().status).toBe('waiting_customer');
    const answered = await session.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'internal_note',
      body: '照片已上传',
    });
    expect(answered.statusCode).toBe(201);
    expect(answered.json().status).toBe('in_progress');
    expect(answered.json().messages.at(-1).kind).toBe('customer_message');
  });

  it('refuses an impossible status change and a stale version', async () => {
    const { customer } = await customerWithAsset();
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'other',
        customerId: customer.id,
        subject: 's',
        description: 'd',
      })
    ).json();
    const closed = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      status: 'closed',
    });
    expect(closed.statusCode).toBe(200);
    const bad = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: closed.json().version,
      status: 'resolved',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('status');
    const stale = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      priority: 'high',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('a customer sees only its own tickets and cannot manage them', async () => {
    const a = await customerWithAsset();
    const b = await customerWithAsset();
    const ta = (
      await a.session.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        subject: 'A',
        description: 'a',
      })
    ).json();
    const tb = (
      await b.session.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        subject: 'B',
        description: 'b',
      })
    ).json();
    expect((await a.session.request('GET', `/api/v1/tickets/${tb.id}`)).statusCode).toBe(404);
    expect(
      (
        await a.session.request('POST', `/api/v1/tickets/${tb.id}/messages`, {
          kind: 'customer_message',
          body: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const list = (await a.session.request('GET', '/api/v1/tickets?limit=200')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([ta.id]);
    expect(
      (
        await a.session.request('PATCH', `/api/v1/tickets/${ta.id}`, {
          version: ta.version,
          priority: 'urgent',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('phone quick entry', () => {
  it('finds the caller by the digits of a phone number, ignoring formatting', async () => {
    const c = await buildCustomer(t.db, { contactPhone: '0571-8765 4321' });
    await agent.request('POST', '/api/v1/contacts', {
      customerId: c.id,
      name: '林工',
      phone: '139-0000-1111',
    });
    const byCustomer = (await agent.request('GET', '/api/v1/lookup/phone?phone=87654321')).json();
    expect(byCustomer.map((r: { customerId: string }) => r.customerId)).toContain(c.id);
    const byContact = (
      await agent.request('GET', `/api/v1/lookup/phone?phone=${encodeURIComponent('139 0000 1111')}`)
    ).json();
    expect(byContact[0]).toMatchObject({ customerId: c.id, contactName: '林工' });
    expect((await agent.request('GET', '/api/v1/lookup/phone?phone=13')).json()).toEqual([]);
    const { session } = await loginAs(t, { customerId: c.id });
    expect((await session.request('GET', '/api/v1/lookup/phone?phone=87654321')).statusCode).toBe(403);
  });
});

describe('bulk assignment', () => {
  it('assigns several tickets at once and reports each one', async () => {
    const { customer } = await customerWithAsset();
    const engineer = await buildUser(t.db, { role: 'field_engineer' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (
          await agent.request('POST', '/api/v1/tickets', {
            kind: 'fault_report',
            customerId: customer.id,
            subject: `故障 ${i}`,
            description: 'x',
          })
        ).json().id,
      );
    }
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await agent.request('POST', '/api/v1/tickets/bulk-assign', {
      ticketIds: [...ids, missing],
      assigneeId: engineer.id,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().assigned).toBe(3);
    expect(res.json().results.at(-1)).toMatchObject({ id: missing, ok: false });
    for (const id of ids)
      expect((await agent.request('GET', `/api/v1/tickets/${id}`)).json().assigneeId).toBe(engineer.id);
  });
});

describe('routing rules', () => {
  it('routes a new ticket by the first matching rule (kind, product category, region) and otherwise by kind', async () => {
    const { session: admin } = await loginAs(t, { role: 'admin' });
    const engineer = await buildUser(t.db, { role: 'field_engineer' });
    const c = await buildCustomer(t.db);
    const project = (
      await agent.request('POST', '/api/v1/projects', {
        customerId: c.id,
        code: `R-${uid()}`,
        name: '川渝照明',
        region: `川渝-${uid()}`,
      })
    ).json();
    const product = (
      await manager.request('POST', '/api/v1/products', {
        model: `RM-${uid()}`,
        name: '高杆灯',
        category: `hm-${uid()}`,
        sizeClass: 'large',
      })
    ).json();
    const asset = (
      await agent.request('POST', '/api/v1/assets', {
        projectId: project.id,
        productId: product.id,
        serial: `RS-${uid()}`,
      })
    ).json();
    const made = await admin.request('POST', '/api/v1/routing-rules', {
      position: 1,
      kind: 'fault_report',
      faultCategory: null,
      productCategory: product.category,
      region: project.region,
      team: 'field_engineer',
      assigneeId: engineer.id,
      active: true,
    });
    expect(made.statusCode, made.body).toBe(201);
    const routed = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: c.id,
        assetIds: [asset.id],
        subject: '高杆灯不亮',
        description: 'x',
      })
    ).json();
    expect(routed).toMatchObject({ team: 'field_engineer', assigneeId: engineer.id, status: 'assigned' });
    const other = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: c.id,
        subject: '其他',
        description: 'x',
      })
    ).json();
    expect(other).toMatchObject({ team: 'support_engineer', assigneeId: null, status: 'new' });
    // only managers and admins edit the rules
    expect((await agent.request('GET', '/api/v1/routing-rules')).statusCode).toBe(403);
    const rule = made.json();
    expect(
      (
        await admin.request('PATCH', `/api/v1/routing-rules/${rule.id}`, {
          version: rule.version,
          active: false,
        })
      ).statusCode,
    ).toBe(200);
    expect((await admin.request('DELETE', `/api/v1/routing-rules/${rule.id}`)).statusCode).toBe(204);
  });
});

describe('links, merge and split', () => {
  it('merges a duplicate into the original, links related tickets and splits a request', async () => {
    const { customer } = await customerWithAsset();
    const other = await customerWithAsset();
    const make = async (subject: string, customerId = customer.id) =>
      (
        await agent.request('POST', '/api/v1/tickets', {
          kind: 'fault_report',
          customerId,
          subject,
          description: 'x',
        })
      ).json();
    const original = await make('路灯不亮');
    const dup = await make('路灯不亮（重复来电）');
    const merged = await agent.request('POST', `/api/v1/tickets/${dup.id}/merge`, {
      intoId: original.id,
      version: dup.version,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().links).toEqual([
      expect.objectContaining({ id: dup.id, kind: 'duplicate_of', direction: 'in' }),
    ]);
    expect((await agent.request('GET', `/api/v1/tickets/${dup.id}`)).json().status).toBe('closed');
    const foreign = await make('别家', other.customer.id);
    const refused = await agent.request('POST', `/api/v1/tickets/${foreign.id}/merge`, {
      intoId: original.id,
      version: foreign.version,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe('intoId');

    const related = await make('同一路段的另一盏灯');
    expect(
      (await agent.request('POST', `/api/v1/tickets/${original.id}/links`, { linkedId: related.id })).json()
        .links,
    ).toHaveLength(2);
    const split = await agent.request('POST', `/api/v1/tickets/${original.id}/split`, {
      subject: '顺带咨询保养周期',
      description: '客户顺便问保养',
      kind: 'consultation',
    });
    expect(split.statusCode).toBe(201);
    expect(split.json()).toMatchObject({ kind: 'consultation', customerId: customer.id });
    expect(split.json().links[0]).toMatchObject({ id: original.id, kind: 'split_from' });
    // a link to another customer's ticket is not shown to the customer
    await agent.request('POST', `/api/v1/tickets/${original.id}/links`, { linkedId: foreign.id });
    const { session: customerSession } = await loginAs(t, { customerId: customer.id });
    const seen = (await customerSession.request('GET', `/api/v1/tickets/${original.id}`)).json();
    expect(seen.links.map((l: { id: string }) => l.id)).not.toContain(foreign.id);
    expect(seen.links.map((l: { id: string }) => l.id)).toContain(related.id);
    expect(JSON.stringify(seen)).not.toContain('别家');
  });
});

describe('watchers and saved filters', () => {
  it('tells watchers of new messages and status changes, not the one who made them', async () => {
    const { customer, session: customerSession } = await customerWithAsset();
    const { user: watcher, session: watcherSession } = await loginAs(t, { role: 'manager' });
    const ticket = (
      await customerSession.request('POST', '/api/v1/tickets', {
        kind: 'complaint',
        subject: '服务态度',
        description: 'x',
      })
    ).json();
    const watched = await watcherSession.request('POST', `/api/v1/tickets/${ticket.id}/watch`, {
      watch: true,
    });
    expect(watched.json().watcherIds).toEqual([watcher.id]);
    await customerSession.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'customer_message',
      body: '还没人联系我',
    });
    const current = (await agent.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: current.version,
      status: 'in_progress',
    });
    await watcherSession.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: current.version + 1,
      status: 'resolved',
    });
    const notes = await t.pool.query(
      `select template from outbox where recipient = $1 and payload->>'ticketId' = $2 order by id`,
      [watcher.id, ticket.id],
    );
    expect(notes.rows.map((r) => r.template)).toEqual(['tickets.new-message', 'tickets.status-changed']);
    expect(customer.id).toBeTruthy();
  });

  it('keeps each user’s saved filters to themselves', async () => {
    const { session: mine } = await loginAs(t, { role: 'agent' });
    const { session: theirs } = await loginAs(t, { role: 'agent' });
    const saved = await mine.request('POST', '/api/v1/saved-filters', {
      name: '紧急报修',
      query: { queue: 'open', kind: 'fault_report' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await mine.request('POST', '/api/v1/saved-filters', {
      name: '紧急报修',
      query: { queue: 'unassigned', kind: 'fault_report' },
    });
    const list = (await mine.request('GET', '/api/v1/saved-filters')).json();
    expect(list).toEqual([
      { id: saved.json().id, name: '紧急报修', query: { queue: 'unassigned', kind: 'fault_report' } },
    ]);
    expect((await theirs.request('GET', '/api/v1/saved-filters')).json()).toEqual([]);
    expect((await theirs.request('DELETE', `/api/v1/saved-filters/${saved.json().id}`)).statusCode).toBe(404);
    expect(
      (await mine.request('POST', '/api/v1/saved-filters', { name: 'x', query: { evil: 'x' } })).statusCode,
    ).toBe(400);
  });
});

describe('ticket history', () => {
  it('shows every field change with who made it, to staff only', async () => {
    const { customer, session: customerSession } = await customerWithAsset();
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId: customer.id,
        subject: '历史',
        description: 'x',
      })
    ).json();
    const p1 = await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      priority: 'high',
      tags: ['夜间'],
    });
    await agent.request('PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: p1.json().version,
      status: 'in_progress',
    });
    const history = (await agent.request('GET', `/api/v1/tickets/${ticket.id}/history`)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'ticket.create',
      'ticket.update',
      'ticket.update',
    ]);
    expect(history[1].changes).toEqual([
      { field: 'priority', from: 'normal', to: 'high' },
      { field: 'tags', from: [], to: ['夜间'] },
    ]);
    expect(history[2].changes).toEqual([{ field: 'status', from: 'new', to: 'in_progress' }]);
    expect((await customerSession.request('GET', `/api/v1/tickets/${ticket.id}/history`)).statusCode).toBe(
      403,
    );
  });
});
