import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
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
import { type Ctx, systemCtx } from '../../platform/context.ts';
import { storeFile } from '../files/index.ts';
import { checkAllReorderRules } from './reorder.ts';

const clock = new ManualClock(new Date('2026-11-24T02:00:00Z'));
let t: TestApp;
let keeper: Session;
let manager: Session;
let field: Session;
let fieldId: string;
let otherField: Session;
let central: string;
let van: string;
let otherVan: string;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  keeper = (await loginAs(t, { role: 'storekeeper' })).session;
  manager = (await loginAs(t, { role: 'manager' })).session;
  const f = await loginAs(t, { role: 'field_engineer' });
  field = f.session;
  fieldId = f.user.id;
  const o = await loginAs(t, { role: 'field_engineer' });
  otherField = o.session;
  const loc = async (body: Record<string, unknown>) => {
    const r = await keeper.request('POST', '/api/v1/stock/locations', body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  central = await loc({ code: 'WH-HZ', name: '杭州中心库', kind: 'central', region: '杭州市' });
  van = await loc({ code: 'VAN-1', name: '刘工车载库', kind: 'van', keeperId: fieldId, region: '杭州市' });
  otherVan = await loc({
    code: 'VAN-2',
    name: '王工车载库',
    kind: 'van',
    keeperId: o.user.id,
    region: '深圳市',
  });
});
afterAll(() => t.close());

let seq = 0;
async function newPart(fields: Record<string, unknown> = {}) {
  const r = await keeper.request('POST', '/api/v1/parts', {
    partNumber: `DRV-${++seq}-${Math.random().toString(36).slice(2, 6)}`,
    name: 'LED 驱动电源 150W',
    specification: '220V 150W IP67',
    unit: '个',
    costFen: 12000,
    factoryPriceFen: 18000,
    ...fields,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

const levels = async (partId: string) =>
  (
    await t.db.execute<{
      location_id: string;
      batch: string;
      condition: string;
      on_hand: number;
      reserved: number;
    }>(
      sql`select l.location_id, b.code as batch, l.condition, l.on_hand, l.reserved from stock_levels l
        join stock_batches b on b.id = l.batch_id where l.part_id = ${partId} order by b.received_on, b.code`,
    )
  ).rows;

const receive = (
  partId: string,
  quantity: number,
  extra: Record<string, unknown> = {},
  locationId = central,
) => keeper.request('POST', '/api/v1/stock/receipts', { partId, locationId, quantity, ...extra });

describe('movements', () => {
  it('receives batches and issues the oldest first', async () => {
    const part = await newPart();
    expect((await receive(part, 5, { batchCode: 'B2', receivedOn: '2026-11-01' })).statusCode).toBe(200);
    expect((await receive(part, 5, { batchCode: 'B1', receivedOn: '2026-10-01' })).statusCode).toBe(200);
    const r = await keeper.request('POST', '/api/v1/stock/issues', {
      partId: part,
      locationId: central,
      quantity: 7,
      workOrderRef: 'WO-1',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().movements.map((m: { quantity: number }) => m.quantity)).toEqual([5, 2]);
    expect((await levels(part)).map((l) => [l.batch, l.on_hand])).toEqual([
      ['B1', 0],
      ['B2', 3],
    ]);
  });

  it('refuses to take more than is available, changing nothing', async () => {
    const part = await newPart();
    await receive(part, 2);
    const before = await t.db.execute(
      sql`select count(*)::int as n from stock_movements where part_id = ${part}`,
    );
    const r = await keeper.request('POST', '/api/v1/stock/issues', {
      partId: part,
      locationId: central,
      quantity: 3,
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toMatch(/available/);
    const after = await t.db.execute(
      sql`select count(*)::int as n from stock_movements where part_id = ${part}`,
    );
    expect(after.rows).toEqual(before.rows);
    expect((await levels(part))[0]!.on_hand).toBe(2);
  });

  it('lets the database refuse a negative quantity and any change to the ledger', async () => {
    const part = await newPart();
    await receive(part, 1);
    const failure = async (q: ReturnType<typeof sql>) => {
      const err = (await t.db.execute(q).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      )) as (Error & { cause?: Error }) | null;
      return String(err?.cause?.message ?? err?.message ?? 'no error');
    };
    expect(await failure(sql`update stock_levels set on_hand = -1 where part_id = ${part}`)).toMatch(
      /stock_levels_on_hand_nonneg/,
    );
    expect(await failure(sql`update stock_levels set reserved = 2 where part_id = ${part}`)).toMatch(
      /stock_levels_reserved_le_on_hand/,
    );
    expect(await failure(sql`delete from stock_movements where part_id = ${part}`)).toMatch(/append-only/);
  });

  it('gives exactly 10 of 50 parallel reservations of the last 10 units', async () => {
    const part = await newPart();
    await receive(part, 10);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        keeper.request('POST', '/api/v1/stock/reservations', {
          partId: part,
          locationId: central,
          quantity: 1,
          workOrderRef: `WO-${i}`,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    const [level] = await levels(part);
    expect(level).toMatchObject({ on_hand: 10, reserved: 10 });
    const ledger = await t.db.execute<{ n: number }>(
      sql`select coalesce(sum(quantity), 0)::int as n from stock_movements where part_id = ${part} and kind = 'reserve'`,
    );
    expect(ledger.rows[0]!.n).toBe(10);
  });

  it('reserves, releases and issues against a reservation', async () => {
    const part = await newPart();
    await receive(part, 4);
    const r = (
      await keeper.request('POST', '/api/v1/stock/reservations', {
        partId: part,
        locationId: central,
        quantity: 3,
      })
    ).json();
    const id = r.reservations[0].id;
    expect(
      (await keeper.request('POST', `/api/v1/stock/reservations/${id}/release`, { quantity: 1 })).statusCode,
    ).toBe(200);
    const issued = await keeper.request('POST', `/api/v1/stock/reservations/${id}/issue`, {});
    expect(issued.json().reservation.open).toBe(0);
    expect((await levels(part))[0]).toMatchObject({ on_hand: 2, reserved: 0 });
    const over = await keeper.request('POST', `/api/v1/stock/reservations/${id}/issue`, { quantity: 1 });
    expect(over.statusCode).toBe(422);
  });

  it('keeps returned defective parts apart from good stock', async () => {
    const part = await newPart();
    await receive(part, 1);
    const r = await keeper.request('POST', '/api/v1/stock/defective-returns', {
      partId: part,
      locationId: central,
      quantity: 1,
      serial: 'DRV-OLD-001',
      reason: '驱动损坏，带回备案',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().movements[0]).toMatchObject({ kind: 'return_defective', serial: 'DRV-OLD-001' });
    const detail = (await keeper.request('GET', `/api/v1/parts/${part}`)).json();
    expect(detail.stockLines.map((l: { condition: string }) => l.condition).sort()).toEqual([
      'defective',
      'good',
    ]);
    const list = (
      await keeper.request('GET', `/api/v1/parts?q=${encodeURIComponent(detail.partNumber)}`)
    ).json();
    expect(list.items[0].stock).toEqual({ onHand: 1, available: 1, defective: 1 });
  });

  it('warns when a batch past its shelf warranty is issued', async () => {
    const part = await newPart({ shelfLifeMonths: 1 });
    await receive(part, 2, { batchCode: 'OLD', receivedOn: '2026-08-01' });
    const r = await keeper.request('POST', '/api/v1/stock/issues', {
      partId: part,
      locationId: central,
      quantity: 1,
    });
    expect(r.json().warnings).toEqual([{ batchCode: 'OLD', shelfWarrantyEndedOn: '2026-09-01' }]);
  });
});

describe('who moves what', () => {
  it("lets a field engineer move only his van's stock, and see only it", async () => {
    const part = await newPart();
    await receive(part, 5);
    expect(
      (
        await field.request('POST', '/api/v1/stock/issues', {
          partId: part,
          locationId: central,
          quantity: 1,
        })
      ).statusCode,
    ).toBe(403);
    // The storekeeper loads his van; he uses a part on a job and sends one back.
    const moved = await keeper.request('POST', '/api/v1/stock/transfers', {
      partId: part,
      fromLocationId: central,
      toLocationId: van,
      quantity: 3,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(
      (await field.request('POST', '/api/v1/stock/issues', { partId: part, locationId: van, quantity: 1 }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await field.request('POST', '/api/v1/stock/transfers', {
          partId: part,
          fromLocationId: van,
          toLocationId: central,
          quantity: 1,
        })
      ).statusCode,
    ).toBe(200);
    expect((await otherField.request('GET', `/api/v1/stock/locations/${van}/stock`)).statusCode).toBe(403);
    expect((await field.request('GET', `/api/v1/stock/locations/${van}/stock`)).json()).toHaveLength(1);
    const seen = (await field.request('GET', `/api/v1/parts/${part}`)).json();
    expect(seen.stockLines.map((l: { locationId: string }) => l.locationId)).toEqual([van]);
    // The ledger he sees is his van's.
    const ledger = (await field.request('GET', `/api/v1/parts/${part}/movements`)).json();
    expect(
      ledger.items.every((m: { fromLocationId: string; toLocationId: string }) =>
        [m.fromLocationId, m.toLocationId].includes(van),
      ),
    ).toBe(true);
    // He may hold warehouse stock for a job (the storekeeper sees it reserved) and use what he held.
    const held = await field.request('POST', '/api/v1/stock/reservations', {
      partId: part,
      locationId: central,
      quantity: 1,
      workOrderRef: 'WO-FOR-JOB',
    });
    expect(held.statusCode, held.body).toBe(200);
    const heldId = held.json().reservations[0].id;
    expect(
      (await otherField.request('POST', `/api/v1/stock/reservations/${heldId}/release`, {})).statusCode,
    ).toBe(403);
    expect((await field.request('POST', `/api/v1/stock/reservations/${heldId}/issue`, {})).statusCode).toBe(
      200,
    );
    const customer = await buildCustomer(t.db);
    const portal = (await loginAs(t, { customerId: customer.id })).session;
    expect((await portal.request('GET', '/api/v1/parts')).statusCode).toBe(403);
    expect((await portal.request('GET', '/api/v1/stock/locations')).statusCode).toBe(403);
  });

  it('takes an emergency reservation from the nearest location that has the part', async () => {
    const part = await newPart();
    await receive(part, 2);
    const plain = await field.request('POST', '/api/v1/stock/reservations', {
      partId: part,
      locationId: van,
      quantity: 1,
    });
    expect(plain.statusCode).toBe(409);
    const urgent = await field.request('POST', '/api/v1/stock/reservations', {
      partId: part,
      locationId: van,
      quantity: 1,
      emergency: true,
      workOrderRef: 'WO-EMERG',
    });
    expect(urgent.statusCode, urgent.body).toBe(200);
    expect(urgent.json().locationId).toBe(central);
    const where = (await field.request('GET', `/api/v1/parts/${part}/availability`)).json();
    expect(where).toEqual([expect.objectContaining({ locationId: central, available: 1, mine: false })]);
    void otherVan;
  });
});

describe('replenishment', () => {
  it('raises an alert at the reorder point, tells the storekeepers, and closes it on receipt', async () => {
    const part = await newPart();
    await receive(part, 6);
    const rule = await keeper.request('PUT', '/api/v1/stock/reorder-rules', {
      partId: part,
      locationId: central,
      reorderPoint: 3,
      reorderQuantity: 10,
    });
    expect(rule.statusCode, rule.body).toBe(200);
    await keeper.request('POST', '/api/v1/stock/issues', { partId: part, locationId: central, quantity: 3 });
    let list = (await keeper.request('GET', '/api/v1/stock/replenishment')).json();
    const alert = list.find((a: { partId: string }) => a.partId === part);
    expect(alert).toMatchObject({ available: 3, reorderPoint: 3, suggestedQuantity: 10 });
    const note = await t.db.execute(
      sql`select 1 from outbox where template = 'parts.reorder' and payload->>'partId' = ${part}`,
    );
    expect(note.rows.length).toBeGreaterThan(0);
    const xlsx = await keeper.request('GET', '/api/v1/stock/replenishment/export');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    await receive(part, 10);
    list = (await keeper.request('GET', '/api/v1/stock/replenishment')).json();
    expect(list.find((a: { partId: string }) => a.partId === part)).toBeUndefined();
    // The daily pass finds what no movement touched.
    await t.db.execute(sql`update reorder_rules set reorder_point = 50 where part_id = ${part}`);
    await checkAllReorderRules(systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test'));
    list = (await keeper.request('GET', '/api/v1/stock/replenishment')).json();
    expect(list.find((a: { partId: string }) => a.partId === part)).toMatchObject({ available: 13 });
    expect((await field.request('GET', '/api/v1/stock/replenishment')).statusCode).toBe(403);
  });
});

describe('stock-taking', () => {
  it('counts a van, reports the variance, and posts it when a manager approves', async () => {
    const part = await newPart({ costFen: 5000 });
    await receive(part, 4);
    await keeper.request('POST', '/api/v1/stock/transfers', {
      partId: part,
      fromLocationId: central,
      toLocationId: van,
      quantity: 4,
    });
    const other = await newPart();
    const opened = await field.request('POST', '/api/v1/stock/counts', { locationId: van });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    expect((await field.request('POST', '/api/v1/stock/counts', { locationId: van })).statusCode).toBe(409);
    let count = (await field.request('GET', `/api/v1/stock/counts/${id}`)).json();
    const line = count.lines.find((l: { partId: string }) => l.partId === part);
    expect(line).toMatchObject({ expected: 4, counted: null });
    // Not everything counted yet: cannot submit.
    const early = await field.request('POST', `/api/v1/stock/counts/${id}/submit`, {
      version: count.version,
    });
    expect(early.statusCode).toBe(422);
    const lines = count.lines.map((l: { partId: string; batchId: string; expected: number }) => ({
      partId: l.partId,
      batchId: l.batchId,
      counted: l.partId === part ? 3 : l.expected,
    }));
    // A part found in the van that the books did not expect.
    lines.push({ partId: other, counted: 2 });
    const entered = await field.request('PATCH', `/api/v1/stock/counts/${id}/lines`, { lines });
    expect(entered.statusCode, entered.body).toBe(200);
    count = (
      await field.request('POST', `/api/v1/stock/counts/${id}/submit`, { version: count.version })
    ).json();
    expect(count.status).toBe('submitted');
    expect(count.variance.find((v: { partId: string }) => v.partId === part)).toMatchObject({
      variance: -1,
      valueFen: -5000,
    });
    expect(
      (await field.request('POST', `/api/v1/stock/counts/${id}/approve`, { version: count.version }))
        .statusCode,
    ).toBe(403);
    const approved = await manager.request('POST', `/api/v1/stock/counts/${id}/approve`, {
      version: count.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const vanStock = (await field.request('GET', `/api/v1/stock/locations/${van}/stock`)).json();
    expect(vanStock.find((s: { partId: string }) => s.partId === part).onHand).toBe(3);
    expect(vanStock.find((s: { partId: string }) => s.partId === other).onHand).toBe(2);
    const adj = await t.db.execute(sql`select kind, quantity, from_location_id from stock_movements
      where count_id = ${id} order by quantity`);
    expect(adj.rows).toHaveLength(2);
  });
});

describe('catalogue', () => {
  it('validates, refuses a duplicate number, and imports a workbook all or nothing', async () => {
    const bad = await keeper.request('POST', '/api/v1/parts', { partNumber: '', name: 'x' });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('partNumber');
    await keeper.request('POST', '/api/v1/parts', { partNumber: 'LAMP-HEAD-100', name: '灯头 100W' });
    const dup = await keeper.request('POST', '/api/v1/parts', { partNumber: 'lamp-head-100', name: '灯头' });
    expect(dup.statusCode).toBe(409);
    expect((await field.request('POST', '/api/v1/parts', { partNumber: 'X-1', name: 'x' })).statusCode).toBe(
      403,
    );

    const workbook = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('备件');
      ws.addRow(['备件编号', '名称', '规格', '单位', '原厂', '易损件', '成本（元）', '出厂价（元）']);
      for (const r of rows) ws.addRow(r);
      const ctx: Ctx = systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test');
      return storeFile(ctx, new LocalBlobStore(t.blobDir), {
        name: 'parts.xlsx',
        data: Buffer.from(await wb.xlsx.writeBuffer()),
      });
    };
    const broken = await workbook([
      ['FUSE-10A', '保险丝 10A', '', '个', 'Y', 'Y', '1.5', '2'],
      ['', '无编号', '', '', '', '', '', ''],
      ['LAMP-HEAD-100', '灯头 100W', '', '个', 'maybe', 'N', 'abc', ''],
    ]);
    const refused = await keeper.request('POST', '/api/v1/parts/import', { fileId: broken.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'rows.3.partNumber',
      'rows.4.genuine',
      'rows.4.cost',
    ]);
    expect((await keeper.request('GET', '/api/v1/parts?q=FUSE-10A')).json().items).toHaveLength(0);
    const good = await workbook([
      ['FUSE-10A', '保险丝 10A', '', '个', 'Y', 'Y', '1.5', '2'],
      ['LAMP-HEAD-100', '灯头 100W（新）', '', '个', 'Y', 'N', '80', '120'],
    ]);
    const ok = await keeper.request('POST', '/api/v1/parts/import', { fileId: good.id });
    expect(ok.json()).toEqual({ created: 1, updated: 1 });
    const lamp = (await keeper.request('GET', '/api/v1/parts?q=LAMP-HEAD-100')).json().items[0];
    expect(lamp).toMatchObject({ name: '灯头 100W（新）', costFen: 8000, factoryPriceFen: 12000 });
    const exported = await keeper.request('GET', '/api/v1/parts/export');
    expect(exported.statusCode).toBe(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(back.worksheets[0]!.getRow(1).getCell(1).value).toBe('备件编号');
  });

  it('changes only the fields a part update sends', async () => {
    const id = await newPart({ wearing: true, unit: '套' });
    const before = (await keeper.request('GET', `/api/v1/parts/${id}`)).json();
    const r = await keeper.request('PATCH', `/api/v1/parts/${id}`, {
      version: before.version,
      shelfLifeMonths: 24,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ wearing: true, unit: '套', shelfLifeMonths: 24, genuine: true });
  });

  it('describes every JSON answer of the parts API in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    type Schema = {
      properties?: Record<string, Schema>;
      items?: Schema;
      anyOf?: Schema[];
      oneOf?: Schema[];
      allOf?: Schema[];
    };
    /** Paths inside a schema that say nothing about their value (what z.any() gives). */
    const blanks = (schema: Schema, at: string): string[] => {
      if (Object.keys(schema).length === 0) return [at];
      return [
        ...Object.entries(schema.properties ?? {}).flatMap(([k, v]) => blanks(v, `${at}.${k}`)),
        ...(schema.items ? blanks(schema.items, `${at}[]`) : []),
        ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((v) =>
          blanks(v, at),
        ),
      ];
    };
    type Responses = Record<string, { content?: Record<string, { schema?: Schema }> }>;
    const undescribed: string[] = [];
    const described: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { responses?: Responses }>>(doc.paths)) {
      if (!/^\/api\/v1\/(parts|stock)\b/.test(path) || path.endsWith('/export')) continue;
      for (const [method, op] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          if (status === '204' || !/^2/.test(status)) continue;
          const where = `${method} ${path} ${status}`;
          const schema = response.content?.['application/json']?.schema;
          const missing = schema ? blanks(schema, where) : [where];
          if (missing.length) undescribed.push(...missing);
          else described.push(where);
        }
      }
    }
    expect(undescribed).toEqual([]);
    expect(described).toContain('post /api/v1/stock/receipts 200');
    expect(described.length).toBeGreaterThan(20);
  });
});

describe('the ledger is the truth', () => {
  it('for any sequence of movements, on hand is the sum of the ledger and never negative', async () => {
    const part = await newPart();
    const locations = [central, van];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('receipt'),
        loc: fc.integer({ min: 0, max: 1 }),
        q: fc.integer({ min: 1, max: 5 }),
      }),
      fc.record({
        kind: fc.constant('issue'),
        loc: fc.integer({ min: 0, max: 1 }),
        q: fc.integer({ min: 1, max: 6 }),
      }),
      fc.record({
        kind: fc.constant('transfer'),
        loc: fc.integer({ min: 0, max: 1 }),
        q: fc.integer({ min: 1, max: 6 }),
      }),
      fc.record({
        kind: fc.constant('reserve'),
        loc: fc.integer({ min: 0, max: 1 }),
        q: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({
        kind: fc.constant('release'),
        loc: fc.integer({ min: 0, max: 1 }),
        q: fc.integer({ min: 1, max: 4 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const locationId = locations[o.loc]!;
          const before = await levels(part);
          let r: Awaited<ReturnType<Session['request']>>;
          if (o.kind === 'receipt') r = await receive(part, o.q, {}, locationId);
          else if (o.kind === 'issue')
            r = await keeper.request('POST', '/api/v1/stock/issues', {
              partId: part,
              locationId,
              quantity: o.q,
            });
          else if (o.kind === 'transfer')
            r = await keeper.request('POST', '/api/v1/stock/transfers', {
              partId: part,
              fromLocationId: locationId,
              toLocationId: locations[1 - o.loc]!,
              quantity: o.q,
            });
          else if (o.kind === 'reserve')
            r = await keeper.request('POST', '/api/v1/stock/reservations', {
              partId: part,
              locationId,
              quantity: o.q,
            });
          else {
            const [open] = (
              await t.db.execute<{ id: string; open: number }>(
                sql`select id, open from stock_reservations where part_id = ${part} and open > 0 limit 1`,
              )
            ).rows;
            if (!open) continue;
            r = await keeper.request('POST', `/api/v1/stock/reservations/${open.id}/release`, {
              quantity: Math.min(o.q, open.open),
            });
          }
          expect([200, 409]).toContain(r.statusCode);
          if (r.statusCode === 409) expect(await levels(part)).toEqual(before);
        }
        const check = await t.db.execute<{
          on_hand: number;
          ledger: number;
          reserved: number;
          held: number;
        }>(sql`
          select l.on_hand, l.reserved,
            (select coalesce(sum(case when m.to_location_id = l.location_id then m.quantity else 0 end)
                              - sum(case when m.from_location_id = l.location_id then m.quantity else 0 end), 0)
               from stock_movements m where m.part_id = l.part_id and m.batch_id = l.batch_id
                 and m.condition = l.condition and m.kind not in ('reserve', 'release'))::int as ledger,
            (select coalesce(sum(open), 0) from stock_reservations r where r.part_id = l.part_id
                 and r.batch_id = l.batch_id and r.location_id = l.location_id)::int as held
          from stock_levels l where l.part_id = ${part}`);
        for (const row of check.rows) {
          expect(row.on_hand).toBe(row.ledger);
          expect(row.on_hand).toBeGreaterThanOrEqual(0);
          expect(row.reserved).toBe(row.held);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('issuing a reservation twice', () => {
  it('says in words that the reservation was already issued', async () => {
    const part = await newPart();
    await receive(part, 2);
    const r = (
      await keeper.request('POST', '/api/v1/stock/reservations', {
        partId: part,
        locationId: central,
        quantity: 2,
      })
    ).json();
    const id = r.reservations[0].id;
    expect((await keeper.request('POST', `/api/v1/stock/reservations/${id}/issue`, {})).statusCode).toBe(200);
    const again = await keeper.request('POST', `/api/v1/stock/reservations/${id}/issue`, {});
    expect(again.statusCode).toBe(422);
    expect(again.json().detail).toContain('already issued');
    expect(again.body).not.toContain('stock_movements_quantity_pos');
  });
});
