// The measures beyond SLA over HTTP against a hand count (docs/analytics.md's definitions), November
// 2026 in Asia/Shanghai = [2026-10-31T16:00Z, 2026-11-30T16:00Z). Fixture rows are written directly
// (exact instants); the ticket's first-resolution/reopening marks are also checked through the API.
//
// First-time fix (fault tickets first resolved in November with ≥ 1 visit; reopen window 30 days):
//   K1 A, resolved 11-05, 1 visit (E1)                     → fixed
//   K2 A, resolved 11-06, 2 visits (E1)                    → eligible, not fixed
//   K3 A, resolved 11-07, 1 visit, reopened 13 days later  → not fixed (within 30 days)
//   K4 A, resolved 11-08, 1 visit, reopened 42 days later  → fixed (after the window)
//   K5 A, resolved 11-09, no visit (remote)                → not eligible
//   K6 A, resolved 2026-11-30T16:30Z = 1 Dec 00:30 local   → December, not counted
//   K7 A, resolved 2026-10-31T16:30Z = 1 Nov 00:30 local   → November, fixed
//   K8 B, resolved 11-10, 1 visit (E2)                     → fixed
//   All: eligible 6, fixed 4 → 66.7 %. Customer A: 5, 3 → 60 %. E1: 5, 3. With a 10-day window K3 is
//   fixed: 5 of 6 → 83.3 %.
// Repeat repair (repair work orders completed in November, per asset; n-th repair of the asset):
//   R1 A1 completed 10-20 (1st, October), R2 A1 11-10 (2nd), R5 A1 11-20 (3rd), R3 A2 2026-11-30T15:59Z
//   (30 Nov 23:59 local, 1st), R4 B1 2026-11-30T16:01Z (1 Dec local). November: 3 repairs, 2 repeats
//   → 66.7 %. Registry counts (threshold 3): A1 3 → at the limit, A2 4 → past it, B1 1 → not listed.
// MTBF (failures = repair work orders opened in November, per asset): R2 (A1, 11-09), R5 (A1, 11-19),
//   R3 (A2, 11-29), R4 (B1, 2026-11-30T15:00Z = 30 Nov 23:00 local). Installed hours: A1 (since 10-01)
//   720, A2 (since 16 Nov local = 2026-11-15T16:00Z) 360, B1 720 → total 1800 / 4 = 450; project PA
//   1080 / 3 = 360, PB 720 / 1 = 720; asset A1 720 / 2 = 360.
// Follow-ups due in November: F1 on time, F2 reached 23:30 local on its due day (on time), F3 reached
//   00:30 local the next day (late), F4 open (not done), F5 emailed (not done), F6 cancelled (left out),
//   F7 B on time, F8 due 1 Dec local (left out) → due 6, on time 3, late 1, not done 2 → 50 %;
//   customer A: 5 due, 2 on time → 40 %.
// Engineers: E1 completed K1–K4, K7's work orders and R2, R3, R5 in November (K6's is 1 Dec local) → 8
//   jobs × 60 min = 480 min; working days: 21 weekdays − 2 days' leave (9–10 Nov) = 19 × 540 min = 10,260
//   → utilisation 4.7 %; travel 10.5 + 20 km = 30.5 km, 45 + 30 = 75 min; surveys 3 answers, 2
//   satisfied (one more answered 1 Dec 00:30 local is December) → 66.7 %. E2: 1 job, no profile.
// Staff performance November, E1: jobs 8, SLA 4 decided 3 met (the rollup), first-time fix 3 / 5,
//   satisfaction 2 / 3, complaints 2 of which 1 upheld.
import { and, eq, lt, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
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
import { complaintsAgainstStaff } from '../complaints/index.ts';
import { complaints } from '../complaints/schema.ts';
import { engineerProfiles, workOrderEvents, workOrders } from '../field/schema.ts';
import { followUps } from '../followups/schema.ts';
import { assets, products, projects } from '../registry/schema.ts';
import { surveyInvitations } from '../surveys/schema.ts';
import { tickets } from '../tickets/schema.ts';
import { periodInstants } from './dashboard.ts';
import {
  engineerFigures,
  firstTimeFix,
  followUpsOnTime,
  monthDays,
  mtbfFigures,
  repeatRepair,
} from './measures.ts';
import { mtbfFromRollup } from './mtbf-rollup.ts';
import { replaceNarrowDays, wideFigures } from './repository.ts';
import { refreshRollups } from './rollup.ts';
import { analyticsDaily } from './schema.ts';
import { measureSettingsOf } from './settings.ts';

const clock = new ManualClock(new Date('2026-12-05T02:00:00Z'));
let t: TestApp;
let manager: Session;
let engineer1: Session;
let customerUserA: Session;
let customerA: string;
let customerB: string;
let e1: string;
let e2: string;
let projectA: string;
let projectB: string;
let productId: string;
let a1: string;
let a2: string;
let b1: string;
const NOV = 'from=2026-11-01&to=2026-11-30';
let seq = 0;
const next = () => `${Date.now().toString(36)}${seq++}`;
const d = (iso: string) => new Date(iso);

const ticket = (customerId: string, firstResolvedAt: string, reopenedAt: string | null = null) =>
  buildResolvedFaultTicket(t.db, {
    number: `TK-${next()}`,
    customerId,
    projectId: customerId === customerA ? projectA : projectB,
    firstResolvedAt,
    reopenedAt,
  });

async function workOrder(v: {
  customerId: string;
  engineerId: string;
  ticketId?: string;
  assetIds?: string[];
  createdAt: string;
  completedAt: string | null;
  arrivals?: number;
  status?: 'completed' | 'cancelled' | 'assigned';
  travel?: { km: number; minutes: number };
  /** When it was written (what the rollup job reads), else now. */
  updatedAt?: string;
}) {
  const [w] = await t.db
    .insert(workOrders)
    .values({
      number: `WO-${next()}`,
      kind: 'repair',
      status: v.status ?? 'completed',
      ticketId: v.ticketId ?? null,
      customerId: v.customerId,
      projectId: v.customerId === customerA ? projectA : projectB,
      assetIds: v.assetIds ?? [],
      engineerId: v.engineerId,
      summary: 'repair',
      timeSpentMinutes: 60,
      travelKm: v.travel?.km ?? null,
      createdAt: d(v.createdAt),
      completedAt: v.completedAt ? d(v.completedAt) : null,
      ...(v.updatedAt ? { updatedAt: d(v.updatedAt) } : {}),
    })
    .returning({ id: workOrders.id });
  const at = d(v.completedAt ?? v.createdAt);
  const events: (typeof workOrderEvents.$inferInsert)[] = [];
  for (let i = 0; i < (v.arrivals ?? 0); i++)
    events.push({ workOrderId: w!.id, stage: 'arrived', at, recordedAt: at, clientEventId: next() });
  if (v.travel) {
    const dep = new Date(at.getTime() - v.travel.minutes * 60_000);
    events.push({ workOrderId: w!.id, stage: 'departed', at: dep, recordedAt: dep, clientEventId: next() });
    if (!v.arrivals)
      events.push({ workOrderId: w!.id, stage: 'arrived', at, recordedAt: at, clientEventId: next() });
  }
  if (events.length) await t.db.insert(workOrderEvents).values(events);
  return w!.id;
}

async function followUp(
  customerId: string,
  dueAt: string,
  status: string,
  outcomeAt: string | null,
  reached = true,
) {
  await t.db.insert(followUps).values({
    customerId,
    subjectId: crypto.randomUUID(),
    dueAt: d(dueAt),
    status: status as 'open',
    reached: outcomeAt ? reached : null,
    outcomeAt: outcomeAt ? d(outcomeAt) : null,
    createdAt: d('2026-10-01T00:00:00Z'),
  });
}

async function survey(engineerId: string, answeredAt: string, satisfied: boolean) {
  await t.db.insert(surveyInvitations).values({
    kind: 'repair',
    sourceId: crypto.randomUUID(),
    sourceAt: d(answeredAt),
    customerId: customerA,
    engineerId,
    locale: 'zh-CN',
    status: 'answered',
    createdAt: d(answeredAt),
    expiresAt: d('2027-01-01T00:00:00Z'),
    answeredAt: d(answeredAt),
    satisfied,
  });
}

async function complaint(againstUserId: string, upheld: boolean) {
  await t.db.insert(complaints).values({
    number: `CP-${next()}`,
    customerId: customerA,
    channel: 'hotline',
    complainantName: '王先生',
    matter: '维修慢',
    category: 'repair_quality',
    receivedAt: d('2026-11-15T02:00:00Z'),
    againstUserId,
    upheld,
    expectedAnswerAt: d('2026-11-16T02:00:00Z'),
  });
}

beforeAll(async () => {
  expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  manager = (await loginAs(t, { role: 'manager' })).session;
  const one = await loginAs(t, { role: 'field_engineer' });
  engineer1 = one.session;
  e1 = one.user.id;
  e2 = (await loginAs(t, { role: 'field_engineer' })).user.id;
  customerA = (await buildCustomer(t.db)).id;
  customerB = (await buildCustomer(t.db)).id;
  customerUserA = (await loginAs(t, { role: 'customer_user', customerId: customerA })).session;
  const [pa] = await t.db
    .insert(projects)
    .values({ customerId: customerA, code: `PA-${next()}`, name: '甲项目', timeZone: TEST_TIME_ZONE })
    .returning({ id: projects.id });
  const [pb] = await t.db
    .insert(projects)
    .values({ customerId: customerB, code: `PB-${next()}`, name: '乙项目', timeZone: TEST_TIME_ZONE })
    .returning({ id: projects.id });
  projectA = pa!.id;
  projectB = pb!.id;
  const [p] = await t.db
    .insert(products)
    .values({ model: `M-${next()}`, name: '路灯控制器', category: 'lighting' })
    .returning({ id: products.id });
  productId = p!.id;
  const asset = async (customerId: string, projectId: string, installDate: string, repairCount: number) => {
    const [a] = await t.db
      .insert(assets)
      .values({ customerId, projectId, productId, serial: `SN-${next()}`, installDate, repairCount })
      .returning({ id: assets.id });
    return a!.id;
  };
  a1 = await asset(customerA, projectA, '2026-10-01', 3);
  a2 = await asset(customerA, projectA, '2026-11-16', 4);
  b1 = await asset(customerB, projectB, '2026-01-01', 1);

  // First-time fix.
  const k = async (
    customerId: string,
    resolved: string,
    arrivals: number,
    engineerId = e1,
    reopened: string | null = null,
  ) => {
    const id = await ticket(customerId, resolved, reopened);
    if (arrivals)
      await workOrder({
        customerId,
        engineerId,
        ticketId: id,
        createdAt: '2026-10-30T00:00:00Z',
        completedAt: new Date(d(resolved).getTime() - 20 * 60_000).toISOString(),
        arrivals,
      });
    return id;
  };
  await k(customerA, '2026-11-05T02:00:00Z', 1);
  await k(customerA, '2026-11-06T02:00:00Z', 2);
  await k(customerA, '2026-11-07T02:00:00Z', 1, e1, '2026-11-20T02:00:00Z');
  await k(customerA, '2026-11-08T02:00:00Z', 1, e1, '2026-12-20T02:00:00Z');
  await k(customerA, '2026-11-09T02:00:00Z', 0);
  await k(customerA, '2026-11-30T16:30:00Z', 1);
  await k(customerA, '2026-10-31T16:40:00Z', 1);
  await k(customerB, '2026-11-10T02:00:00Z', 1, e2);
  // A cancelled work order's visit is not a visit.
  const k9 = await ticket(customerA, '2026-11-11T02:00:00Z');
  await workOrder({
    customerId: customerA,
    engineerId: e2,
    ticketId: k9,
    createdAt: '2026-11-10T00:00:00Z',
    completedAt: null,
    arrivals: 1,
    status: 'cancelled',
  });

  // Repairs and failures.
  const r = (
    assetId: string,
    customerId: string,
    createdAt: string,
    completedAt: string,
    travel?: { km: number; minutes: number },
  ) => workOrder({ customerId, engineerId: e1, assetIds: [assetId], createdAt, completedAt, travel });
  await r(a1, customerA, '2026-10-19T02:00:00Z', '2026-10-20T02:00:00Z');
  await r(a1, customerA, '2026-11-09T01:00:00Z', '2026-11-10T03:00:00Z', { km: 10.5, minutes: 45 });
  await r(a2, customerA, '2026-11-29T02:00:00Z', '2026-11-30T15:59:00Z', { km: 20, minutes: 30 });
  await r(b1, customerB, '2026-11-30T15:00:00Z', '2026-11-30T16:01:00Z');
  await r(a1, customerA, '2026-11-19T02:00:00Z', '2026-11-20T02:00:00Z');

  // Follow-ups.
  await followUp(customerA, '2026-11-10T02:00:00Z', 'done', '2026-11-10T08:00:00Z');
  await followUp(customerA, '2026-11-11T02:00:00Z', 'done', '2026-11-11T15:30:00Z');
  await followUp(customerA, '2026-11-12T02:00:00Z', 'awaiting_customer', '2026-11-12T16:30:00Z');
  await followUp(customerA, '2026-11-13T02:00:00Z', 'open', null);
  await followUp(customerA, '2026-11-14T02:00:00Z', 'emailed', '2026-11-17T02:00:00Z', false);
  await followUp(customerA, '2026-11-15T02:00:00Z', 'cancelled', null);
  await followUp(customerB, '2026-11-16T02:00:00Z', 'done', '2026-11-16T03:00:00Z');
  await followUp(customerA, '2026-11-30T16:30:00Z', 'done', '2026-11-30T17:00:00Z');

  // Engineer profile, surveys, complaints, the SLA rollup's rows.
  await t.db.insert(engineerProfiles).values({
    userId: e1,
    workDays: [1, 2, 3, 4, 5],
    workStart: 510,
    workEnd: 1050,
    leave: [{ from: '2026-11-09', to: '2026-11-10' }],
  });
  await survey(e1, '2026-11-03T02:00:00Z', true);
  await survey(e1, '2026-11-04T02:00:00Z', true);
  await survey(e1, '2026-11-05T02:00:00Z', false);
  await survey(e1, '2026-11-30T16:30:00Z', false);
  await complaint(e1, true);
  await complaint(e1, false);
  await slaDayOfE1('2026-11-05', 4, 3);
});

/** SLA targets of E1 decided and met on a day: the wide rollup row, and the narrow rows from it (as the job writes them). */
async function slaDayOfE1(day: string, n: number, met: number) {
  await t.db.insert(analyticsDaily).values({
    day,
    measure: 'sla',
    metric: 'on_site',
    customerId: customerA,
    projectId: projectA,
    productId,
    team: 'field_engineer',
    engineerId: e1,
    n,
    met,
    breached: n - met,
    seconds: 600,
  });
  await replaceNarrowDays(t.db, 'sla', [day]);
}
afterAll(() => t.close());

const measures = (s: Session, q: string) => s.request('GET', `/api/v1/analytics/measures?${q}`);

describe('measures equal the hand count', () => {
  it('first-time fix, repeat repair, follow-ups, MTBF and engineers in November', async () => {
    const r = await measures(manager, NOV);
    expect(r.statusCode, r.body).toBe(200);
    const m = r.json();
    expect(m.settings).toEqual({ firstFixReopenDays: 30, repeatRepairThreshold: 3 });
    expect(m.firstTimeFix).toEqual({ eligible: 6, fixed: 4, ratePercent: 66.7 });
    expect(m.repeatRepair).toMatchObject({ repairs: 3, repeats: 2, ratePercent: 66.7 });
    const listed = m.repeatRepair.assets.filter((a: { projectName: string }) =>
      ['甲项目', '乙项目'].includes(a.projectName),
    );
    expect(listed.map((a: { repairCount: number; state: string }) => [a.repairCount, a.state])).toEqual([
      [4, 'past_limit'],
      [3, 'at_limit'],
    ]);
    expect(m.followUps).toEqual({ due: 6, onTime: 3, late: 1, notDone: 2, ratePercent: 50 });
    expect(m.mtbf.total).toMatchObject({ installedHours: 1800, failures: 4, mtbfHours: 450 });
    expect(m.mtbf.byProduct).toEqual([
      expect.objectContaining({ key: productId, installedHours: 1800, failures: 4, mtbfHours: 450 }),
    ]);
    expect(m.mtbf.byProject).toEqual([
      expect.objectContaining({
        key: projectA,
        label: '甲项目',
        installedHours: 1080,
        failures: 3,
        mtbfHours: 360,
      }),
      expect.objectContaining({ key: projectB, installedHours: 720, failures: 1, mtbfHours: 720 }),
    ]);
    expect(m.mtbf.byAsset.find((x: { key: string }) => x.key === a1)).toMatchObject({
      failures: 2,
      mtbfHours: 360,
    });
    expect(m.mtbf.byModel).toHaveLength(1);
    const one = m.engineers.find((x: { engineerId: string }) => x.engineerId === e1);
    expect(one).toMatchObject({
      jobs: 8,
      minutesOnJobs: 480,
      workingMinutes: 10_260,
      utilisationPercent: 4.7,
      travelKm: 30.5,
      travelMinutes: 75,
      answers: 3,
      satisfied: 2,
      satisfactionPercent: 66.7,
    });
    expect(m.engineers.find((x: { engineerId: string }) => x.engineerId === e2)).toMatchObject({
      jobs: 1,
      workingMinutes: null,
      utilisationPercent: null,
    });
  });

  it('filters: one customer, one engineer, one product', async () => {
    const a = (await measures(manager, `${NOV}&customerId=${customerA}`)).json();
    expect(a.firstTimeFix).toEqual({ eligible: 5, fixed: 3, ratePercent: 60 });
    expect(a.followUps).toMatchObject({ due: 5, onTime: 2, ratePercent: 40 });
    expect(a.mtbf.total).toMatchObject({ installedHours: 1080, failures: 3, mtbfHours: 360 });
    const b = (await measures(manager, `${NOV}&customerId=${customerB}`)).json();
    expect(b.repeatRepair).toMatchObject({ repairs: 0, repeats: 0, ratePercent: null, assets: [] });
    const byE1 = (await measures(manager, `${NOV}&engineerId=${e1}`)).json();
    expect(byE1.firstTimeFix).toEqual({ eligible: 5, fixed: 3, ratePercent: 60 });
    const byProduct = (await measures(manager, `${NOV}&productId=${productId}`)).json();
    expect(byProduct.repeatRepair).toMatchObject({ repairs: 3, repeats: 2 });
    // The fault tickets name no equipment: none is of the product.
    expect(byProduct.firstTimeFix.eligible).toBe(0);
    // A team is its members' records: both engineers are field engineers; no agent did any of it.
    const field = (await measures(manager, `${NOV}&team=field_engineer`)).json();
    expect(field.firstTimeFix).toEqual({ eligible: 6, fixed: 4, ratePercent: 66.7 });
    expect(field.followUps.due).toBe(0); // the follow-ups have no agent
    const agents = (await measures(manager, `${NOV}&team=agent`)).json();
    expect(agents.firstTimeFix.eligible).toBe(0);
    expect(agents.repeatRepair.repairs).toBe(0);
    expect(agents.engineers).toEqual([]);
  });

  it('December holds what crossed the month end in Shanghai', async () => {
    const m = (await measures(manager, 'from=2026-12-01&to=2026-12-31')).json();
    expect(m.firstTimeFix).toEqual({ eligible: 1, fixed: 1, ratePercent: 100 });
    expect(m.repeatRepair).toMatchObject({ repairs: 1, repeats: 0 });
    expect(m.followUps).toMatchObject({ due: 1, onTime: 1 });
  });

  it('an empty period answers zeros', async () => {
    const m = (await measures(manager, 'from=2025-01-01&to=2025-01-31')).json();
    expect(m.firstTimeFix).toEqual({ eligible: 0, fixed: 0, ratePercent: null });
    expect(m.mtbf.total.failures).toBe(0);
    expect(m.mtbf.total.mtbfHours).toBeNull();
  });

  it('the drill-down lists the records behind a figure', async () => {
    const r = await manager.request(
      'GET',
      `/api/v1/analytics/measures/records?${NOV}&measure=first_time_fix&outcome=missed`,
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().total).toBe(2);
    expect(r.json().items.map((i: { detail: string }) => i.detail.startsWith('visits='))).toEqual([
      true,
      true,
    ]);
    const rr = (
      await manager.request(
        'GET',
        `/api/v1/analytics/measures/records?${NOV}&measure=repeat_repair&outcome=counted`,
      )
    ).json();
    expect(rr.items.map((i: { detail: string }) => i.detail)).toEqual(['repair=2', 'repair=3']);
    const fu = (
      await manager.request('GET', `/api/v1/analytics/measures/records?${NOV}&measure=follow_ups`)
    ).json();
    expect(fu.total).toBe(6);
    const fl = (
      await manager.request('GET', `/api/v1/analytics/measures/records?${NOV}&measure=failures`)
    ).json();
    expect(fl.total).toBe(4);
  });

  it('the reopen window is a setting (version-checked)', async () => {
    const s = (await manager.request('GET', '/api/v1/analytics/settings')).json();
    const bad = await manager.request('PUT', '/api/v1/analytics/settings', {
      version: s.version,
      firstFixReopenDays: 0,
      repeatRepairThreshold: 3,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('firstFixReopenDays');
    const ok = await manager.request('PUT', '/api/v1/analytics/settings', {
      version: s.version,
      firstFixReopenDays: 10,
      repeatRepairThreshold: 3,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await manager.request('PUT', '/api/v1/analytics/settings', {
      version: s.version,
      firstFixReopenDays: 10,
      repeatRepairThreshold: 3,
    });
    expect(stale.statusCode).toBe(409);
    expect((await measures(manager, NOV)).json().firstTimeFix).toEqual({
      eligible: 6,
      fixed: 5,
      ratePercent: 83.3,
    });
    const back = await manager.request('PUT', '/api/v1/analytics/settings', {
      version: ok.json().version,
      firstFixReopenDays: 30,
      repeatRepairThreshold: 3,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await engineer1.request('PUT', '/api/v1/analytics/settings', back.json())).statusCode).toBe(403);
  });
});

describe('isolation and permissions', () => {
  it("a customer sees only its own figures, without the staff's", async () => {
    const mine = (await measures(customerUserA, NOV)).json();
    expect(mine.firstTimeFix).toEqual({ eligible: 5, fixed: 3, ratePercent: 60 });
    expect(mine.followUps.due).toBe(5);
    expect(mine.engineers).toEqual([]);
    expect(mine.repeatRepair.assets.every((a: { projectName: string }) => a.projectName === '甲项目')).toBe(
      true,
    );
    expect((await measures(customerUserA, `${NOV}&customerId=${customerB}`)).statusCode).toBe(404);
    const recs = (
      await customerUserA.request('GET', `/api/v1/analytics/measures/records?${NOV}&measure=failures`)
    ).json();
    expect(recs.total).toBe(3);
    expect(
      (await customerUserA.request('GET', `/api/v1/analytics/measures/export?${NOV}&table=engineers`))
        .statusCode,
    ).toBe(403);
    expect(
      (await customerUserA.request('GET', '/api/v1/analytics/performance?month=2026-11')).statusCode,
    ).toBe(403);
  });

  it('an engineer may not read the dashboard', async () => {
    expect((await measures(engineer1, NOV)).statusCode).toBe(403);
  });

  it('bad input names the field', async () => {
    const r = await measures(manager, 'from=2026-11-30&to=2026-11-01');
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('to');
    const p = await manager.request('GET', '/api/v1/analytics/performance?month=2026-13');
    expect(p.statusCode).toBe(400);
    expect(p.body).toContain('month');
  });
});

describe('staff performance', () => {
  const e1Row = {
    jobs: 8,
    slaDecided: 4,
    slaMet: 3,
    slaPercent: 75,
    firstFixEligible: 5,
    firstFixed: 3,
    firstFixPercent: 60,
    answers: 3,
    satisfied: 2,
    satisfactionPercent: 66.7,
    complaints: 2,
    complaintsUpheld: 1,
  };
  it('the engineer sees their own record only', async () => {
    const r = await engineer1.request('GET', '/api/v1/analytics/performance?month=2026-11');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().view).toBe('own');
    expect(r.json().rows).toEqual([expect.objectContaining({ userId: e1, month: '2026-11', ...e1Row })]);
    const other = await engineer1.request('GET', `/api/v1/analytics/performance?month=2026-11&userId=${e2}`);
    expect(other.statusCode).toBe(403);
  });

  it('a manager sees everyone, and exports it to Excel', async () => {
    const r = (await manager.request('GET', '/api/v1/analytics/performance?month=2026-11')).json();
    expect(r.view).toBe('everyone');
    expect(r.rows.find((x: { userId: string }) => x.userId === e1)).toMatchObject(e1Row);
    expect(r.rows.find((x: { userId: string }) => x.userId === e2)).toMatchObject({
      jobs: 1,
      firstFixEligible: 1,
      firstFixed: 1,
    });
    const x = await manager.request('GET', '/api/v1/analytics/performance/export?month=2026-11&lang=en');
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const own = await engineer1.request('GET', '/api/v1/analytics/performance/export?month=2026-11');
    expect(own.statusCode).toBe(200);
  });
});

describe('first resolution and reopening are recorded on the ticket', () => {
  it('resolve, reopen, resolve again: the first resolution and the first reopening stay', async () => {
    const agent = (await loginAs(t, { role: 'agent' })).session;
    const c = await agent.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      customerId: customerA,
      subject: '路灯不亮',
      description: '3 号路灯不亮',
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    const patch = async (status: string) => {
      const cur = (await agent.request('GET', `/api/v1/tickets/${id}`)).json();
      const r = await agent.request('PATCH', `/api/v1/tickets/${id}`, { version: cur.version, status });
      expect(r.statusCode, r.body).toBe(200);
    };
    clock.set(d('2026-12-05T03:00:00Z'));
    await patch('resolved');
    clock.set(d('2026-12-06T03:00:00Z'));
    await patch('in_progress');
    clock.set(d('2026-12-07T03:00:00Z'));
    await patch('resolved');
    await patch('in_progress');
    const [row] = await t.db
      .select({ first: tickets.firstResolvedAt, reopened: tickets.reopenedAt })
      .from(tickets)
      .where(eq(tickets.id, id));
    expect(row).toEqual({ first: d('2026-12-05T03:00:00Z'), reopened: d('2026-12-06T03:00:00Z') });
  });
});

describe('the daily rollup of the measures', () => {
  // The per-request computation (measures.ts's functions over the records) against the dashboard,
  // which after a rollup run sums the stored days before the watermark's day.
  async function perRequest(q: { from: string; to: string } & Record<string, string>) {
    const settings = await measureSettingsOf(t.db);
    const [ftf, rr, fu, engineers] = await Promise.all([
      firstTimeFix(t.db, q, settings, TEST_TIME_ZONE),
      repeatRepair(t.db, q, TEST_TIME_ZONE),
      followUpsOnTime(t.db, q, TEST_TIME_ZONE),
      engineerFigures(t.db, q, TEST_TIME_ZONE),
    ]);
    return {
      firstTimeFix: { eligible: ftf.eligible, fixed: ftf.fixed, ratePercent: ftf.ratePercent },
      repeatRepair: {
        repairs: rr.repairs,
        repeats: rr.repeats,
        ratePercent: rr.ratePercent,
        assets: undefined,
      },
      followUps: {
        due: fu.due,
        onTime: fu.onTime,
        late: fu.late,
        notDone: fu.notDone,
        ratePercent: fu.ratePercent,
      },
      engineers,
    };
  }
  async function expectSame(more: Record<string, string>[] = []) {
    const cases: Record<string, string>[] = [
      ...more,
      {},
      { customerId: customerA },
      { customerId: customerB },
      { engineerId: e1 },
      { productId },
      { team: 'field_engineer' },
      { team: 'agent' },
    ];
    for (const period of [
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-11-30', to: '2026-12-01' },
    ]) {
      for (const c of cases) {
        const q = { ...period, ...c };
        const r = await measures(manager, new URLSearchParams(q).toString());
        expect(r.statusCode, r.body).toBe(200);
        const m = r.json();
        expect(
          {
            firstTimeFix: m.firstTimeFix,
            repeatRepair: { ...m.repeatRepair, assets: undefined },
            followUps: m.followUps,
            engineers: m.engineers,
          },
          JSON.stringify(q),
        ).toEqual(await perRequest(q));
      }
    }
  }

  it('after a run the dashboard reads the stored days and gives the per-request figures, under every filter', async () => {
    clock.set(d('2026-12-08T00:00:00Z'));
    const run = await refreshRollups({ db: t.db, clock, timeZone: TEST_TIME_ZONE });
    expect(run.measures.days).toBeGreaterThan(0);
    // The stored November rows hold the hand count (not vacuous: the dashboard reads these).
    const stored = await t.db.execute<{ measure: string; n: number; hits: number }>(sql`
      select measure, sum(n)::int as n, sum(hits)::int as hits from analytics_measures_daily
       where day between '2026-11-01' and '2026-11-30' group by measure`);
    const of = (m: string) => stored.rows.find((x) => x.measure === m);
    expect(of('repeat_repair')).toMatchObject({ n: 3, hits: 2 });
    expect(of('follow_up')).toMatchObject({ n: 6, hits: 3 });
    expect(of('job')?.n).toBe(9);
    await expectSame();
    // The first run reads every source from nothing: slow on a loaded machine.
  }, 180_000);

  it('a record written later recomputes its day on the next run (a follow-up reached late)', async () => {
    const [open] = await t.db
      .select({ id: followUps.id })
      .from(followUps)
      .where(and(eq(followUps.status, 'open'), lt(followUps.dueAt, d('2026-11-30T16:00:00Z'))));
    expect(open).toBeDefined();
    await t.db
      .update(followUps)
      .set({
        status: 'done',
        reached: true,
        outcomeAt: d('2026-12-08T04:00:00Z'),
        updatedAt: d('2026-12-08T04:00:00Z'),
      })
      .where(eq(followUps.id, open!.id));
    clock.set(d('2026-12-08T05:00:00Z'));
    const run = await refreshRollups({ db: t.db, clock, timeZone: TEST_TIME_ZONE });
    expect(run.measures.days).toBe(1);
    const m = (await measures(manager, NOV)).json();
    expect(m.followUps).toMatchObject({ due: 6, onTime: 3, late: 2, notDone: 1 });
    await expectSame();
  });

  it('another reopen window: the stored rows are dropped from use until the next run recomputes them all', async () => {
    const cur = (await manager.request('GET', '/api/v1/analytics/settings')).json();
    const ten = await manager.request('PUT', '/api/v1/analytics/settings', {
      version: cur.version,
      firstFixReopenDays: 10,
      repeatRepairThreshold: 3,
    });
    expect(ten.statusCode, ten.body).toBe(200);
    // K3 (reopened 13 days later) is fixed with a 10-day window: 5 of 6, whichever path answers.
    expect((await measures(manager, NOV)).json().firstTimeFix).toEqual({
      eligible: 6,
      fixed: 5,
      ratePercent: 83.3,
    });
    await expectSame();
    clock.set(d('2026-12-08T06:00:00Z'));
    const run = await refreshRollups({ db: t.db, clock, timeZone: TEST_TIME_ZONE });
    expect(run.measures.days).toBeGreaterThan(5);
    const stored = await t.db.execute<{ n: number; hits: number }>(sql`
      select sum(n)::int as n, sum(hits)::int as hits from analytics_measures_daily
       where measure = 'first_time_fix' and param = 10 and day between '2026-11-01' and '2026-11-30'`);
    expect(stored.rows[0]).toEqual({ n: 6, hits: 5 });
    await expectSame();
    const back = await manager.request('PUT', '/api/v1/analytics/settings', {
      version: ten.json().version,
      firstFixReopenDays: 30,
      repeatRepairThreshold: 3,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  // MTBF from its rollup (failures per day × asset, the assets as stored) against mtbfFigures, the
  // per-request definition, over periods (one past the watermark's day: counted per request) × filters.
  async function expectSameMtbf(more: Record<string, string>[] = []) {
    const cases: Record<string, string>[] = [
      ...more,
      {},
      { customerId: customerA },
      { customerId: customerB },
      { projectId: projectA },
      { productId },
      { customerId: customerA, productId },
    ];
    for (const period of [
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-11-30', to: '2026-12-01' },
      { from: '2026-12-01', to: '2026-12-10' },
    ]) {
      for (const c of cases) {
        const q = { ...period, ...c };
        const r = await measures(manager, new URLSearchParams(q).toString());
        expect(r.statusCode, r.body).toBe(200);
        const { failures: _records, ...reference } = await mtbfFigures(t.db, q, TEST_TIME_ZONE);
        expect(r.json().mtbf, JSON.stringify(q)).toEqual(reference);
      }
    }
  }
  const nov = async () => (await measures(manager, NOV)).json();

  it('MTBF: the dashboard reads the stored failures and assets, and equals the per-request figures', async () => {
    const stored = await t.db.execute<{ n: number }>(sql`
      select sum(n)::int as n from analytics_failures_daily where day between '2026-11-01' and '2026-11-30'`);
    expect(stored.rows[0]?.n).toBe(4);
    expect((await nov()).mtbf.total).toMatchObject({ installedHours: 1800, failures: 4, mtbfHours: 450 });
    // The stored rows are what the dashboard reads: one more stored failure shows (then is taken back).
    const bump = (k: number) =>
      t.db.execute(sql`update analytics_failures_daily set n = n + ${k} where asset_id = ${b1}::uuid
        and day between '2026-11-01' and '2026-11-30'`);
    await bump(1);
    expect((await nov()).mtbf.total.failures).toBe(5);
    await bump(-1);
    // A failure after the watermark's day (8 Dec local) is counted per request.
    await workOrder({
      customerId: customerA,
      engineerId: e1,
      assetIds: [a1],
      createdAt: '2026-12-09T02:00:00Z',
      completedAt: null,
      status: 'assigned',
    });
    await expectSameMtbf();
  });

  it('MTBF: a failure written later and an installation date moved are in the figures after the next run', async () => {
    await workOrder({
      customerId: customerB,
      engineerId: e2,
      assetIds: [b1],
      createdAt: '2026-11-15T02:00:00Z',
      completedAt: null,
      status: 'assigned',
      updatedAt: '2026-12-08T07:00:00Z',
    });
    await t.db
      .update(assets)
      .set({ installDate: '2026-11-01', updatedAt: d('2026-12-08T07:00:00Z') })
      .where(eq(assets.id, a2));
    clock.set(d('2026-12-08T08:00:00Z'));
    const run = await refreshRollups({ db: t.db, clock, timeZone: TEST_TIME_ZONE });
    expect(run.failures.days).toBe(1);
    expect(run.assets.assets).toBe(1);
    // A2 installed from 1 Nov: 720 + 720 + 720 hours over 5 failures.
    expect((await nov()).mtbf.total).toMatchObject({ installedHours: 2160, failures: 5, mtbfHours: 432 });
    await expectSameMtbf();
  });

  it("a repair completed out of order recomputes the days of the same equipment's later repairs", async () => {
    // A2's repair completed 3 Nov, written now: R3 (30 Nov) becomes A2's 2nd repair, a repeat.
    await workOrder({
      customerId: customerA,
      engineerId: e1,
      assetIds: [a2],
      createdAt: '2026-11-02T02:00:00Z',
      completedAt: '2026-11-03T02:00:00Z',
      updatedAt: '2026-12-08T09:00:00Z',
    });
    clock.set(d('2026-12-08T10:00:00Z'));
    await refreshRollups({ db: t.db, clock, timeZone: TEST_TIME_ZONE });
    const stored = await t.db.execute<{ n: number; hits: number }>(sql`
      select sum(n)::int as n, sum(hits)::int as hits from analytics_measures_daily
       where measure = 'repeat_repair' and day between '2026-11-01' and '2026-11-30'`);
    expect(stored.rows[0]).toEqual({ n: 4, hits: 3 });
    expect((await nov()).repeatRepair).toMatchObject({ repairs: 4, repeats: 3 });
    await expectSame();
  });

  it('an asset moved to another product counts under it: its stored days are recomputed', async () => {
    const [p2] = await t.db
      .insert(products)
      .values({ model: `M-${next()}`, name: '单灯控制器', category: 'lighting' })
      .returning({ id: products.id });
    const other = p2!.id;
    await t.db
      .update(assets)
      .set({ productId: other, updatedAt: d('2026-12-08T11:00:00Z') })
      .where(eq(assets.id, a1));
    clock.set(d('2026-12-08T12:00:00Z'));
    const run = await refreshRollups({ db: t.db, clock, timeZone: TEST_TIME_ZONE });
    expect(run.assets.days).toBeGreaterThan(0);
    // A1's November repairs (R2, R5: both repeats) and failures are the other product's now.
    const m = (await measures(manager, `${NOV}&productId=${other}`)).json();
    expect(m.repeatRepair).toMatchObject({ repairs: 2, repeats: 2 });
    expect(m.mtbf.total).toMatchObject({ installedHours: 720, failures: 2, mtbfHours: 360 });
    await expectSame([{ productId: other }]);
    await expectSameMtbf([{ productId: other }]);
  });

  it('MTBF: each breakdown lists the lowest MTBF first, cut to the limit in SQL, with how many groups there are', async () => {
    // November now: A1 under the other product (2 products, 2 models); projects A (360 h) and B (720 h).
    const m = (await nov()).mtbf;
    expect(m.counts).toEqual({ byProduct: 2, byModel: 2, byProject: 2, byAsset: 3 });
    expect(m.byProject.map((x: { key: string }) => x.key).sort()).toEqual([projectA, projectB].sort());
    for (const period of [
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-12-01', to: '2026-12-10' },
    ]) {
      for (const c of [{}, { customerId: customerA }, { productId }]) {
        const q = { ...period, ...c };
        for (const limit of [1, 2, null]) {
          const cut = await mtbfFromRollup(t.db, q, TEST_TIME_ZONE, limit);
          const { failures: _records, ...reference } = await mtbfFigures(t.db, q, TEST_TIME_ZONE, limit);
          expect(cut, JSON.stringify({ q, limit })).toEqual(reference);
          expect(cut.byProject.length).toBe(Math.min(limit ?? Infinity, cut.counts.byProject));
        }
      }
    }
    const one = await mtbfFromRollup(t.db, { from: '2026-11-01', to: '2026-11-30' }, TEST_TIME_ZONE, 1);
    expect(one.byProject).toEqual([m.byProject[0]]);
    expect(one.counts.byProject).toBe(2);
    // The Excel export lists every group (here as many as the screen: fewer than the limit).
    const x = await manager.request(
      'GET',
      `/api/v1/analytics/measures/export?${NOV}&table=mtbfByProject&lang=en`,
    );
    expect(x.statusCode, x.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]?.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((row) => [row[1], row[3]])).toEqual(
      m.byProject.map((p: { label: string; failures: number }) => [p.label, p.failures]),
    );
  });

  // Staff performance per request (each figure from its definition over the records, SLA from the wide
  // rollup): what performanceRows gave before it read the rollups. Rows without the names, by person.
  async function performancePerRequest(month: string, userId?: string) {
    const days = monthDays(month);
    const f = { ...days, engineerId: userId };
    const [eng, sla, ftf, against] = await Promise.all([
      engineerFigures(t.db, f, TEST_TIME_ZONE),
      wideFigures(t.db, 'sla', f, 'month', ['engineer']),
      firstTimeFix(t.db, f, await measureSettingsOf(t.db), TEST_TIME_ZONE),
      complaintsAgainstStaff(t.db, periodInstants(days.from, days.to, TEST_TIME_ZONE)),
    ]);
    const complaintsOf = against.filter((c) => !userId || c.userId === userId);
    const ids = new Set<string>([
      ...eng.map((e) => e.engineerId),
      ...sla.flatMap((r) => (r.group === 'engineer' && r.key ? [r.key] : [])),
      ...ftf.records.flatMap((r) => (r.engineerId ? [r.engineerId] : [])),
      ...complaintsOf.map((c) => c.userId),
      ...(userId ? [userId] : []),
    ]);
    const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);
    return [...ids].sort().map((id) => {
      const e = eng.find((x) => x.engineerId === id);
      const s = sla.find((r) => r.group === 'engineer' && r.key === id);
      const mine = ftf.records.filter((r) => r.engineerId === id);
      const fixed = mine.filter((r) => r.fixed).length;
      const c = complaintsOf.find((x) => x.userId === id);
      return {
        userId: id,
        month,
        jobs: e?.jobs ?? 0,
        slaDecided: s?.n ?? 0,
        slaMet: s?.met ?? 0,
        slaPercent: pct(s?.met ?? 0, s?.n ?? 0),
        firstFixEligible: mine.length,
        firstFixed: fixed,
        firstFixPercent: pct(fixed, mine.length),
        answers: e?.answers ?? 0,
        satisfied: e?.satisfied ?? 0,
        satisfactionPercent: e?.satisfactionPercent ?? null,
        complaints: c?.complaints ?? 0,
        complaintsUpheld: c?.upheld ?? 0,
      };
    });
  }
  async function performanceOf(month: string, userId?: string) {
    const q = `month=${month}${userId ? `&userId=${userId}` : ''}`;
    const r = await manager.request('GET', `/api/v1/analytics/performance?${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().rows as { userId: string; name: string }[])
      .map(({ name: _name, ...row }) => row)
      .sort((a, b) => a.userId.localeCompare(b.userId));
  }

  it('staff performance from the rollups equals the per-request figures: stored days and the days since the watermark', async () => {
    // The watermark is 8 Dec (local): December's 1st–7th are stored, the 8th on computed per request.
    // Stored: K6 (E1, first fixed 1 Dec; its job and R4's), an answer about E1, and an SLA day of E1.
    await slaDayOfE1('2026-12-03', 2, 1);
    // Since the watermark (not stored): E2 fixes a fault first time, E1 needs two visits, an answer about E2.
    const visit = async (engineerId: string, resolved: string, arrivals: number) =>
      workOrder({
        customerId: customerA,
        engineerId,
        ticketId: await ticket(customerA, resolved),
        createdAt: '2026-12-08T01:00:00Z',
        completedAt: new Date(d(resolved).getTime() - 20 * 60_000).toISOString(),
        arrivals,
        updatedAt: resolved,
      });
    await visit(e2, '2026-12-09T02:00:00Z', 1);
    await visit(e1, '2026-12-10T02:00:00Z', 2);
    await survey(e2, '2026-12-09T03:00:00Z', true);
    const stored = await t.db.execute<{ measure: string; n: number }>(sql`
      select measure, sum(n)::int as n from analytics_measures_daily
       where day between '2026-12-01' and '2026-12-31' and engineer_id = ${e1}::uuid group by measure`);
    expect(Object.fromEntries(stored.rows.map((x) => [x.measure, x.n]))).toMatchObject({
      first_time_fix: 1,
      job: 2,
      satisfaction: 1,
    });
    const dec = await performanceOf('2026-12');
    expect(dec).toEqual(await performancePerRequest('2026-12'));
    // Not vacuous: E1's figures add stored and computed days, E2's are computed ones only.
    expect(dec.find((x) => x.userId === e1)).toMatchObject({
      jobs: 3,
      slaDecided: 2,
      slaMet: 1,
      firstFixEligible: 2,
      firstFixed: 1,
      answers: 1,
    });
    expect(dec.find((x) => x.userId === e2)).toMatchObject({ jobs: 1, firstFixEligible: 1, answers: 1 });
    for (const one of [e1, e2])
      expect(await performanceOf('2026-12', one)).toEqual(await performancePerRequest('2026-12', one));
    // November: every day stored.
    expect(await performanceOf('2026-11')).toEqual(await performancePerRequest('2026-11'));
    expect(await performanceOf('2026-11', e1)).toEqual(await performancePerRequest('2026-11', e1));
  });
});
