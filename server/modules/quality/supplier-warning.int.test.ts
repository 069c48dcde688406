// The early warning's supplier × part group over HTTP (issue 19). A receipt records a new batch's supplier
// and refuses a different supplier for an existing batch code. Then five batches of one part fitted a year
// and a half ago: supplier 甲's two batches (40 units) have five units replaced again this month, the
// other suppliers' units once this month and twice before, and a batch without a supplier five times this
// month. Supplier 甲 raises an alert naming its batches, tickets and equipment; the others raise none,
// and the batch without a supplier is in no supplier group.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TQualityAlert } from '../../../common/quality-api.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';
import { buildPartFleet, type PartFleet } from '../../../test/part-fleet.ts';
import { ManualClock } from '../../platform/clock.ts';

// 20 November 2026, noon in the organisation's zone.
const clock = new ManualClock(new Date('2026-11-20T04:00:00Z'));
let t: TestApp;
let quality: Session;
let keeper: Session;
let fleet: PartFleet;
const partId = randomUUID();
const batches = {
  A1: { id: randomUUID(), supplier: '甲电源厂' },
  A2: { id: randomUUID(), supplier: '甲电源厂' },
  B1: { id: randomUUID(), supplier: '乙电源厂' },
  C1: { id: randomUUID(), supplier: '丙电源厂' },
  X: { id: randomUUID(), supplier: null },
  NEW: { id: randomUUID(), supplier: '乙电源厂' },
};

/** A repair ticket on an asset whose part is replaced (from batch NEW) that day. */
const replace = (asset: number, localDate: string) =>
  fleet.replace(fleet.assets[asset]!, localDate, batches.NEW.id);

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  quality = (await loginAs(t, { role: 'quality_engineer' })).session;
  keeper = (await loginAs(t, { role: 'storekeeper' })).session;
  fleet = await buildPartFleet(t, {
    prefix: 'SQ',
    partId,
    partNumber: 'DRV-SQ',
    assetCount: 160,
    batches: Object.entries(batches).map(([code, b]) => ({ code, ...b })),
  });
  // June 2025: 20 units each of A1 and A2 (supplier 甲), 40 each of B1, C1 and X.
  const fitted = ['A1', 'A2', 'B1', 'B1', 'C1', 'C1', 'X', 'X'] as const;
  for (let i = 0; i < 160; i++)
    await fleet.fitPart(batches[fitted[Math.floor(i / 20)]!].id, fleet.assets[i]!, '2025-06-10');
  // The normal background: B1 in March, C1 in July and this month (one each).
  await replace(40, '2026-03-05');
  await replace(80, '2026-07-15');
  await replace(81, '2026-11-12');
  // Supplier 甲: three units of A1 and two of A2 replaced this month.
  for (const [i, a] of [0, 1, 2, 20, 21].entries())
    await replace(a, `2026-11-${String(3 + i * 3).padStart(2, '0')}`);
  // The batch without a supplier: five units replaced this month.
  for (let i = 0; i < 5; i++) await replace(120 + i, `2026-11-${String(4 + i * 3).padStart(2, '0')}`);
});
afterAll(() => t.close());

describe('a receipt records the batch supplier', () => {
  it('stores the supplier of a new batch and refuses another supplier for the same batch code', async () => {
    const loc = await keeper.request('POST', '/api/v1/stock/locations', {
      code: 'WH-SQ',
      name: '供应商测试库',
      kind: 'central',
      region: '杭州市',
    });
    expect(loc.statusCode, loc.body).toBe(201);
    const receipt = (body: Record<string, unknown>) =>
      keeper.request('POST', '/api/v1/stock/receipts', {
        partId,
        locationId: loc.json().id,
        quantity: 2,
        batchCode: 'R-SUP-1',
        ...body,
      });
    const first = await receipt({ supplier: '  丁电源厂 ' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().batch).toMatchObject({ code: 'R-SUP-1', supplier: '丁电源厂' });
    // Without a supplier, or with the same one, the batch keeps its supplier.
    expect((await receipt({})).json().batch.supplier).toBe('丁电源厂');
    expect((await receipt({ supplier: '丁电源厂' })).statusCode).toBe(200);
    const other = await receipt({ supplier: '戊电源厂' });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors).toEqual([expect.objectContaining({ field: 'supplier' })]);
    // A batch received without a supplier does not take one later.
    const late = await receipt({ batchCode: 'X', supplier: '丁电源厂' });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors).toEqual([expect.objectContaining({ field: 'supplier' })]);
    // Too long: the request's validation names the field.
    const long = await receipt({ supplier: 'x'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json())).toContain('supplier');
    const detail = (await keeper.request('GET', `/api/v1/parts/${partId}`)).json();
    expect(detail.stockLines).toEqual([
      expect.objectContaining({ batchCode: 'R-SUP-1', supplier: '丁电源厂', onHand: 6 }),
    ]);
  });
});

describe('early warning by supplier and part', () => {
  it('raises an alert for the bad supplier with its evidence, and none for the others', async () => {
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.statusCode, run.body).toBe(200);
    const res = await quality.request('GET', '/api/v1/quality/alerts?limit=200');
    expect(res.statusCode, res.body).toBe(200);
    const alerts = (res.json().items as TQualityAlert[]).filter((a) => a.groupKind === 'supplier_part');
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({
      groupName: '甲电源厂 · 驱动电源',
      faultCategory: 'DRV-SQ',
      level: 'month',
      reason: 'spike',
      count: 5,
      units: 40,
      periodStart: '2026-11-01',
    });
    expect(alert.pValue).toBeLessThan(0.005);
    expect(alert.evidence.batches).toEqual(['DRV-SQ A1', 'DRV-SQ A2']);
    expect(alert.evidence.assets.map((a) => a.serial).sort()).toEqual([
      'SQ-0',
      'SQ-1',
      'SQ-2',
      'SQ-20',
      'SQ-21',
    ]);
    expect(alert.evidence.tickets).toHaveLength(5);
    expect(alert.evidence.tickets.every((x) => x.number.startsWith('BX-SQ-'))).toBe(true);
    // The batch without a supplier is in the batch group only.
    const batchAlerts = (res.json().items as TQualityAlert[]).filter((a) => a.groupKind === 'batch_part');
    expect(batchAlerts.map((a) => a.groupName)).toContain('驱动电源 X');
  });
});
