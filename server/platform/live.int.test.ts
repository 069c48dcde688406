// Live updates over Server-Sent Events, across the scope boundary: a customer hears only its own.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type TestApp } from '../../test/helpers.ts';
import { deliverInApp } from '../modules/notifications/index.ts';
import { systemClock } from './clock.ts';
import { deliverDueMessages, enqueueMessage } from './outbox.ts';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** Collects the events of a live stream until stopped. */
async function listen(cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/live`, { headers: { cookie }, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: { type: string; id: string }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, ...JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  return { events, stop: () => controller.abort() };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
};

describe('live updates', () => {
  it('tells staff and the ticket’s own customer that a ticket changed, and no one else', async () => {
    const a = await buildCustomer(t.db);
    const b = await buildCustomer(t.db);
    const { session: agent } = await loginAs(t, { role: 'agent' });
    const { session: userA } = await loginAs(t, { customerId: a.id });
    const { session: userB } = await loginAs(t, { customerId: b.id });
    const staffStream = await listen(agent.cookie);
    const aStream = await listen(userA.cookie);
    const bStream = await listen(userB.cookie);
    const ticket = (
      await userA.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        subject: '在线咨询',
        description: '你好',
      })
    ).json();
    await agent.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'internal_note',
      body: '内部',
    });
    await until(() => staffStream.events.length >= 2 && aStream.events.length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(staffStream.events.filter((e) => e.id === ticket.id)).toHaveLength(2);
    expect(aStream.events.filter((e) => e.id === ticket.id)).toHaveLength(2);
    expect(bStream.events).toEqual([]);
    // events carry ids only: nothing of the note travels on the stream
    expect(JSON.stringify(aStream.events)).not.toContain('内部');
    for (const s of [staffStream, aStream, bStream]) s.stop();
  });

  it("rings only the recipient's bell when an in-app notification is delivered", async () => {
    const { user: alice, session: aliceSession } = await loginAs(t, { role: 'support_engineer' });
    const { session: bob } = await loginAs(t, { role: 'support_engineer' });
    const aliceStream = await listen(aliceSession.cookie);
    const bobStream = await listen(bob.cookie);
    await new Promise((r) => setTimeout(r, 200));
    await enqueueMessage(
      t.db,
      {
        channel: 'in_app',
        recipient: alice.id,
        template: 'sla.warning',
        payload: { number: 'BX-2026-000001' },
        dedupeKey: `live-bell:${alice.id}`,
      },
      new Date(),
    );
    await deliverDueMessages(t.db, systemClock, { in_app: (m) => deliverInApp(t.db, m, new Date()) });
    await until(() => aliceStream.events.some((e) => e.type === 'notification'));
    await new Promise((r) => setTimeout(r, 300));
    expect(aliceStream.events.filter((e) => e.type === 'notification')).toHaveLength(1);
    expect(bobStream.events.filter((e) => e.type === 'notification')).toEqual([]);
    aliceStream.stop();
    bobStream.stop();
  });

  it('listens again when its database connection is lost, so streams keep hearing changes', async () => {
    const customer = await buildCustomer(t.db);
    const { session: agent } = await loginAs(t, { role: 'agent' });
    const stream = await listen(agent.cookie);
    await new Promise((r) => setTimeout(r, 200));
    const listening = () =>
      t.pool.query(
        `select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`,
      );
    const before = (await listening()).rows.map((r) => r.pid);
    expect(before).toHaveLength(1);
    await t.pool.query('select pg_terminate_backend($1)', [before[0]]);
    await new Promise((r) => setTimeout(r, 2500)); // the hub listens again after 1 s
    const after = (await listening()).rows.map((r) => r.pid);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    const ticket = (
      await agent.request('POST', '/api/v1/tickets', {
        kind: 'consultation',
        customerId: customer.id,
        subject: '重连后',
        description: '仍能收到',
      })
    ).json();
    await until(() => stream.events.some((e) => e.id === ticket.id));
    expect(stream.events.some((e) => e.id === ticket.id)).toBe(true);
    stream.stop();
  }, 30_000);

  it('refuses an anonymous stream', async () => {
    expect((await fetch(`${base}/api/v1/live`)).status).toBe(401);
  });
});
