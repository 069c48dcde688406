// The organisation's default channels per kind: an administrator sets them (audited, versioned), users
// who have not chosen get them, users who have chosen keep their choice; every kind of message the
// product sends to staff is listed and choosable.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../../../common/notifications-api.ts';
import {
  buildCustomer,
  createTestApp,
  login,
  loginAs,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';

let t: TestApp;
let admin: Session;
let agent: Session;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
  agent = (await loginAs(t, { role: 'agent' })).session;
  customerId = (await buildCustomer(t.db)).id;
});
afterAll(() => t.close());

let seq = 0;
async function staff(role: string) {
  const username = `${role.replace(/_/g, '-')}-d${++seq}`;
  const r = await admin.request('POST', '/api/v1/users', {
    kind: 'staff',
    username,
    displayName: username,
    email: `${username}@aftercare.test`,
    phone: `1390000${String(seq).padStart(4, '0')}`,
    roles: [role],
    locale: 'zh-CN',
    password: 'defaults-password-1',
  });
  expect(r.statusCode, r.body).toBe(201);
  return { id: r.json().id as string, session: await login(t, username, 'defaults-password-1') };
}

/** The channels the outbox holds for a kind of message to a user about a ticket. */
async function channelsSent(template: string, ticketId: string, user: { id: string }) {
  const rows = await t.db.execute(
    sql`select channel from outbox where template = ${template} and payload->>'ticketId' = ${ticketId}
          and dedupe_key like ${`%:${user.id}:%`} order by channel`,
  );
  return rows.rows.map((r) => (r as { channel: string }).channel);
}

async function assignTicket(to: string) {
  const tk = await agent.request('POST', '/api/v1/tickets', {
    kind: 'fault_report',
    customerId,
    subject: '路灯不亮',
    description: '3 号路灯不亮',
  });
  expect(tk.statusCode, tk.body).toBe(201);
  const r = await agent.request('PATCH', `/api/v1/tickets/${tk.json().id}`, {
    version: tk.json().version,
    assigneeId: to,
  });
  expect(r.statusCode, r.body).toBe(200);
  return tk.json().id as string;
}

describe('notification defaults', () => {
  it('lists every kind the product sends to staff, for users and for the administrator', async () => {
    const mine = (await agent.request('GET', '/api/v1/notifications/preferences')).json();
    expect(mine.items.map((i: { kind: string }) => i.kind)).toEqual([...NOTIFICATION_KINDS]);
    for (const kind of [
      'tickets.assigned',
      'tickets.customer-message',
      'tickets.new-message',
      'tickets.status-changed',
      'field.assigned',
      'field.replace-required',
      'registry.warranty-expiring',
    ])
      expect(NOTIFICATION_KINDS).toContain(kind);
    const org = await admin.request('GET', '/api/v1/notifications/defaults');
    expect(org.statusCode, org.body).toBe(200);
    expect(org.json().items.map((i: { kind: string }) => i.kind)).toEqual([...NOTIFICATION_KINDS]);
  });

  it('only an administrator reads or sets them; a bad channel names the field; a stale version is a 409', async () => {
    expect((await agent.request('GET', '/api/v1/notifications/defaults')).statusCode).toBe(403);
    const denied = await agent.request('PUT', '/api/v1/notifications/defaults', {
      version: 0,
      items: [{ kind: 'tickets.assigned', channels: ['email'] }],
    });
    expect(denied.statusCode).toBe(403);
    const bad = await admin.request('PUT', '/api/v1/notifications/defaults', {
      version: 0,
      items: [{ kind: 'tickets.assigned', channels: ['fax'] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('channels');
    const current = (await admin.request('GET', '/api/v1/notifications/defaults')).json();
    const stale = await admin.request('PUT', '/api/v1/notifications/defaults', {
      version: current.version + 5,
      items: [{ kind: 'tickets.assigned', channels: ['email'] }],
    });
    expect(stale.statusCode).toBe(409);
  });

  it('an administrator’s default reaches users who have not chosen, audited; a user’s own choice wins', async () => {
    const plain = await staff('agent');
    const picky = await staff('agent');
    // The picky one wants assignments by SMS only.
    const own = await picky.session.request('PUT', '/api/v1/notifications/preferences', {
      version: 0,
      items: [{ kind: 'tickets.assigned', channels: ['sms'] }],
    });
    expect(own.statusCode, own.body).toBe(200);

    // Before: the product's default (in the app only).
    expect(await channelsSent('tickets.assigned', await assignTicket(plain.id), plain)).toEqual(['in_app']);

    const current = (await admin.request('GET', '/api/v1/notifications/defaults')).json();
    const put = await admin.request('PUT', '/api/v1/notifications/defaults', {
      version: current.version,
      items: [{ kind: 'tickets.assigned', channels: ['email', 'in_app'] }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const assigned = put.json().items.find((i: { kind: string }) => i.kind === 'tickets.assigned');
    expect(assigned).toEqual({
      kind: 'tickets.assigned',
      channels: ['in_app', 'email'],
      productChannels: ['in_app'],
      customised: true,
    });
    const audit = await t.db.execute(
      sql`select after->'tickets.assigned' as after, before->'tickets.assigned' as before from audit_log
           where action = 'notification-defaults.update' order by id desc limit 1`,
    );
    expect(audit.rows[0]).toEqual({ after: ['in_app', 'email'], before: ['in_app'] });

    // The user who has not chosen sees the new default and gets it; the one who chose keeps SMS.
    const view = (await plain.session.request('GET', '/api/v1/notifications/preferences')).json();
    expect(view.items.find((i: { kind: string }) => i.kind === 'tickets.assigned')).toMatchObject({
      channels: ['in_app', 'email'],
      defaultChannels: ['in_app', 'email'],
      customised: false,
    });
    expect(await channelsSent('tickets.assigned', await assignTicket(plain.id), plain)).toEqual([
      'email',
      'in_app',
    ]);
    expect(await channelsSent('tickets.assigned', await assignTicket(picky.id), picky)).toEqual(['sms']);

    // Back to the product's default.
    const reset = await admin.request('PUT', '/api/v1/notifications/defaults', {
      version: put.json().version,
      items: [{ kind: 'tickets.assigned', channels: null }],
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().items.find((i: { kind: string }) => i.kind === 'tickets.assigned')).toMatchObject({
      channels: ['in_app'],
      customised: false,
    });
    expect(await channelsSent('tickets.assigned', await assignTicket(plain.id), plain)).toEqual(['in_app']);
  });

  it('a watcher who turned a kind off is not told of it', async () => {
    const watcher = await staff('agent');
    const off = await watcher.session.request('PUT', '/api/v1/notifications/preferences', {
      version: 0,
      items: [{ kind: 'tickets.status-changed', channels: [] }],
    });
    expect(off.statusCode, off.body).toBe(200);
    const tk = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'fault_report',
        customerId,
        subject: '灯杆倾斜',
        description: 'x',
      })
    ).json();
    const watched = await watcher.session.request('POST', `/api/v1/tickets/${tk.id}/watch`, { watch: true });
    expect(watched.statusCode, watched.body).toBe(200);
    const moved = await agent.request('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: watched.json().version,
      status: 'in_progress',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const note = await agent.request('POST', `/api/v1/tickets/${tk.id}/messages`, {
      kind: 'public_reply',
      body: '已安排工程师',
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(await channelsSent('tickets.status-changed', tk.id, watcher)).toEqual([]);
    expect(await channelsSent('tickets.new-message', tk.id, watcher)).toEqual(['in_app']);
  });
});
