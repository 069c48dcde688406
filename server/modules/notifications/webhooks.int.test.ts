import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { LocalBlobStore } from '../../platform/blob-store.ts';
import { ManualClock } from '../../platform/clock.ts';
import { deliverDueMessages } from '../../platform/outbox.ts';
import { startOutboxWorker } from '../../platform/platform-jobs.ts';
import { createSmsSender } from '../../platform/sms.ts';
import { deliverInApp } from './service.ts';
import { deliverWebhook, signWebhook } from './webhooks.ts';

const clock = new ManualClock(new Date('2026-11-24T02:00:00Z'));
let t: TestApp;
let admin: Session;
let server: http.Server;
let url: string;
let status = 200;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = (await loginAs(t, { role: 'admin' })).session;
  // A receiver on this machine plays the integration (and the SMS gateway).
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  server.close();
  await t.close();
});

const senders = {
  webhook: (m: Parameters<typeof deliverWebhook>[1]) => deliverWebhook(t.db, m, clock.now()),
};

describe('webhooks', () => {
  it('delivers subscribed events signed with the secret shown once, and retries a failing receiver', async () => {
    const made = await admin.request('POST', '/api/v1/webhooks', {
      name: 'CRM',
      url,
      events: ['ticket.created'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const { secret } = made.json();
    expect(secret).toMatch(/^whsec_/);
    expect((await admin.request('GET', '/api/v1/webhooks')).json()[0].secret).toBeUndefined();

    const customer = await buildCustomer(t.db);
    const agent = (await loginAs(t, { role: 'agent' })).session;
    const tk = await agent.request('POST', '/api/v1/tickets', {
      kind: 'consultation',
      customerId: customer.id,
      subject: '<b>问</b>',
      description: 'x',
    });
    expect(tk.statusCode).toBe(201);
    expect(await deliverDueMessages(t.db, clock, senders)).toEqual({ delivered: 1, failed: 0 });
    const got = received.at(-1)!;
    expect(got.headers['x-aftercare-event']).toBe('ticket.created');
    const expected = signWebhook(secret, String(got.headers['x-aftercare-timestamp']), got.body);
    expect(got.headers['x-aftercare-signature']).toBe(expected);
    expect(JSON.parse(got.body).data).toMatchObject({ ticketId: tk.json().id, number: tk.json().number });
    expect(JSON.parse(got.body).occurredAt).toBe(clock.now().toISOString());

    // The receiver fails: the message waits (backoff) and is not sent twice meanwhile.
    status = 503;
    const changedAt = clock.now().toISOString();
    await agent.request('POST', '/api/v1/tickets', {
      kind: 'consultation',
      customerId: customer.id,
      subject: 'again',
      description: 'x',
    });
    expect(await deliverDueMessages(t.db, clock, senders)).toEqual({ delivered: 0, failed: 1 });
    const before = received.length;
    expect(await deliverDueMessages(t.db, clock, senders)).toEqual({ delivered: 0, failed: 0 });
    expect(received.length).toBe(before);
    status = 200;
    clock.advance(10 * 60_000);
    expect(await deliverDueMessages(t.db, clock, senders)).toEqual({ delivered: 1, failed: 0 });
    // The retry carries the moment of the change, and the moment of this attempt on its own.
    const failedAttempt = JSON.parse(received[before - 1]!.body);
    const retried = received.at(-1)!;
    const retriedBody = JSON.parse(retried.body);
    expect(retriedBody.id).toBe(failedAttempt.id);
    expect(failedAttempt.occurredAt).toBe(changedAt);
    expect(retriedBody.occurredAt).toBe(changedAt);
    expect(retriedBody.deliveredAt).toBe(clock.now().toISOString());
    expect(retried.headers['x-aftercare-delivery-time']).toBe(clock.now().toISOString());
  });

  it('validates the URL and the events, and only admins manage webhooks', async () => {
    const bad = await admin.request('POST', '/api/v1/webhooks', {
      name: 'x',
      url: 'ftp://x',
      events: ['ticket.created'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('url');
    const ev = await admin.request('POST', '/api/v1/webhooks', { name: 'x', url, events: ['nope'] });
    expect(ev.statusCode).toBe(400);
    expect(ev.body).toContain('events');
    const manager = (await loginAs(t, { role: 'manager' })).session;
    expect((await manager.request('GET', '/api/v1/webhooks')).statusCode).toBe(403);
    const [row] = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from webhooks`)).rows;
    expect(row!.n).toBe(1);
  });
});

describe('SMS', () => {
  it('the http provider posts to the gateway with its token; a refusal is an error for the outbox to retry', async () => {
    const sms = createSmsSender({ provider: 'http', url, token: 'tok' }, { info() {} });
    status = 200;
    await sms.send('+8613800000000', '工单 BX-2026-000001 已超时', 'k1');
    const got = received.at(-1)!;
    expect(got.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(got.body)).toEqual({ to: '+8613800000000', text: '工单 BX-2026-000001 已超时' });
    status = 500;
    await expect(sms.send('+86138', 'x', 'k2')).rejects.toThrow(/500/);
    status = 200;
    const logged: object[] = [];
    await createSmsSender({ provider: 'log' }, { info: (o) => void logged.push(o) }).send('+86', 'hi', 'k3');
    expect(logged).toEqual([{ sms: { to: '+86', text: 'hi' } }]);
  });
});

describe('continuous delivery', () => {
  it('a new ticket reaches the webhook and a public reply the mailbox within seconds, with no minute job', async () => {
    status = 200;
    const mailer = { send: async (m: (typeof t.sentMail)[number]) => void t.sentMail.push(m) };
    const deps = {
      db: t.db,
      clock,
      timeZone: TEST_TIME_ZONE,
      blobStore: new LocalBlobStore(t.blobDir),
      log: { info() {}, error() {} },
    };
    const worker = startOutboxWorker(deps, mailer, deliverInApp, undefined, deliverWebhook);
    try {
      const customer = await buildCustomer(t.db, { contactEmail: 'ops@customer.example' });
      const agent = (await loginAs(t, { role: 'agent' })).session;
      const tk = (
        await agent.request('POST', '/api/v1/tickets', {
          kind: 'consultation',
          customerId: customer.id,
          subject: '实时投递',
          description: 'x',
        })
      ).json();
      await agent.request('POST', `/api/v1/tickets/${tk.id}/messages`, {
        kind: 'public_reply',
        body: '已收到',
      });
      const hooked = () => received.some((r) => r.body.includes(tk.id) && r.body.includes('ticket.created'));
      const mailed = () => t.sentMail.some((m) => m.to === 'ops@customer.example');
      await expect.poll(() => hooked() && mailed(), { timeout: 5_000, interval: 100 }).toBe(true);
    } finally {
      await worker.stop();
    }
  });
});
