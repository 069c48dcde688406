// Who is told what, on which channel: SLA breaches and escalations, stock counts waiting for approval,
// each person's channel choices. Mail goes through a real SMTP server on 127.0.0.1, SMS through the
// real HTTP adapter to a gateway stand-in on 127.0.0.1 (the only edge that would leave the machine).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  login,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { createDb, createPool } from '../../db/pool.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createMailer } from '../../platform/mailer.ts';
import { deliverDueMessages } from '../../platform/outbox.ts';
import { outboxSenders } from '../../platform/platform-jobs.ts';
import { createSmsSender } from '../../platform/sms.ts';
import { ensureSlaDefaults, sweepSla } from '../sla/index.ts';
import { slaTicketPort } from '../tickets/index.ts';
import { deliverInApp } from './service.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const MIN = 60_000;
const clock = new ManualClock(T0);
let t: TestApp;
let smtp: SMTPServer;
let gateway: http.Server;
let admin: Session;
let customerId: string;
const mails: { to: string; subject: string; text: string }[] = [];
const texts: { to: string; text: string }[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const to = mail.to && 'text' in mail.to ? mail.to.text : '';
        mails.push({ to, subject: mail.subject ?? '', text: mail.text ?? '' });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      texts.push(JSON.parse(body));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '2000' } });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  admin = (await loginAs(t, { role: 'admin' })).session;
  customerId = (await buildCustomer(t.db)).id;
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => gateway.close(() => r()));
});
beforeEach(() => {
  mails.length = 0;
  texts.length = 0;
});

/** Delivers what the outbox holds, by the senders the worker uses. */
async function deliver() {
  const port = (smtp.server.address() as AddressInfo).port;
  const mailer = createMailer(`smtp://127.0.0.1:${port}`, 'Aftercare <service@aftercare.test>', {
    info() {},
  });
  const sms = createSmsSender(
    { provider: 'http', url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms` },
    { info() {} },
  );
  const senders = outboxSenders(
    { mailer, inApp: deliverInApp, sms },
    { db: t.db, clock, blobStore: t.blobStore },
  );
  for (;;) {
    const r = await deliverDueMessages(t.db, clock, senders);
    expect(r.failed).toBe(0);
    if (!r.delivered) break;
  }
}

let seq = 0;
async function staff(role: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const username = `${role.replace(/_/g, '-')}-n${++seq}`;
  const r = await admin.request('POST', '/api/v1/users', {
    kind: 'staff',
    username,
    displayName: username,
    email: `${username}@aftercare.test`,
    phone: `1380000${String(seq).padStart(4, '0')}`,
    roles: [role],
    locale,
    password: 'notify-password-1',
  });
  expect(r.statusCode, r.body).toBe(201);
  return {
    id: r.json().id as string,
    email: `${username}@aftercare.test`,
    phone: r.json().phone as string,
    session: await login(t, username, 'notify-password-1'),
  };
}

async function newTicket(by: Session, fields: Record<string, unknown> = {}) {
  const r = await by.request('POST', '/api/v1/tickets', {
    kind: 'fault_report',
    customerId,
    subject: '路灯不亮',
    description: '3 号路灯不亮',
    ...fields,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number; number: string };
}

const inApp = async (s: Session) =>
  (await s.request('GET', '/api/v1/notifications?limit=100')).json().items as {
    template: string;
    payload: Record<string, unknown>;
  }[];

describe('SLA notifications', () => {
  it('tells the agent when his ticket breaches, by email unless he turned email off for breaches', async () => {
    clock.set(T0);
    const lead = await staff('agent');
    const mine = await staff('agent');
    const quiet = await staff('agent');
    // The quiet one wants breaches in the app only.
    const put = await quiet.session.request('PUT', '/api/v1/notifications/preferences', {
      version: 0,
      items: [{ kind: 'sla.breached', channels: ['in_app'] }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const assigned = async (to: string) => {
      const tk = await newTicket(lead.session);
      const r = await lead.session.request('PATCH', `/api/v1/tickets/${tk.id}`, {
        version: tk.version,
        assigneeId: to,
        status: 'in_progress',
      });
      expect(r.statusCode, r.body).toBe(200);
      return tk;
    };
    const a = await assigned(mine.id);
    const b = await assigned(quiet.id);
    // Assigned: handed over, so the first response is met; the 1-hour answer runs on.
    clock.set(new Date(T0.getTime() + 61 * MIN));
    await sweepSla({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort);
    await deliver();

    const toMine = mails.filter((m) => m.to.includes(mine.email));
    expect(toMine.map((m) => m.subject)).toEqual([`[${a.number}] 已超时：答复/处理意见`]);
    expect(toMine[0]!.text).toContain('路灯不亮');
    const mineInApp = await inApp(mine.session);
    expect(mineInApp.filter((n) => n.template === 'sla.breached').map((n) => n.payload.number)).toEqual([
      a.number,
    ]);
    // Turned email off: no email, but the bell has it.
    expect(mails.filter((m) => m.to.includes(quiet.email))).toEqual([]);
    const quietInApp = await inApp(quiet.session);
    expect(quietInApp.filter((n) => n.template === 'sla.breached').map((n) => n.payload.number)).toEqual([
      b.number,
    ]);
  });

  it('sends a manager one message per level for targets reaching it together, once across three instances', async () => {
    clock.set(T0);
    const m1 = await staff('manager');
    const m2 = await staff('manager', 'en');
    const lead = await staff('agent');
    const tk = await newTicket(lead.session);
    // Nobody sweeps for 4 hours: four targets reach their +2 h escalation in the same sweep
    // (first response, answer, hand-over and initial diagnosis).
    clock.set(new Date(T0.getTime() + 4 * 60 * MIN + MIN));
    const pools = [1, 2, 3].map(() => createPool(t.database.url, 3));
    try {
      const dbs = pools.map((p) => createDb(p));
      await Promise.all(dbs.map((db) => sweepSla({ db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort)));
      await Promise.all(dbs.map((db) => sweepSla({ db, clock, timeZone: TEST_TIME_ZONE }, slaTicketPort)));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    await deliver();
    const escalations = (email: string) =>
      mails.filter((m) => m.to.includes(email) && m.subject.startsWith(`[${tk.number}]`));
    const zh = escalations(m1.email);
    expect(zh.map((m) => m.subject)).toEqual([
      `[${tk.number}] 升级：首次响应、答复/处理意见、转交技术支持、初步诊断 超时 120 分钟`,
    ]);
    expect(escalations(m2.email).map((m) => m.subject)).toEqual([
      `[${tk.number}] Escalated: First response, Answer or handling opinion, Handed to support engineer, Initial diagnosis 120 min overdue`,
    ]);
    // One SMS each, and one entry in each bell listing the four targets.
    expect(
      texts
        .filter((x) => x.text.includes(tk.number))
        .map((x) => x.to)
        .sort(),
    ).toEqual([m1.phone, m2.phone].sort());
    const bell = (await inApp(m1.session)).filter(
      (n) => n.template === 'sla.escalation' && n.payload.number === tk.number,
    );
    expect(bell).toHaveLength(1);
    expect(bell[0]!.payload.metrics).toEqual([
      'first_response',
      'handling_opinion',
      'handed_over',
      'initial_diagnosis',
    ]);
  });
});

describe('stock counts', () => {
  it('a submitted count tells the approvers, not its submitter', async () => {
    const approver = await staff('manager');
    const keeper = await staff('storekeeper');
    const loc = await keeper.session.request('POST', '/api/v1/stock/locations', {
      code: `WH-N${++seq}`,
      name: '宁波备件库',
      kind: 'central',
      region: '宁波市',
    });
    expect(loc.statusCode, loc.body).toBe(201);
    const part = await keeper.session.request('POST', '/api/v1/parts', {
      partNumber: `DRV-N${seq}`,
      name: 'LED 驱动电源 150W',
      unit: '个',
      costFen: 12000,
      factoryPriceFen: 18000,
    });
    expect(part.statusCode, part.body).toBe(201);
    const opened = await keeper.session.request('POST', '/api/v1/stock/counts', {
      locationId: loc.json().id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as string;
    const lines = await keeper.session.request('PATCH', `/api/v1/stock/counts/${id}/lines`, {
      lines: [{ partId: part.json().id, counted: 2 }],
    });
    expect(lines.statusCode, lines.body).toBe(200);
    const submitted = await keeper.session.request('POST', `/api/v1/stock/counts/${id}/submit`, {
      version: lines.json().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await deliver();
    expect(mails.filter((m) => m.to.includes(approver.email)).map((m) => m.subject)).toEqual([
      '盘点待审批：宁波备件库',
    ]);
    expect(mails.filter((m) => m.to.includes(keeper.email))).toEqual([]);
    const bell = (await inApp(approver.session)).filter((n) => n.template === 'parts.count-submitted');
    expect(bell.map((n) => n.payload)).toMatchObject([
      { countId: id, locationName: '宁波备件库', variances: 1 },
    ]);
    expect((await inApp(keeper.session)).filter((n) => n.template === 'parts.count-submitted')).toEqual([]);
  });
});

describe('preferences API', () => {
  it('shows the defaults, saves a choice at the version read, and names the field of a bad request', async () => {
    const { session } = await loginAs(t, { role: 'agent' });
    const first = (await session.request('GET', '/api/v1/notifications/preferences')).json();
    expect(first.version).toBe(0);
    expect(first.items.find((i: { kind: string }) => i.kind === 'sla.escalation')).toEqual({
      kind: 'sla.escalation',
      channels: ['in_app', 'email', 'sms'],
      defaultChannels: ['in_app', 'email', 'sms'],
      customised: false,
    });
    const bad = async (body: unknown, field: string) => {
      const r = await session.request('PUT', '/api/v1/notifications/preferences', body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ items: [{ kind: 'sla.warning', channels: ['email'] }] }, 'version');
    await bad({ version: 0, items: [{ kind: 'sla.nothing', channels: ['email'] }] }, 'items.0.kind');
    await bad({ version: 0, items: [{ kind: 'sla.warning', channels: ['fax'] }] }, 'items.0.channels.0');
    await bad(
      { version: 0, items: [{ kind: 'sla.warning', channels: ['email', 'email'] }] },
      'items.0.channels',
    );
    await bad({ version: 0, items: [] }, 'items');
    const saved = await session.request('PUT', '/api/v1/notifications/preferences', {
      version: 0,
      items: [{ kind: 'sla.warning', channels: ['sms', 'in_app'] }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(saved.json().items.find((i: { kind: string }) => i.kind === 'sla.warning')).toMatchObject({
      channels: ['in_app', 'sms'],
      customised: true,
    });
    // The same body again at the old version is stale, not a second change.
    const again = await session.request('PUT', '/api/v1/notifications/preferences', {
      version: 0,
      items: [{ kind: 'sla.warning', channels: ['email'] }],
    });
    expect(again.statusCode).toBe(409);
    // Back to the default.
    const reset = await session.request('PUT', '/api/v1/notifications/preferences', {
      version: 1,
      items: [{ kind: 'sla.warning', channels: null }],
    });
    expect(reset.json().items.find((i: { kind: string }) => i.kind === 'sla.warning')).toMatchObject({
      channels: ['in_app'],
      customised: false,
    });
  });

  it("no one reads or changes another user's preferences", async () => {
    const alice = await loginAs(t, { role: 'agent' });
    const bob = await loginAs(t, { role: 'agent' });
    await alice.session.request('PUT', '/api/v1/notifications/preferences', {
      version: 0,
      items: [{ kind: 'sla.breached', channels: [] }],
    });
    const other = `/api/v1/notifications/preferences?userId=${alice.user.id}`;
    expect((await bob.session.request('GET', other)).statusCode).toBe(400);
    expect(
      (
        await bob.session.request('PUT', other, {
          version: 1,
          items: [{ kind: 'sla.breached', channels: ['email'] }],
        })
      ).statusCode,
    ).toBe(400);
    const smuggled = await bob.session.request('PUT', '/api/v1/notifications/preferences', {
      version: 0,
      userId: alice.user.id,
      items: [{ kind: 'sla.breached', channels: ['email'] }],
    });
    expect(smuggled.statusCode).toBe(400);
    expect(
      (await bob.session.request('GET', `/api/v1/users/${alice.user.id}/notification-preferences`))
        .statusCode,
    ).toBe(404);
    const bobs = (await bob.session.request('GET', '/api/v1/notifications/preferences')).json();
    expect(bobs.version).toBe(0);
    const alices = (await alice.session.request('GET', '/api/v1/notifications/preferences')).json();
    expect(alices.items.find((i: { kind: string }) => i.kind === 'sla.breached').channels).toEqual([]);
    // Without a session: 401.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/preferences' })).statusCode).toBe(
      401,
    );
  });
});
