// The early warning's supplier × part group over HTTP (issue 19). A receipt records a new batch's supplier
// and refuses a different supplier for an existing batch code. Then five batches of one part fitted a year
// and a half ago: supplier 甲's two batches (40 units) have five units replaced again this month, the
// other suppliers' units once this month and twice before, and a batch without a supplier five times this
// month. Supplier 甲 raises an alert naming its batches, tickets and equipment; the others raise none,
// and the batch without a supplier is in no supplier group. Then a fixed-seed generated history of two
// parts × six batches from two suppliers each (simulate.ts), written into the ledger: the supplier groups
// raise the same alerts over the database as the rules compute in memory, and the injected bad supplier,
// whose extra replacements are spread thinly over its batches, is found by its supplier alert though
// none of its batches raises one of its own.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_SETTINGS, type TQualityAlert } from '../../../common/quality-api.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';
import { buildPartFleet, type PartFleet } from '../../../test/part-fleet.ts';
import { ManualClock } from '../../platform/clock.ts';
import { type Detection, detect } from './rules.ts';
import {
  detectionOfAlert,
  generateHistory,
  type HistoryShape,
  NO_FAULT_HISTORY,
  partInputOf,
  score,
} from './simulate.ts';

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

// Two parts, six batches each (60–100 fitted units) from two suppliers (batches in turn), replaced again
// at 0.005 a unit and month for 24 months; one bad batch and one bad supplier. No fault history.
const SHAPE: HistoryShape = {
  ...NO_FAULT_HISTORY,
  seed: 4,
  months: 24,
  today: { year: 2026, month: 11, day: 20, daysInMonth: 30 },
  batches: {
    parts: 2,
    batchesPerPart: 6,
    unitsPerBatch: [60, 100],
    replaceRate: 0.005,
    injected: 1,
    extraPerMonth: [4, 8],
    duration: [2, 4],
    suppliers: { perPart: 2, injected: 1, extraPerMonth: [4, 8], duration: [2, 4] },
  },
};

describe('early warning by supplier on a generated history', () => {
  const history = generateHistory(SHAPE);
  const localDateOf = (month: number, day: number) =>
    `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

  beforeAll(async () => {
    for (const part of [...new Set(history.batches.map((b) => b.part))]) {
      const own = history.batches.filter((b) => b.part === part);
      const ids = new Map(own.map((b) => [b.id, randomUUID()]));
      // Replacements are fitted from a batch without a supplier: in no supplier group, nor its base.
      const spare = randomUUID();
      const fleet = await buildPartFleet(t, {
        prefix: `GS${part}`,
        partId: randomUUID(),
        partNumber: `GS-${part}`,
        assetCount: own.reduce((n, b) => n + b.units, 0),
        batches: [
          ...own.map((b) => ({ id: ids.get(b.id)!, code: b.id, supplier: b.supplier })),
          { id: spare, code: `${part}-SPARE`, supplier: null },
        ],
      });
      // Every unit fitted before the history starts; each replacement on a unit not replaced before.
      const unitsOf = new Map<string, string[]>();
      let next = 0;
      for (const b of own) {
        const assets = fleet.assets.slice(next, next + b.units);
        next += b.units;
        unitsOf.set(b.id, assets);
        for (const a of assets) await fleet.fitPart(ids.get(b.id)!, a, localDateOf(history.current - 25, 10));
      }
      for (const r of history.replacements.filter((x) => x.batch.part === part)) {
        const asset = unitsOf.get(r.batch.id)!.shift();
        if (!asset) throw new Error(`batch ${r.batch.id} has more replacements than units`);
        await fleet.replace(asset, localDateOf(r.month, r.day), spare);
      }
    }
  });

  it('raises the alerts the rules compute in memory and finds the bad supplier spread over its batches', async () => {
    const settings = DEFAULT_QUALITY_SETTINGS;
    const expected = detect(partInputOf(history, SHAPE, settings, 'supplier_part'));
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.statusCode, run.body).toBe(200);
    const res = await quality.request('GET', '/api/v1/quality/alerts?limit=200');
    const alerts = (res.json().items as TQualityAlert[]).filter(
      (a) => a.groupKind === 'supplier_part' && a.faultCategory.startsWith('GS-'),
    );
    // The group name is `supplier · part name`; the supplier as the simulator names it (P1/S2).
    const asDetections = alerts.map((a) =>
      detectionOfAlert(
        a,
        { id: a.groupName.split(' · ')[0]!, faultCategory: a.faultCategory.slice(3) },
        SHAPE.today,
      ),
    );
    const key = (d: Detection) => `${d.id}:${d.faultCategory}:${d.level}:${d.reason}:${d.count}:${d.units}`;
    expect(asDetections.map(key).sort()).toEqual(expected.map(key).sort());
    // This seed: the bad batch P1B2 (supplier P1/S2) and the bad supplier P2/S1 — two alerts, both
    // caused by an injected problem; the bad supplier found by its own group's alert.
    expect(history.injections.map((i) => `${i.kind}:${i.id}`)).toEqual([
      'batch_part:P1B2',
      'supplier_part:P2/S1',
    ]);
    expect(asDetections.map((d) => d.id).sort()).toEqual(['P1/S2', 'P2/S1']);
    const s = score(history, asDetections, settings);
    expect(s.byKind.supplier_part).toEqual({ alerts: 2, falseAlerts: 0, found: 1, injected: 1 });
    // Spread thinly: none of the bad supplier's batches is improbable on its own.
    const batchAlerts = detect(partInputOf(history, SHAPE, settings, 'batch_part'));
    const badBatches = history.batches.filter((b) => b.supplier === 'P2/S1').map((b) => b.id);
    expect(batchAlerts.filter((d) => badBatches.includes(d.id))).toEqual([]);
    expect(alerts.find((a) => a.groupName.startsWith('P2/S1'))!.evidence.batches.length).toBeGreaterThan(1);
  });
});
