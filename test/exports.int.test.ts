// Excel exports of the lists over HTTP: a real workbook read back with exceljs, the list's filters
// and scope, words in the chosen language, local times, text that cannot become a formula, every page.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/platform/clock.ts';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from './helpers.ts';

// 02:00 UTC is 10:00 in the organisation's zone (Asia/Shanghai).
const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
let t: TestApp;
let agent: Session;
let keeper: Session;
let engineer: Session;

// Two rows a page: every export below reads several pages.
beforeAll(async () => {
  t = await createTestApp({ clock, env: { EXPORT_PAGE_ROWS: '2', SESSION_TTL_HOURS: '2000' } });
  agent = (await loginAs(t, { role: 'agent' })).session;
  keeper = (await loginAs(t, { role: 'storekeeper' })).session;
  engineer = (await loginAs(t, { role: 'field_engineer' })).session;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** The workbook's rows as text (header first); fails unless it is an xlsx attachment. */
async function read(session: Session, url: string) {
  const res = await session.request('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return { header: rows[0]!, rows: rows.slice(1), disposition: String(res.headers['content-disposition']) };
}
const column = (sheet: { header: string[]; rows: string[][] }, name: string) => {
  const i = sheet.header.indexOf(name);
  expect(i, `column ${name} in ${sheet.header.join(', ')}`).toBeGreaterThanOrEqual(0);
  return sheet.rows.map((r) => r[i] ?? '');
};

async function newTicket(customerId: string, fields: Record<string, unknown> = {}) {
  const r = await agent.request('POST', '/api/v1/tickets', {
    kind: 'consultation',
    customerId,
    subject: '咨询',
    description: '使用问题',
    ...fields,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; number: string; version: number };
}

describe('ticket export', () => {
  it('exports the filtered list, every page, in words and local time, with formulas neutralised', async () => {
    const a = await buildCustomer(t.db, { name: `=HYPERLINK("http://evil","点我")${uid()}` });
    const b = await buildCustomer(t.db);
    const made = [
      await newTicket(a.id, { subject: '+SUM(1,2)' }),
      await newTicket(a.id, { subject: '@cmd' }),
      await newTicket(a.id, { subject: '-1 路灯不亮' }),
    ];
    await newTicket(a.id, { kind: 'fault_report', subject: '报修 not exported' });
    await newTicket(b.id);
    const en = await read(
      agent,
      `/api/v1/tickets/export?customerId=${a.id}&kind=consultation&sort=number&lang=en`,
    );
    expect(en.disposition).toBe('attachment; filename="tickets-2026-11-24.xlsx"');
    expect(en.header.slice(0, 4)).toEqual(['Number', 'Kind', 'Status', 'Priority']);
    expect(column(en, 'Number')).toEqual(made.map((m) => m.number));
    expect(new Set(column(en, 'Kind'))).toEqual(new Set(['Consultation']));
    expect(new Set(column(en, 'Status'))).toEqual(new Set(['New']));
    expect(column(en, 'Subject')).toEqual(["'+SUM(1,2)", "'@cmd", "'-1 路灯不亮"]);
    expect(column(en, 'Customer')[0]).toBe(`'${a.name}`);
    expect(new Set(column(en, 'Created'))).toEqual(new Set(['2026-11-24 10:00']));
    expect(en.rows.flat().join(' ')).not.toContain(a.id);

    const zh = await read(agent, `/api/v1/tickets/export?customerId=${a.id}&kind=consultation`);
    expect(zh.header[0]).toBe('工单号');
    expect(new Set(column(zh, '类型'))).toEqual(new Set(['咨询']));
    expect(new Set(column(zh, '状态'))).toEqual(new Set(['新建']));
  });

  it('exports more rows than a page holds, all of them (no cap)', async () => {
    const c = await buildCustomer(t.db);
    const numbers: string[] = [];
    for (let i = 0; i < 7; i++) numbers.push((await newTicket(c.id, { subject: `批量 ${i}` })).number);
    const all = await read(agent, `/api/v1/tickets/export?customerId=${c.id}&sort=number&lang=en`);
    expect(column(all, 'Number')).toEqual(numbers);
  });

  it('gives a customer user its own organisation only, and a field engineer his own tickets', async () => {
    const mine = await buildCustomer(t.db);
    const theirs = await buildCustomer(t.db);
    const own = [await newTicket(mine.id), await newTicket(mine.id), await newTicket(mine.id)];
    const foreign = await newTicket(theirs.id);
    const { session: portal } = await loginAs(t, { customerId: mine.id });
    const got = column(await read(portal, '/api/v1/tickets/export?lang=en'), 'Number');
    expect(got.sort()).toEqual(own.map((o) => o.number).sort());
    expect(got).not.toContain(foreign.number);
    // Naming the other organisation does not widen the scope.
    expect((await read(portal, `/api/v1/tickets/export?customerId=${theirs.id}`)).rows).toEqual([]);

    const assigned = await agent.request('PATCH', `/api/v1/tickets/${foreign.id}`, {
      version: foreign.version,
      assigneeId: engineer.me.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const his = column(await read(engineer, '/api/v1/tickets/export?lang=en'), 'Number');
    expect(his).toEqual([foreign.number]);
  });

  it('refuses an unknown parameter and a bad filter with 400 naming it', async () => {
    for (const [query, field] of [
      ['foo=1', 'foo'],
      ['limit=10', 'limit'],
      ['kind=nonsense', 'kind'],
      ['lang=fr', 'lang'],
    ]) {
      const res = await agent.request('GET', `/api/v1/tickets/export?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.body).toContain(field!);
    }
  });
});

describe('field exports', () => {
  it('exports work orders with the list’s queue, ticket filter and an engineer’s scope', async () => {
    const c = await buildCustomer(t.db, { name: `@客户 ${uid()}` });
    const other = (await loginAs(t, { role: 'field_engineer' })).session;
    const orders: { number: string; ticket: string; ticketId: string }[] = [];
    for (const who of [engineer, engineer, other]) {
      const tk = await newTicket(c.id, { kind: 'fault_report', subject: '灯杆不亮' });
      const r = await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, {
        kind: 'repair',
        engineerId: who.me.id,
      });
      expect(r.statusCode, r.body).toBe(201);
      orders.push({ number: r.json().number, ticket: tk.number, ticketId: tk.id });
    }
    const open = await read(agent, '/api/v1/work-orders/export?queue=open&lang=en');
    const numbers = column(open, 'Number');
    for (const o of orders) expect(numbers).toContain(o.number);
    const i = numbers.indexOf(orders[0]!.number);
    expect(open.rows[i]).toEqual(
      expect.arrayContaining([orders[0]!.ticket, 'Repair', 'Assigned', `'${c.name}`, '2026-11-24 10:00']),
    );
    // Newest number first, across pages.
    expect(numbers).toEqual([...numbers].sort().reverse());

    const one = await read(agent, `/api/v1/work-orders/export?queue=all&ticketId=${orders[1]!.ticketId}`);
    expect(column(one, '派工单号')).toEqual([orders[1]!.number]);

    const his = column(await read(engineer, '/api/v1/work-orders/export?queue=all&lang=en'), 'Number');
    expect(his.sort()).toEqual([orders[0]!.number, orders[1]!.number].sort());
    expect((await keeper.request('GET', '/api/v1/work-orders/export')).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/v1/work-orders/export?limit=5')).statusCode).toBe(400);
  });

  it('exports every open follow-up, earliest due first', async () => {
    const c = await buildCustomer(t.db);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const tk = await newTicket(c.id, { kind: 'fault_report' });
      const r = await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { kind: 'repair' });
      expect(r.statusCode, r.body).toBe(201);
      numbers.push(r.json().number);
      // The follow-up a completed visit schedules; two due at the same microsecond (a page ends between them).
      const due = new Date(T0.getTime() + (i === 2 ? 1 : 3) * 86_400_000).toISOString();
      await t.db.execute(
        sql`insert into follow_ups (rule, subject_id, customer_id, ticket_id, work_order_id, reference, due_at, created_at)
            values ('repair', ${r.json().id}, ${c.id}, ${tk.id}, ${r.json().id}, ${r.json().number},
                    ${due}::timestamptz + interval '1 microsecond', ${T0.toISOString()})`,
      );
    }
    const sheet = await read(agent, '/api/v1/follow-ups/export?lang=en');
    expect(sheet.header).toEqual(['Due', 'Kind', 'Reference', 'Customer']);
    const mine = sheet.rows.filter((r) => numbers.includes(r[2]!));
    expect(mine.map((r) => r[2])).toHaveLength(3);
    expect(mine[0]![2]).toBe(numbers[2]);
    expect(new Set(mine.slice(1).map((r) => r[2]))).toEqual(new Set([numbers[0], numbers[1]]));
    expect(mine[0]).toEqual(['2026-11-25 10:00', 'After a repair', numbers[2], c.name]);
    expect((await engineer.request('GET', '/api/v1/follow-ups/export')).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/v1/follow-ups/export?queue=open')).statusCode).toBe(400);
  });
});

describe('parts exports', () => {
  it('exports a part’s ledger in words, every line, and the catalogue with the list’s filter', async () => {
    const loc = await keeper.request('POST', '/api/v1/stock/locations', {
      code: `WH-${uid()}`,
      name: '杭州中心库',
      kind: 'central',
    });
    expect(loc.statusCode, loc.body).toBe(201);
    const tag = uid();
    const part = await keeper.request('POST', '/api/v1/parts', {
      partNumber: `EXP-${tag}`,
      name: 'LED 驱动电源',
      unit: '个',
      genuine: true,
      wearing: false,
      fitsProductIds: [],
    });
    expect(part.statusCode, part.body).toBe(201);
    const partId = part.json().id as string;
    for (const [i, reason] of ['首批', '=1+1', '补货'].entries()) {
      const r = await keeper.request('POST', '/api/v1/stock/receipts', {
        partId,
        locationId: loc.json().id,
        quantity: i + 1,
        reason,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const ledger = await read(keeper, `/api/v1/parts/${partId}/movements/export?lang=en`);
    expect(ledger.disposition).toBe(`attachment; filename="ledger-EXP-${tag}-2026-11-24.xlsx"`);
    expect(column(ledger, 'Movement')).toEqual(['Receipt', 'Receipt', 'Receipt']);
    expect(column(ledger, 'Quantity')).toEqual(['3', '2', '1']);
    expect(column(ledger, 'Reason')).toEqual(['补货', "'=1+1", '首批']);
    expect(column(ledger, 'To')).toEqual(['杭州中心库', '杭州中心库', '杭州中心库']);
    expect(new Set(column(ledger, 'Time'))).toEqual(new Set(['2026-11-24 10:00']));
    const zh = await read(keeper, `/api/v1/parts/${partId}/movements/export`);
    expect(column(zh, '类型')[0]).toBe('入库');
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await keeper.request('GET', `/api/v1/parts/${missing}/movements/export`)).statusCode).toBe(404);
    expect((await keeper.request('GET', `/api/v1/parts/${partId}/movements/export?limit=2`)).statusCode).toBe(
      400,
    );
    const customer = (await loginAs(t, { customerId: (await buildCustomer(t.db)).id })).session;
    expect((await customer.request('GET', `/api/v1/parts/${partId}/movements/export`)).statusCode).toBe(403);

    const catalogue = await read(keeper, `/api/v1/parts/export?q=EXP-${tag}&lang=en`);
    expect(column(catalogue, 'Part number')).toEqual([`EXP-${tag}`]);
    expect(column(catalogue, 'On hand (read-only)')).toEqual(['6']);
    expect((await keeper.request('GET', '/api/v1/parts/export?foo=1')).statusCode).toBe(400);
  });
});

describe('registry exports', () => {
  it('passes the customer list’s filters and writes the type as a word', async () => {
    const region = `区域${uid()}`;
    const manager = (await loginAs(t, { role: 'manager' })).session;
    for (const type of ['government', 'enterprise', 'government']) {
      const r = await manager.request('POST', '/api/v1/customers', {
        code: `R-${uid()}`,
        name: `客户 ${uid()}`,
        type,
        region,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const sheet = await read(
      manager,
      `/api/v1/exports/customers?region=${encodeURIComponent(region)}&type=government`,
    );
    expect(column(sheet, '类型')).toEqual(['政府机关', '政府机关']);
    expect((await manager.request('GET', '/api/v1/exports/customers?foo=1')).statusCode).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('documents every export as an xlsx answer', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/tickets/export',
      '/api/v1/work-orders/export',
      '/api/v1/follow-ups/export',
      '/api/v1/parts/export',
      '/api/v1/parts/{id}/movements/export',
      '/api/v1/stock/replenishment/export',
      '/api/v1/exports/{entity}',
    ]) {
      const content = doc.paths[path]?.get?.responses?.['200']?.content;
      expect(Object.keys(content ?? {}), path).toEqual([
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]);
    }
  });
});
