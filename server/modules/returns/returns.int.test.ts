// Returns (退货 / RMA, 篇3 5) over HTTP: the request within the contract's days (a manager may accept
// a late one with a reason), only the customer's own equipment, inspection (human damage refused,
// training for a customer who could not use it), the manager's decision, the unit into the stock
// through the parts ledger, the customer told, the number and the PDF; isolation and permissions.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  newKey,
  pdfText,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';
import { uploadFile } from '../../../test/uploads.ts';
import { ManualClock } from '../../platform/clock.ts';

const T0 = new Date('2026-12-01T02:00:00Z');
const clock = new ManualClock(T0);
let t: TestApp;
let manager: Session;
let agent: Session;
let keeper: Session;
let warehouse: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  manager = (await loginAs(t, { role: 'manager' })).session;
  agent = (await loginAs(t, { role: 'agent' })).session;
  keeper = (await loginAs(t, { role: 'storekeeper' })).session;
  const loc = await keeper.request('POST', '/api/v1/stock/locations', {
    code: 'WH-RMA',
    name: '退货仓',
    kind: 'central',
  });
  expect(loc.statusCode, loc.body).toBe(201);
  warehouse = loc.json().id;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** A customer with a portal user and one light accepted on `acceptedOn`; `returnDays` on its contract. */
async function site(acceptedOn: string, opts: { returnDays?: number | null; stocked?: boolean } = {}) {
  const email = `buyer-${uid().toLowerCase()}@example.com`;
  const customer = await buildCustomer(t.db, { contactEmail: email });
  const portal = (await loginAs(t, { customerId: customer.id })).session;
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: '广场亮化',
    })
  ).json();
  const model = `FL-${uid()}`;
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model,
      name: '投光灯',
      category: 'lighting',
      sizeClass: 'small',
    })
  ).json();
  const contract = await manager.request('POST', '/api/v1/contracts', {
    projectId: project.id,
    number: `HT-${uid()}`,
    kind: 'supply_install',
    startDate: '2026-01-01',
    ...(opts.returnDays !== undefined ? { returnDays: opts.returnDays } : {}),
  });
  expect(contract.statusCode, contract.body).toBe(201);
  const serial = `SN-${uid()}`;
  const asset = (
    await manager.request('POST', '/api/v1/assets', { projectId: project.id, productId: product.id, serial })
  ).json();
  const acc = await manager.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
    kind: 'acceptance',
    performedOn: acceptedOn,
    signedByName: '业主',
  });
  expect(acc.statusCode, acc.body).toBe(201);
  let partId: string | null = null;
  if (opts.stocked !== false) {
    const part = await keeper.request('POST', '/api/v1/parts', { partNumber: model, name: '投光灯整机' });
    expect(part.statusCode, part.body).toBe(201);
    partId = part.json().id;
  }
  return {
    customer,
    portal,
    project,
    product,
    asset,
    serial,
    email,
    partId,
    model,
    contract: contract.json(),
  };
}

const ask = (s: Session, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  s.request('POST', '/api/v1/returns', { reason: '灯具不亮，不满意', ...body }, headers);

const inspection = (version: number, over: Record<string, unknown> = {}) => ({
  condition: 'used',
  packaging: 'opened',
  humanDamage: false,
  cannotUse: false,
  opinion: '驱动电源故障，非人为损坏',
  version,
  ...over,
});

async function outboxTo(recipient: string) {
  const res = await t.db.execute<{ template: string; payload: { subject: string; text: string } }>(
    sql`select template, payload from outbox where recipient = ${recipient} order by id`,
  );
  return res.rows;
}

describe('a return from the portal to the stock', () => {
  it('goes request → inspection → approval (exchange) → the unit into stock as defective', async () => {
    const s = await site('2026-11-28');
    const created = await ask(
      s.portal,
      { serial: s.serial.toLowerCase(), reason: '<b>不满意</b> 灯不亮' },
      {
        'idempotency-key': newKey(),
      },
    );
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r.number).toMatch(/^RMA-2026-\d{5}$/);
    expect(r).toMatchObject({
      status: 'requested',
      assetId: s.asset.id,
      requestedVia: 'portal',
      windowStart: '2026-11-28',
      allowedDays: 7,
      deadline: '2026-12-05',
      withinWindow: true,
    });

    const inspected = await agent.request(
      'POST',
      `/api/v1/returns/${r.id}/inspection`,
      inspection(r.version),
    );
    expect(inspected.statusCode, inspected.body).toBe(200);
    expect(inspected.json().status).toBe('awaiting_approval');

    // The agent may not decide; the manager approves with an exchange.
    const v = inspected.json().version;
    expect(
      (
        await agent.request('POST', `/api/v1/returns/${r.id}/decision`, {
          decision: 'approve',
          outcome: 'exchange',
          version: v,
        })
      ).statusCode,
    ).toBe(403);
    const noOutcome = await manager.request('POST', `/api/v1/returns/${r.id}/decision`, {
      decision: 'approve',
      version: v,
    });
    expect(noOutcome.statusCode).toBe(422);
    expect(noOutcome.json().errors[0].field).toBe('outcome');
    const approved = await manager.request('POST', `/api/v1/returns/${r.id}/decision`, {
      decision: 'approve',
      outcome: 'exchange',
      version: v,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', outcome: 'exchange' });

    const before = (await keeper.request('GET', `/api/v1/parts/${s.partId}`)).json();
    expect(before.stockLines ?? []).toHaveLength(0);
    const received = await keeper.request('POST', `/api/v1/returns/${r.id}/receipt`, {
      locationId: warehouse,
      condition: 'defective',
      version: approved.json().version,
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().status).toBe('completed');
    expect(received.json().stock).toMatchObject({
      locationId: warehouse,
      condition: 'defective',
      partNumber: s.model,
    });

    // Returns move stock: one defective unit at the warehouse, a ledger line naming the RMA and serial.
    const part = (await keeper.request('GET', `/api/v1/parts/${s.partId}`)).json();
    const lines = part.stockLines.filter((l: { locationId: string }) => l.locationId === warehouse);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ condition: 'defective', onHand: 1 });
    const ledger = (await keeper.request('GET', `/api/v1/parts/${s.partId}/movements`)).json();
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({
      kind: 'customer_return',
      quantity: 1,
      condition: 'defective',
      toLocationId: warehouse,
      serial: s.serial,
      workOrderRef: r.number,
    });

    // The equipment left service, and its archive tells the story.
    const asset = (await manager.request('GET', `/api/v1/assets/${s.asset.id}`)).json();
    expect(asset.status).toBe('retired');
    const archive = (await manager.request('GET', `/api/v1/assets/${s.asset.id}/archive`)).json();
    const kinds = archive.items.map((e: { kind: string }) => e.kind);
    for (const k of ['returns.requested', 'returns.decided', 'returns.received']) expect(kinds).toContain(k);

    // The customer was told at each step, in plain text that carries what they typed as text.
    const mails = await outboxTo(s.email);
    expect(mails.map((m) => m.template)).toEqual([
      'returns.requested',
      'returns.inspected',
      'returns.approved',
      'returns.received',
    ]);
    expect(mails[0]!.payload.text).toContain('<b>不满意</b>');
    expect(Object.keys(mails[0]!.payload)).not.toContain('html');

    // The timeline, and the customer's own view without the warehouse.
    const seen = (await s.portal.request('GET', `/api/v1/returns/${r.id}`)).json();
    expect(seen.events.map((e: { kind: string }) => e.kind)).toEqual([
      'requested',
      'inspected',
      'approved',
      'received',
    ]);
    expect(seen.stock).toBeNull();

    // The return form as a PDF in both languages.
    const zh = await s.portal.request('GET', `/api/v1/returns/${r.id}/pdf?lang=zh-CN`);
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toContain('application/pdf');
    const zhText = await pdfText(zh.rawPayload);
    expect(zhText).toContain('退货单');
    expect(zhText).toContain(r.number);
    expect(zhText).toContain('换货');
    const enText = await pdfText(
      (await manager.request('GET', `/api/v1/returns/${r.id}/pdf?lang=en`)).rawPayload,
    );
    expect(enText).toContain('Return form');
    expect(enText).toContain('Exchange');
  });

  it('creates one return for a retried request with the same idempotency key', async () => {
    const s = await site('2026-11-30');
    const key = newKey();
    const a = await ask(s.portal, { serial: s.serial }, { 'idempotency-key': key });
    const b = await ask(s.portal, { serial: s.serial }, { 'idempotency-key': key });
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const n = await t.db.execute(
      sql`select count(*)::int as n from return_requests where asset_id = ${s.asset.id}`,
    );
    expect(n.rows[0]).toEqual({ n: 1 });
    // A second open return of the same equipment is refused.
    expect((await ask(s.portal, { serial: s.serial })).statusCode).toBe(409);
  });

  it('refuses a stale version with 409', async () => {
    const s = await site('2026-11-30');
    const r = (await ask(s.portal, { serial: s.serial })).json();
    expect(
      (await agent.request('POST', `/api/v1/returns/${r.id}/inspection`, inspection(r.version))).statusCode,
    ).toBe(200);
    const again = await agent.request('POST', `/api/v1/returns/${r.id}/inspection`, inspection(r.version));
    expect(again.statusCode).toBe(409);
    const late = await manager.request('POST', `/api/v1/returns/${r.id}/decision`, {
      decision: 'reject',
      reason: '已超出合理范围',
      version: r.version,
    });
    expect(late.statusCode).toBe(409);
  });

  it('says clearly when the product is not a stocked part, and takes a named part instead', async () => {
    const s = await site('2026-11-30', { stocked: false });
    const r = (await ask(s.portal, { serial: s.serial })).json();
    const i = (
      await agent.request('POST', `/api/v1/returns/${r.id}/inspection`, inspection(r.version))
    ).json();
    const a = (
      await manager.request('POST', `/api/v1/returns/${r.id}/decision`, {
        decision: 'approve',
        outcome: 'refund',
        version: i.version,
      })
    ).json();
    const refused = await keeper.request('POST', `/api/v1/returns/${r.id}/receipt`, {
      locationId: warehouse,
      condition: 'good',
      version: a.version,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'partId' });
    expect(refused.json().errors[0].message).toContain('not a stocked part');
    const part = (
      await keeper.request('POST', '/api/v1/parts', { partNumber: `ALT-${uid()}`, name: '投光灯（整机）' })
    ).json();
    const ok = await keeper.request('POST', `/api/v1/returns/${r.id}/receipt`, {
      locationId: warehouse,
      condition: 'good',
      partId: part.id,
      version: a.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stock = (await keeper.request('GET', `/api/v1/parts/${part.id}`)).json();
    expect(stock.stockLines[0]).toMatchObject({ condition: 'good', onHand: 1 });
  });
});

describe('the return window (篇3 5: within the days the contract allows)', () => {
  it('refuses a return outside the allowed days with a clear 422', async () => {
    const s = await site('2026-11-01');
    const res = await ask(s.portal, { serial: s.serial });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('2026-11-08');
    expect(res.json().errors[0].field).toBe('overrideReason');
    const staff = await ask(agent, { customerId: s.customer.id, serial: s.serial });
    expect(staff.statusCode).toBe(422);
  });

  it('lets only a manager accept a late return, with the reason recorded and audited', async () => {
    const s = await site('2026-11-01');
    const byAgent = await ask(agent, {
      customerId: s.customer.id,
      serial: s.serial,
      overrideReason: '老客户',
    });
    expect(byAgent.statusCode).toBe(403);
    const byCustomer = await ask(s.portal, { serial: s.serial, overrideReason: '请通融' });
    expect(byCustomer.statusCode).toBe(403);
    const ok = await ask(manager, {
      customerId: s.customer.id,
      serial: s.serial,
      overrideReason: '质量问题，特批退货',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      withinWindow: false,
      overrideReason: '质量问题，特批退货',
      requestedVia: 'staff',
      deadline: '2026-11-08',
    });
    expect(ok.json().overrideByName).toBeTruthy();
    expect(ok.json().events.map((e: { kind: string }) => e.kind)).toEqual(['requested', 'overridden']);
    const audit = await t.db.execute(
      sql`select action from audit_log where entity_type = 'return' and entity_id = ${ok.json().id}`,
    );
    expect(audit.rows).toEqual([{ action: 'return.create-override' }]);
  });

  it("takes the contract's own days before the default setting, and the setting when it has none", async () => {
    const long = await site('2026-11-10', { returnDays: 30 });
    const r = await ask(long.portal, { serial: long.serial });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ allowedDays: 30, deadline: '2026-12-10' });

    const settings = (await manager.request('GET', '/api/v1/returns/settings')).json();
    expect(settings).toMatchObject({ defaultReturnDays: 7, windowFrom: 'acceptance', version: 0 });
    const put = await manager.request('PUT', '/api/v1/returns/settings', {
      defaultReturnDays: 25,
      windowFrom: 'acceptance',
      version: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(
      (
        await manager.request('PUT', '/api/v1/returns/settings', {
          defaultReturnDays: 5,
          windowFrom: 'acceptance',
          version: 0,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await agent.request('PUT', '/api/v1/returns/settings', {
          defaultReturnDays: 5,
          windowFrom: 'acceptance',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    const def = await site('2026-11-10');
    const d = await ask(def.portal, { serial: def.serial });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({ allowedDays: 25, deadline: '2026-12-05' });
    await manager.request('PUT', '/api/v1/returns/settings', {
      defaultReturnDays: 7,
      windowFrom: 'acceptance',
      version: 1,
    });
  });
});

describe('return days on an existing contract', () => {
  it('are changed by a PATCH naming only them (nothing else of the contract moves) and then govern the request', async () => {
    const late = await site('2026-11-10', { returnDays: 10 });
    const other = await site('2026-11-10');
    // The portal's equipment picker lists the customer's own equipment only.
    const own = (await late.portal.request('GET', `/api/v1/assets?q=${late.serial}`)).json();
    expect(own.items.map((a: { serial: string }) => a.serial)).toEqual([late.serial]);
    const foreign = (await late.portal.request('GET', `/api/v1/assets?q=${other.serial}`)).json();
    expect(foreign.items).toEqual([]);

    expect((await ask(late.portal, { serial: late.serial })).statusCode).toBe(422);
    const before = late.contract;
    const patched = await manager.request('PATCH', `/api/v1/contracts/${before.id}`, {
      version: before.version,
      returnDays: 30,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = patched.json();
    const { returnDays: _a, version: _v, updatedAt: _u, ...rest } = after;
    const { returnDays: _b, version: _w, updatedAt: _x, ...was } = before;
    expect(rest).toEqual(was);
    expect(after).toMatchObject({ returnDays: 30, version: before.version + 1 });
    expect(
      (
        await agent.request('PATCH', `/api/v1/contracts/${before.id}`, {
          version: after.version,
          returnDays: 5,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await manager.request('PATCH', `/api/v1/contracts/${before.id}`, {
      version: after.version,
      returnDays: -1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('returnDays');
    const r = await ask(late.portal, { serial: late.serial });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ allowedDays: 30, deadline: '2026-12-10' });
  });
});

describe('bad input', () => {
  it("refuses another customer's serial or equipment, and names the field", async () => {
    const a = await site('2026-11-30');
    const b = await site('2026-11-30');
    const bySerial = await ask(a.portal, { serial: b.serial });
    expect(bySerial.statusCode).toBe(422);
    expect(bySerial.json().errors[0].field).toBe('serial');
    const byId = await ask(a.portal, { assetId: b.asset.id });
    expect(byId.statusCode).toBe(422);
    expect(byId.json().errors[0].field).toBe('assetId');
    const staff = await ask(agent, { customerId: a.customer.id, serial: b.serial });
    expect(staff.statusCode).toBe(422);
    const none = await ask(a.portal, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].field).toBe('serial');
    const noCustomer = await ask(agent, { serial: a.serial });
    expect(noCustomer.json().errors[0].field).toBe('customerId');
    const otherCustomer = await ask(a.portal, { customerId: b.customer.id, serial: b.serial });
    expect(otherCustomer.statusCode).toBe(422);
    expect(otherCustomer.json().errors[0].field).toBe('customerId');
    const upload = await uploadFile(t, b.portal, 'b.txt', Buffer.from('customer B only'));
    const foreignPhoto = await ask(a.portal, { serial: a.serial, photoFileIds: [upload.json().id] });
    expect(foreignPhoto.statusCode).toBe(422);
    expect(foreignPhoto.json().errors[0].field).toBe('photoFileIds');
    const unknown = await a.portal.request('POST', '/api/v1/returns', {
      serial: a.serial,
      reason: 'x',
      colour: 'red',
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses human damage at inspection, and then takes no decision', async () => {
    const s = await site('2026-11-30');
    const r = (await ask(s.portal, { serial: s.serial })).json();
    const refused = await agent.request(
      'POST',
      `/api/v1/returns/${r.id}/inspection`,
      inspection(r.version, { humanDamage: true, condition: 'damaged', opinion: '外壳摔裂，属人为损坏' }),
    );
    expect(refused.statusCode).toBe(200);
    expect(refused.json().status).toBe('refused');
    const decide = await manager.request('POST', `/api/v1/returns/${r.id}/decision`, {
      decision: 'approve',
      outcome: 'refund',
      version: refused.json().version,
    });
    expect(decide.statusCode).toBe(409);
    expect((await outboxTo(s.email)).map((m) => m.template)).toContain('returns.refused');
    expect((await manager.request('GET', `/api/v1/assets/${s.asset.id}`)).json().status).not.toBe('retired');
  });

  it('offers training to a customer who could not use it, unless they insist on the return', async () => {
    const s = await site('2026-11-30');
    const r = (await ask(s.portal, { serial: s.serial })).json();
    const training = await agent.request(
      'POST',
      `/api/v1/returns/${r.id}/inspection`,
      inspection(r.version, { cannotUse: true, condition: 'as_new', opinion: '产品正常，客户不会设置场景' }),
    );
    expect(training.json().status).toBe('training');
    // The free training is asked for on the service desk, and the timeline names its request.
    const opened = training.json().events.find((e: { kind: string }) => e.kind === 'training_requested');
    expect(opened.note).toMatch(/\d/);
    const tickets = await t.db.execute(
      sql`select kind, customer_id from tickets where number = ${opened.note}`,
    );
    expect(tickets.rows).toEqual([{ kind: 'training_request', customer_id: s.customer.id }]);
    const again = (await ask(s.portal, { serial: s.serial })).json();
    const insists = await agent.request(
      'POST',
      `/api/v1/returns/${again.id}/inspection`,
      inspection(again.version, { cannotUse: true, customerInsists: true }),
    );
    expect(insists.json().status).toBe('awaiting_approval');
  });
});

describe('isolation and permissions', () => {
  it("shows a customer only its own organisation's returns", async () => {
    const a = await site('2026-11-30');
    const b = await site('2026-11-30');
    const ra = (await ask(a.portal, { serial: a.serial })).json();
    const rb = (await ask(b.portal, { serial: b.serial })).json();
    expect((await b.portal.request('GET', `/api/v1/returns/${ra.id}`)).statusCode).toBe(404);
    expect((await b.portal.request('GET', `/api/v1/returns/${ra.id}/pdf`)).statusCode).toBe(404);
    const listed = (await b.portal.request('GET', '/api/v1/returns?limit=200')).json();
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([rb.id]);
    const filtered = (await b.portal.request('GET', `/api/v1/returns?customerId=${a.customer.id}`)).json();
    expect(filtered.items).toHaveLength(0);
    const exported = await b.portal.request('GET', '/api/v1/returns/export?lang=en');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    // Customers neither inspect, decide nor receive.
    expect(
      (await a.portal.request('POST', `/api/v1/returns/${ra.id}/inspection`, inspection(1))).statusCode,
    ).toBe(403);
    expect(
      (
        await a.portal.request('POST', `/api/v1/returns/${ra.id}/decision`, {
          decision: 'reject',
          reason: 'x',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    // Staff see both, and the list filters by status and text.
    const staff = (await manager.request('GET', `/api/v1/returns?q=${encodeURIComponent(ra.number)}`)).json();
    expect(staff.items.map((r: { id: string }) => r.id)).toEqual([ra.id]);
  });

  const id = '00000000-0000-4000-8000-000000000001';
  const MATRIX: [string, string, string[]][] = [
    [
      'GET',
      '/api/v1/returns',
      ['admin', 'manager', 'agent', 'support_engineer', 'quality_engineer', 'storekeeper'],
    ],
    ['POST', '/api/v1/returns', ['admin', 'manager', 'agent', 'support_engineer', 'quality_engineer']],
    [
      'POST',
      `/api/v1/returns/${id}/inspection`,
      ['admin', 'manager', 'agent', 'support_engineer', 'quality_engineer', 'storekeeper'],
    ],
    ['POST', `/api/v1/returns/${id}/decision`, ['admin', 'manager']],
    ['POST', `/api/v1/returns/${id}/receipt`, ['admin', 'manager', 'storekeeper']],
    ['PUT', '/api/v1/returns/settings', ['admin', 'manager']],
  ];
  it.each(MATRIX)('%s %s is open to exactly its roles', async (method, url, allowed) => {
    const roles = [
      'admin',
      'manager',
      'agent',
      'support_engineer',
      'field_engineer',
      'trainer',
      'storekeeper',
      'quality_engineer',
    ] as const;
    for (const role of roles) {
      const s = (await loginAs(t, { role })).session;
      const res = await s.request(method as 'GET', url, method === 'GET' ? undefined : {});
      expect(res.statusCode === 403 ? 'forbidden' : 'allowed', `${role} ${res.body}`).toBe(
        allowed.includes(role) ? 'allowed' : 'forbidden',
      );
    }
  });
});
