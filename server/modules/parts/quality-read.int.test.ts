// The early warning's part read models (quality-read.ts) on a hand-written ledger, counted by hand: the
// reads start from the issues since the date, so what happened before it must still be told apart.
// Equipment E1: batch A fitted in 2025-06 by two lines of one work order (WO-1: the second line is not a
// replacement of the first), both replaced by batch B in 2026-02 (WO-2), B replaced by batch C in 2026-11
// (WO-3): A's two failures are in February, B's in November. E2: A fitted in 2025-06, replaced in 2026-01
// by B (before the window from 2026-02-01): no failure in the window, though E2 has an issue of another
// part in it. E3: C fitted in 2026-11 only: no failure. Hand count since 2026-02-01: A 2 (2026-02),
// B 1 (2026-11); since 2026-11-01: B 1.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_TIME_ZONE, type TestApp } from '../../../test/helpers.ts';
import { batchFailuresByMonth, batchFailuresOf, batchInstalledUnits } from './index.ts';

let t: TestApp;
const part: string = randomUUID();
const other: string = randomUUID();
const batch = { A: randomUUID(), B: randomUUID(), C: randomUUID(), O: randomUUID() };
const asset = { E1: randomUUID(), E2: randomUUID(), E3: randomUUID() };

async function issue(partId: string, batchId: string, assetId: string, localDate: string, wo: string) {
  await t.db.execute(sql`insert into stock_movements (at, kind, part_id, batch_id, condition, quantity,
      work_order_ref, asset_id, actor_label)
    values ((${localDate}::timestamp + interval '10 hours') at time zone ${TEST_TIME_ZONE}, 'issue', ${partId},
      ${batchId}, 'good', 1, ${wo}, ${assetId}, 'test')`);
}

beforeAll(async () => {
  t = await createTestApp();
  await t.db.execute(sql`insert into parts (id, part_number, name) values (${part}, 'QR-1', '驱动电源'),
    (${other}, 'QR-2', '透镜')`);
  for (const [code, id] of Object.entries(batch))
    await t.db.execute(sql`insert into stock_batches (id, part_id, code, received_on)
      values (${id}, ${code === 'O' ? other : part}, ${`QR-${code}`}, '2025-05-01')`);
  await issue(part, batch.A, asset.E1, '2025-06-10', 'WO-QR-1');
  await issue(part, batch.A, asset.E1, '2025-06-10', 'WO-QR-1');
  await issue(part, batch.B, asset.E1, '2026-02-14', 'WO-QR-2');
  await issue(part, batch.C, asset.E1, '2026-11-03', 'WO-QR-3');
  await issue(part, batch.A, asset.E2, '2025-06-11', 'WO-QR-4');
  await issue(part, batch.B, asset.E2, '2026-01-20', 'WO-QR-5');
  await issue(other, batch.O, asset.E2, '2026-03-01', 'WO-QR-6');
  await issue(part, batch.C, asset.E3, '2026-11-05', 'WO-QR-7');
});
afterAll(() => t.close());

describe('the part read models of the early warning', () => {
  it('counts a fitted unit replaced again by another work order, in the month of the replacement', async () => {
    const mine = (rows: { batchId: string; month: string; count: number }[]) =>
      rows
        .filter((r) => (Object.values(batch) as string[]).includes(r.batchId))
        .map((r) => `${Object.entries(batch).find(([, id]) => id === r.batchId)![0]} ${r.month} ${r.count}`)
        .sort();
    expect(mine(await batchFailuresByMonth(t.db, '2026-02-01', TEST_TIME_ZONE))).toEqual([
      'A 2026-02 2',
      'B 2026-11 1',
    ]);
    expect(mine(await batchFailuresByMonth(t.db, '2026-11-01', TEST_TIME_ZONE))).toEqual(['B 2026-11 1']);
  });

  it('lists the replacements of chosen batches since a date, newest first', async () => {
    const rows = await batchFailuresOf(t.db, [batch.A, batch.B], '2026-01-01', TEST_TIME_ZONE, 50);
    expect(rows.map((r) => [r.batchId, r.assetId, r.workOrderRef])).toEqual([
      [batch.B, asset.E1, 'WO-QR-3'],
      [batch.A, asset.E1, 'WO-QR-2'],
      [batch.A, asset.E1, 'WO-QR-2'],
      [batch.A, asset.E2, 'WO-QR-5'],
    ]);
  });

  it('counts the installed units of each batch', async () => {
    const units = new Map((await batchInstalledUnits(t.db)).map((u) => [u.batchId, u.units]));
    expect([batch.A, batch.B, batch.C, batch.O].map((id) => units.get(id))).toEqual([3, 2, 2, 1]);
  });
});
