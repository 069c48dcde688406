// The records behind first-time fix and repeat repair (GET /api/v1/analytics/measures/records) against a
// hand count, paged: November 2026 in Asia/Shanghai = [2026-10-31T16:00Z, 2026-11-30T16:00Z).
//
// First-time fix (fault tickets first resolved in November, ≥ 1 visit on a repair work order that is not
// cancelled; reopen window 30 days):
//   T1 11-03, one work order, 1 visit (E1)                                   → fixed
//   T2 11-04, two work orders, 1 visit each (E1, then E2)                    → 2 visits, missed, engineer E2
//   T3 11-05, 1 visit, reopened 11-10                                        → missed
//   T4 11-06, a cancelled work order with a visit and a completed one with 1 → 1 visit, fixed
//   T5 11-07, only a cancelled work order with a visit                       → not eligible
//   T6 11-08, a work order without a visit                                   → not eligible
//   T7 11-09, 3 visits                                                       → missed
//   T8 2026-11-30T16:30Z = 1 Dec local, 2 visits                             → December
//   Missed T2, T3, T7; counted T1, T4.
// Repeat repair (completed repair work orders, per equipment, numbered over the equipment's history):
//   X: 10-15 (1st, October), 11-05 (2nd), cancelled 11-06 (no repair), 11-12 (3rd), one naming X and Y
//   11-20 (X 4th, Y 1st), one still assigned (no repair); Y: 11-25 (2nd).
//   Counted X2, X3, X4, Y2; missed Y1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildResolvedFaultTicket,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { repairsCompletedWithOrdinal } from '../field/index.ts';
import { workOrderEvents, workOrders } from '../field/schema.ts';
import { assets, products, projects } from '../registry/schema.ts';
import { periodInstants } from './dashboard.ts';

const clock = new ManualClock(new Date('2026-12-05T02:00:00Z'));
let t: TestApp;
let manager: Session;
let customerId: string;
let e1: string;
let e2: string;
const num = new Map<string, string>();
let seq = 0;
const d = (iso: string) => new Date(iso);

async function ticket(name: string, firstResolvedAt: string, reopenedAt: string | null = null) {
  const number = `TK-R${seq++}`;
  num.set(name, number);
  return buildResolvedFaultTicket(t.db, { number, customerId, firstResolvedAt, reopenedAt });
}

async function workOrder(v: {
  name?: string;
  engineerId?: string;
  ticketId?: string;
  assetIds?: string[];
  createdAt: string;
  completedAt?: string;
  arrivals?: number;
  status?: 'completed' | 'cancelled' | 'assigned';
}) {
  const number = `WO-R${seq++}`;
  if (v.name) num.set(v.name, number);
  const [w] = await t.db
    .insert(workOrders)
    .values({
      number,
      kind: 'repair',
      status: v.status ?? 'completed',
      ticketId: v.ticketId ?? null,
      customerId,
      assetIds: v.assetIds ?? [],
      engineerId: v.engineerId ?? e1,
      summary: 'repair',
      createdAt: d(v.createdAt),
      completedAt: v.completedAt ? d(v.completedAt) : null,
    })
    .returning({ id: workOrders.id });
  const at = d(v.completedAt ?? v.createdAt);
  for (let i = 0; i < (v.arrivals ?? 0); i++)
    await t.db
      .insert(workOrderEvents)
      // Another stage beside each arrival: only arrivals are visits.
      .values([
        { workOrderId: w!.id, stage: 'arrived', at, recordedAt: at, clientEventId: `ev-${seq++}` },
        { workOrderId: w!.id, stage: 'departed', at, recordedAt: at, clientEventId: `ev-${seq++}` },
      ]);
}

beforeAll(async () => {
  expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  manager = (await loginAs(t, { role: 'manager' })).session;
  e1 = (await loginAs(t, { role: 'field_engineer' })).user.id;
  e2 = (await loginAs(t, { role: 'field_engineer' })).user.id;
  customerId = (await buildCustomer(t.db)).id;

  const visitWo = (ticketId: string, resolved: string, arrivals: number, extra = {}) =>
    workOrder({ ticketId, createdAt: '2026-10-30T00:00:00Z', completedAt: resolved, arrivals, ...extra });
  const T1 = await ticket('T1', '2026-11-03T02:00:00Z');
  await visitWo(T1, '2026-11-03T01:00:00Z', 1);
  const T2 = await ticket('T2', '2026-11-04T02:00:00Z');
  await visitWo(T2, '2026-11-02T01:00:00Z', 1);
  await workOrder({
    ticketId: T2,
    engineerId: e2,
    createdAt: '2026-11-03T00:00:00Z',
    completedAt: '2026-11-04T01:00:00Z',
    arrivals: 1,
  });
  const T3 = await ticket('T3', '2026-11-05T02:00:00Z', '2026-11-10T02:00:00Z');
  await visitWo(T3, '2026-11-05T01:00:00Z', 1);
  const T4 = await ticket('T4', '2026-11-06T02:00:00Z');
  await workOrder({
    ticketId: T4,
    engineerId: e2,
    createdAt: '2026-10-30T00:00:00Z',
    arrivals: 1,
    status: 'cancelled',
  });
  await visitWo(T4, '2026-11-06T01:00:00Z', 1);
  const T5 = await ticket('T5', '2026-11-07T02:00:00Z');
  await workOrder({ ticketId: T5, createdAt: '2026-10-30T00:00:00Z', arrivals: 1, status: 'cancelled' });
  const T6 = await ticket('T6', '2026-11-08T02:00:00Z');
  await visitWo(T6, '2026-11-08T01:00:00Z', 0);
  const T7 = await ticket('T7', '2026-11-09T02:00:00Z');
  await visitWo(T7, '2026-11-09T01:00:00Z', 3);
  const T8 = await ticket('T8', '2026-11-30T16:30:00Z');
  await visitWo(T8, '2026-11-30T16:00:00Z', 2);

  const [p] = await t.db
    .insert(products)
    .values({ model: 'M-R', name: '路灯控制器', category: 'lighting' })
    .returning({ id: products.id });
  const [pr] = await t.db
    .insert(projects)
    .values({ customerId, code: 'PR-1', name: '甲项目', timeZone: TEST_TIME_ZONE })
    .returning({ id: projects.id });
  const asset = async (serial: string) => {
    const [a] = await t.db
      .insert(assets)
      .values({
        customerId,
        projectId: pr!.id,
        productId: p!.id,
        serial,
        installDate: '2026-01-01',
        repairCount: 0,
      })
      .returning({ id: assets.id });
    return a!.id;
  };
  const X = await asset('SN-X');
  const Y = await asset('SN-Y');
  const repair = (name: string, assetIds: string[], completedAt: string, status?: 'cancelled' | 'assigned') =>
    workOrder({
      name,
      assetIds,
      createdAt: new Date(d(completedAt).getTime() - 86_400_000).toISOString(),
      completedAt: status ? undefined : completedAt,
      status,
    });
  await repair('X1', [X], '2026-10-15T02:00:00Z');
  await repair('X2', [X], '2026-11-05T02:00:00Z');
  await repair('Xc', [X], '2026-11-06T02:00:00Z', 'cancelled');
  await repair('X3', [X], '2026-11-12T02:00:00Z');
  await repair('XY', [X, Y], '2026-11-20T02:00:00Z');
  await repair('Y2', [Y], '2026-11-25T02:00:00Z');
  await repair('Xa', [X], '2026-11-26T02:00:00Z', 'assigned');
});
afterAll(() => t.close());

const NOV = 'from=2026-11-01&to=2026-11-30';
type Item = { reference: string; detail: string; counted: boolean };
const records = async (q: string) => {
  const r = await manager.request('GET', `/api/v1/analytics/measures/records?${NOV}&${q}`);
  expect(r.statusCode, r.body).toBe(200);
  const page = r.json() as { total: number; items: Item[] };
  return { total: page.total, items: page.items.map((i) => [i.reference, i.detail, i.counted]) };
};

describe('the drill-down pages the records behind a figure', () => {
  it('first-time fix: visits over work orders, cancelled ones left out, reopenings within the window', async () => {
    expect(await records('measure=first_time_fix&outcome=missed')).toEqual({
      total: 3,
      items: [
        [num.get('T2'), 'visits=2', false],
        [num.get('T3'), 'visits=1; reopened=2026-11-10T02:00:00.000Z', false],
        [num.get('T7'), 'visits=3', false],
      ],
    });
    expect(await records('measure=first_time_fix&outcome=missed&limit=1&offset=1')).toEqual({
      total: 3,
      items: [[num.get('T3'), 'visits=1; reopened=2026-11-10T02:00:00.000Z', false]],
    });
    expect(await records('measure=first_time_fix&outcome=counted')).toEqual({
      total: 2,
      items: [
        [num.get('T1'), 'visits=1', true],
        [num.get('T4'), 'visits=1', true],
      ],
    });
    expect((await records('measure=first_time_fix&outcome=all&limit=2&offset=4')).total).toBe(5);
    // The engineer is the one of the ticket's last work order with a visit.
    expect(await records(`measure=first_time_fix&outcome=missed&engineerId=${e2}`)).toEqual({
      total: 1,
      items: [[num.get('T2'), 'visits=2', false]],
    });
    // The totals are the dashboard's figure.
    const m = (await manager.request('GET', `/api/v1/analytics/measures?${NOV}`)).json();
    expect(m.firstTimeFix).toEqual({ eligible: 5, fixed: 2, ratePercent: 40 });
  });

  it("repeat repair: each equipment's completed repairs numbered over its history", async () => {
    expect(await records('measure=repeat_repair&outcome=counted')).toEqual({
      total: 4,
      items: [
        [num.get('X2'), 'repair=2', true],
        [num.get('X3'), 'repair=3', true],
        [num.get('XY'), 'repair=4', true],
        [num.get('Y2'), 'repair=2', true],
      ],
    });
    expect(await records('measure=repeat_repair&outcome=counted&limit=2&offset=2')).toEqual({
      total: 4,
      items: [
        [num.get('XY'), 'repair=4', true],
        [num.get('Y2'), 'repair=2', true],
      ],
    });
    expect(await records('measure=repeat_repair&outcome=missed')).toEqual({
      total: 1,
      items: [[num.get('XY'), 'repair=1', false]],
    });
    const m = (await manager.request('GET', `/api/v1/analytics/measures?${NOV}`)).json();
    expect(m.repeatRepair).toMatchObject({ repairs: 5, repeats: 4 });
    // Both ways of numbering (a probe per repair, one pass over the history) agree.
    const nov = periodInstants('2026-11-01', '2026-11-30', TEST_TIME_ZONE);
    const probed = await repairsCompletedWithOrdinal(t.db, nov);
    expect(probed.map((r) => `${r.number} ${r.ordinal}`).sort()).toEqual(
      [
        `${num.get('X2')} 2`,
        `${num.get('X3')} 3`,
        `${num.get('XY')} 1`,
        `${num.get('XY')} 4`,
        `${num.get('Y2')} 2`,
      ].sort(),
    );
    expect(await repairsCompletedWithOrdinal(t.db, nov, 0)).toEqual(probed);
  });
});
