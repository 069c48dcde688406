// The storekeeper's dashboard against a hand-counted ledger (docs/analytics.md, "Spare parts"). The
// fixture is November 2026 in Asia/Shanghai; the hand count is written next to each expectation.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock(new Date('2026-10-20T02:00:00Z'));
let t: TestApp;
let keeper: Session;
const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const ids = {} as Record<
  'wh' | 'van' | 'a' | 'b' | 'c' | 'p1' | 'p2' | 'x' | 'y' | 'a1' | 'a2' | 'b1',
  string
>;
const NOV = 'from=2026-11-01&to=2026-11-30';

async function post(path: string, body: Record<string, unknown>, at?: string, as = keeper) {
  if (at) clock.set(new Date(at));
  const r = await as.request('POST', path, body);
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

// A work order as the field module leaves it: the charge sheet fixed at completion (null: not yet).
async function workOrder(number: string, projectId: string, assetIds: string[], charges: unknown) {
  const customer = await buildCustomer(t.db);
  await t.db.execute(
    sql`insert into work_orders (number, kind, status, customer_id, project_id, asset_ids, summary, charges)
        values (${number}, 'repair', ${charges ? 'completed' : 'in_progress'}, ${customer.id}, ${projectId},
                ${`{${assetIds.join(',')}}`}::uuid[], '维修', ${charges ? JSON.stringify(charges) : null}::jsonb)`,
  );
}
const sheet = (partsFree: boolean, reasons: { code: string; params: Record<string, string> }[] = []) => ({
  covered: { labour: partsFree, travel: partsFree, parts: partsFree },
  status: partsFree ? 'in_warranty' : 'expired',
  reasons: reasons.map((r) => ({ ...r, text: r.code })),
  lines: [],
  totalFen: 0,
});

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  keeper = (await loginAs(t, { role: 'storekeeper' })).session;
  const manager = (await loginAs(t, { role: 'manager' })).session;
  ids.wh = (
    await post('/api/v1/stock/locations', { code: `WH-${uid()}`, name: '中心库', kind: 'central' })
  ).id;
  ids.van = (await post('/api/v1/stock/locations', { code: `VAN-${uid()}`, name: '车载库', kind: 'van' })).id;
  const part = async (partNumber: string, costFen: number | null) =>
    (await post('/api/v1/parts', { partNumber, name: '备件', unit: '个', costFen })).id as string;
  ids.a = await part(`A-${uid()}`, 10_000);
  ids.b = await part(`B-${uid()}`, 5_000);
  ids.c = await part(`C-${uid()}`, null);
  const project = async () => {
    const customer = await buildCustomer(t.db);
    const p = await post(
      '/api/v1/projects',
      { customerId: customer.id, code: `P-${uid()}`, name: `项目${uid()}` },
      undefined,
      manager,
    );
    const product = await post(
      '/api/v1/products',
      { model: `M-${uid()}`, name: '投光灯', category: `cat-${uid()}`, sizeClass: 'small' },
      undefined,
      manager,
    );
    return { project: p.id as string, product: product.id as string };
  };
  const asset = async (projectId: string, productId: string) =>
    (await post('/api/v1/assets', { projectId, productId, serial: `S-${uid()}` }, undefined, manager))
      .id as string;
  ({ project: ids.p1, product: ids.x } = await project());
  ({ project: ids.p2, product: ids.y } = await project());
  ids.a1 = await asset(ids.p1, ids.x);
  ids.a2 = await asset(ids.p1, ids.x);
  ids.b1 = await asset(ids.p2, ids.y);
  const bNumber = (await keeper.request('GET', `/api/v1/parts/${ids.b}`)).json().partNumber;
  // WO-1: the first asset is in warranty; part B fitted to the second asset was charged.
  await workOrder(
    'WO-AN-1',
    ids.p1,
    [ids.a1, ids.a2],
    sheet(true, [{ code: 'part_fitted_charged', params: { part: bNumber, asset: 'a2' } }]),
  );
  // WO-2: out of warranty, parts charged. WO-3: not completed, no sheet yet.
  await workOrder('WO-AN-2', ids.p2, [ids.b1], sheet(false));
  await workOrder('WO-AN-3', ids.p1, [ids.a1], null);
  const rule = await keeper.request('PUT', '/api/v1/stock/reorder-rules', {
    partId: ids.b,
    locationId: ids.wh,
    reorderPoint: 14,
    reorderQuantity: 10,
  });
  expect(rule.statusCode, rule.body).toBeLessThan(300);

  const mv = (kind: string, body: Record<string, unknown>, at: string) =>
    post(`/api/v1/stock/${kind}`, body, at);
  await mv('receipts', { partId: ids.a, locationId: ids.wh, quantity: 10 }, '2026-10-20T02:00:00Z');
  await mv('receipts', { partId: ids.b, locationId: ids.wh, quantity: 20 }, '2026-10-20T02:00:00Z');
  // 31 Oct 23:00 in Shanghai: October, outside the period.
  await mv(
    'issues',
    { partId: ids.b, locationId: ids.wh, quantity: 1, workOrderRef: 'WO-AN-2' },
    '2026-10-31T15:00:00Z',
  );
  // 1 Nov 01:00 in Shanghai (still 31 Oct in UTC): a transfer, in the period but not consumption.
  await mv(
    'transfers',
    { partId: ids.a, fromLocationId: ids.wh, toLocationId: ids.van, quantity: 4 },
    '2026-10-31T17:00:00Z',
  );
  await mv('receipts', { partId: ids.c, locationId: ids.wh, quantity: 5 }, '2026-11-02T02:00:00Z');
  await mv(
    'issues',
    { partId: ids.c, locationId: ids.wh, quantity: 1, workOrderRef: 'WO-AN-2' },
    '2026-11-03T02:00:00Z',
  );
  await mv(
    'issues',
    { partId: ids.a, locationId: ids.van, quantity: 2, workOrderRef: 'WO-AN-1', assetId: ids.a1 },
    '2026-11-05T02:00:00Z',
  );
  await mv(
    'issues',
    { partId: ids.b, locationId: ids.wh, quantity: 3, workOrderRef: 'WO-AN-1', assetId: ids.a2 },
    '2026-11-06T02:00:00Z',
  );
  await mv(
    'issues',
    { partId: ids.b, locationId: ids.wh, quantity: 1, workOrderRef: 'WO-AN-1', assetId: ids.a1 },
    '2026-11-07T02:00:00Z',
  );
  await mv(
    'issues',
    { partId: ids.a, locationId: ids.wh, quantity: 1, workOrderRef: 'WO-AN-2' },
    '2026-11-10T02:00:00Z',
  );
  await mv(
    'returns',
    { partId: ids.a, locationId: ids.van, quantity: 1, workOrderRef: 'WO-AN-1' },
    '2026-11-12T02:00:00Z',
  );
  await mv(
    'issues',
    { partId: ids.a, locationId: ids.wh, quantity: 1, workOrderRef: 'WO-AN-3', assetId: ids.a1 },
    '2026-11-15T02:00:00Z',
  );
  // 1 Dec 00:30 in Shanghai (30 Nov in UTC): December, outside the period.
  await mv(
    'issues',
    { partId: ids.b, locationId: ids.wh, quantity: 2, workOrderRef: 'WO-AN-2' },
    '2026-11-30T16:30:00Z',
  );
  clock.set(new Date('2026-12-10T02:00:00Z'));
});
afterAll(() => t.close());

describe("the storekeeper's dashboard", () => {
  it('counts consumption and warranty cost vs charged by hand', async () => {
    expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
    const r = await keeper.request('GET', `/api/v1/parts/analysis?${NOV}`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    // Rows in November (value at cost): A +2 free 200.00 | B +3 charged (fitted to a2) 150.00 |
    // B +1 free (first asset, covered) 50.00 | A +1 charged (WO-2) 100.00 | A −1 unused return on WO-1,
    // free −100.00 | A +1 unsettled (WO-3 has no sheet) 100.00 | C +1 charged, no cost price 0.
    expect(d.total).toMatchObject({
      quantity: 8,
      costFen: 50_000,
      freeCostFen: 15_000,
      chargedCostFen: 25_000,
      unsettledCostFen: 10_000,
    });
    expect(d.uncostedQuantity).toBe(1);
    expect(d.trend).toEqual([expect.objectContaining({ key: '2026-11', costFen: 50_000, quantity: 8 })]);
    const byKey = (list: { key: string }[], key: string) => list.find((f) => f.key === key);
    // A: 2 + 1 − 1 + 1 = 3 → 300.00 (free 200 − 100, charged 100, unsettled 100); B: 3 + 1 = 4 → 200.00.
    expect(byKey(d.byPart, ids.a)).toMatchObject({
      quantity: 3,
      costFen: 30_000,
      freeCostFen: 10_000,
      chargedCostFen: 10_000,
      unsettledCostFen: 10_000,
    });
    expect(byKey(d.byPart, ids.b)).toMatchObject({
      quantity: 4,
      costFen: 20_000,
      freeCostFen: 5_000,
      chargedCostFen: 15_000,
    });
    expect(byKey(d.byPart, ids.c)).toMatchObject({ quantity: 1, costFen: 0 });
    // Project 1 (product X): 2 + 3 + 1 − 1 + 1 = 6 → 400.00; project 2 (product Y): A 1 + C 1 → 100.00.
    expect(byKey(d.byProject, ids.p1)).toMatchObject({ quantity: 6, costFen: 40_000 });
    expect(byKey(d.byProject, ids.p2)).toMatchObject({ quantity: 2, costFen: 10_000 });
    expect(byKey(d.byProduct, ids.x)).toMatchObject({ quantity: 6, costFen: 40_000 });
    expect(byKey(d.byProduct, ids.y)).toMatchObject({ quantity: 2, costFen: 10_000 });
  });

  it('counts stock turns by hand', async () => {
    const d = (await keeper.request('GET', `/api/v1/parts/analysis?${NOV}`)).json();
    // Warehouse: A 10 → 4 (−4 transfer, −1, −1), B 19 → 15 (the 31 Oct issue is before, the 1 Dec one
    // after), C 0 → 4 at no cost. Consumed A 2 × 100 + B 4 × 50 = 400.00; opening 1000 + 950 = 1950.00;
    // closing 400 + 750 = 1150.00; average 1550.00; turns 400 / 1550 = 0.26.
    const wh = d.turns.byLocation.find((f: { key: string }) => f.key === ids.wh);
    expect(wh).toMatchObject({
      kind: 'central',
      consumedCostFen: 40_000,
      openingValueFen: 195_000,
      closingValueFen: 115_000,
      averageValueFen: 155_000,
      turns: 0.26,
    });
    // Van: A 0 → 3 (+4, −2, +1 unused return); consumed 2 − 1 = 1 → 100.00; average 150.00; 0.67.
    const van = d.turns.byLocation.find((f: { key: string }) => f.key === ids.van);
    expect(van).toMatchObject({
      kind: 'van',
      consumedCostFen: 10_000,
      openingValueFen: 0,
      closingValueFen: 30_000,
      turns: 0.67,
    });
    // All: 500.00 / ((1950 + 1450) / 2 = 1700.00) = 0.29. Part A: 300 / ((1000 + 700) / 2) = 0.35.
    expect(d.turns.total).toMatchObject({ consumedCostFen: 50_000, averageValueFen: 170_000, turns: 0.29 });
    expect(d.turns.byPart.find((f: { key: string }) => f.key === ids.a)).toMatchObject({
      consumedCostFen: 30_000,
      averageValueFen: 85_000,
      turns: 0.35,
    });
    // B at the warehouse: 20 − 1 − 3 − 1 − 2 = 13 available, under the reorder point 14.
    expect(d.reorderAlerts).toEqual([
      expect.objectContaining({ partId: ids.b, locationId: ids.wh, available: 13, reorderPoint: 14 }),
    ]);
  });

  it('filters, drills down to the movements and exports each table', async () => {
    const p1 = (await keeper.request('GET', `/api/v1/parts/analysis?${NOV}&projectId=${ids.p1}`)).json();
    expect(p1.total).toMatchObject({ quantity: 6, costFen: 40_000, unsettledCostFen: 10_000 });
    const free = (await keeper.request('GET', `/api/v1/parts/analysis/records?${NOV}&basis=free`)).json();
    expect(free.total).toBe(3);
    expect(free.items.map((i: { valueFen: number }) => i.valueFen).sort()).toEqual(
      [-10_000, 20_000, 5_000].sort(),
    );
    expect(free.items.every((i: { workOrderRef: string }) => i.workOrderRef === 'WO-AN-1')).toBe(true);
    const x = await keeper.request('GET', `/api/v1/parts/analysis/export?${NOV}&table=byPart&lang=en`);
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]?.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((row) => row[3])).toContain(300);
    const turns = await keeper.request(
      'GET',
      `/api/v1/parts/analysis/export?${NOV}&table=turnsByLocation&lang=zh-CN`,
    );
    expect(turns.statusCode).toBe(200);
  });

  it("shows this month's figures on the storekeeper's home, and none to an agent", async () => {
    // Now is 10 Dec: December holds only the issue of 1 Dec 00:30 local, B × 2 on WO-AN-2 (charged) = 100.00.
    const w = (await keeper.request('GET', '/api/v1/workbench')).json();
    expect(w.figures).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-10',
      parts: { consumedCostFen: 10_000, warrantyCostFen: 0, chargedCostFen: 10_000 },
    });
    const agent = (await loginAs(t, { role: 'agent' })).session;
    expect((await agent.request('GET', '/api/v1/workbench')).json().figures).toBeUndefined();
  });

  it('answers an empty period with zeros and no turns', async () => {
    const d = (await keeper.request('GET', '/api/v1/parts/analysis?from=2025-01-01&to=2025-01-31')).json();
    expect(d.total).toMatchObject({ quantity: 0, costFen: 0 });
    expect(d.trend).toEqual([]);
    expect(d.byPart).toEqual([]);
    expect(d.turns.total.turns).toBeNull();
  });

  it('refuses roles without the catalogue permission and customers, and bad periods', async () => {
    for (const role of ['field_engineer', 'support_engineer', 'agent'] as const) {
      const s = (await loginAs(t, { role })).session;
      expect((await s.request('GET', `/api/v1/parts/analysis?${NOV}`)).statusCode).toBe(403);
    }
    const customer = await buildCustomer(t.db);
    const c = (await loginAs(t, { customerId: customer.id })).session;
    expect((await c.request('GET', `/api/v1/parts/analysis?${NOV}`)).statusCode).toBe(403);
    expect((await c.request('GET', `/api/v1/parts/analysis/records?${NOV}`)).statusCode).toBe(403);
    const bad = await keeper.request('GET', '/api/v1/parts/analysis?from=2026-11-30&to=2026-11-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('to');
  });
});
