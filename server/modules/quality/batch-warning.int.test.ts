// The early warning's part × batch group over HTTP (issue 19): three batches of one part fitted to
// equipment a year and a half ago; the bad batch's units are replaced again five times this month, a
// normal batch's once this month and twice before. The bad batch raises an alert with its evidence
// (the replacements' tickets, the equipment, the batch) sent to the quality engineers and opened as a
// quality case; the normal batch raises none.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TQualityAlert } from '../../../common/quality-api.ts';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';
import { buildPartFleet, type PartFleet } from '../../../test/part-fleet.ts';
import { ManualClock } from '../../platform/clock.ts';

// 20 November 2026, noon in the organisation's zone.
const clock = new ManualClock(new Date('2026-11-20T04:00:00Z'));
let t: TestApp;
let quality: Session;
let fleet: PartFleet;
const batchIds = { GOOD1: randomUUID(), GOOD2: randomUUID(), BAD: randomUUID(), NEW: randomUUID() };

/** A repair ticket on an asset whose part is replaced (from batch NEW) that day. */
const replace = (asset: number, localDate: string) =>
  fleet.replace(fleet.assets[asset]!, localDate, batchIds.NEW);

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  quality = (await loginAs(t, { role: 'quality_engineer' })).session;
  fleet = await buildPartFleet(t, {
    prefix: 'BQ',
    partId: randomUUID(),
    partNumber: 'DRV-BQ',
    assetCount: 120,
    batches: Object.entries(batchIds).map(([code, id]) => ({ id, code })),
  });
  // 40 units of each batch fitted in June 2025.
  const batches = [batchIds.GOOD1, batchIds.GOOD2, batchIds.BAD];
  for (let i = 0; i < 120; i++)
    await fleet.fitPart(batches[Math.floor(i / 40)]!, fleet.assets[i]!, '2025-06-10');
  // The normal background: GOOD1 in March, GOOD2 in July and this month (one each).
  await replace(0, '2026-03-05');
  await replace(40, '2026-07-15');
  await replace(41, '2026-11-12');
  // The bad batch: five of its units replaced this month.
  for (let i = 0; i < 5; i++) await replace(80 + i, `2026-11-${String(3 + i * 3).padStart(2, '0')}`);
});
afterAll(() => t.close());

async function batchAlerts(): Promise<TQualityAlert[]> {
  const res = await quality.request('GET', '/api/v1/quality/alerts?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as TQualityAlert[]).filter((a) => a.groupKind === 'batch_part');
}

describe('early warning by part batch', () => {
  it('raises an alert for the bad batch with its evidence, and none for the normal ones', async () => {
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.statusCode, run.body).toBe(200);
    const alerts = await batchAlerts();
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({
      groupName: '驱动电源 BAD',
      faultCategory: 'DRV-BQ',
      level: 'month',
      reason: 'spike',
      count: 5,
      units: 40,
      status: 'open',
      periodStart: '2026-11-01',
    });
    expect(alert.pValue).toBeLessThan(0.005);
    expect(alert.evidence.batches).toEqual(['DRV-BQ BAD']);
    expect(alert.evidence.assets.map((a) => a.serial).sort()).toEqual([
      'BQ-80',
      'BQ-81',
      'BQ-82',
      'BQ-83',
      'BQ-84',
    ]);
    expect(alert.evidence.tickets).toHaveLength(5);
    expect(alert.evidence.tickets.every((x) => x.number.startsWith('BX-BQ-'))).toBe(true);

    const told = await t.db.execute<{ recipient: string }>(
      sql`select recipient from outbox where template = 'quality.alert' and channel = 'in_app' and payload->>'alertId' = ${alert.id}`,
    );
    expect(told.rows.map((r) => r.recipient)).toEqual([quality.me.id]);
  });

  it('opens a quality case from the batch alert, carrying the batch', async () => {
    const alert = (await batchAlerts())[0]!;
    const created = await quality.request('POST', '/api/v1/quality/cases', {
      sourceKind: 'alert',
      sourceId: alert.id,
      assetIds: alert.evidence.assets.map((a) => a.id),
      batches: alert.evidence.batches,
      description: '同批次驱动电源本月多次更换',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'open',
      sourceNumber: alert.number,
      batches: ['DRV-BQ BAD'],
    });
  });

  it('does not repeat the live alert on the next run', async () => {
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.statusCode).toBe(200);
    expect(await batchAlerts()).toHaveLength(1);
  });
});
