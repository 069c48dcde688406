// The SLA dashboard over HTTP against a hand count (docs/analytics.md's definitions), in Asia/Shanghai:
//
//   T1 customer A, fault, created 2026-11-30 23:50 local (15:50Z), replied 23:55 local
//      → first_response (due 00:05 local on 1 Dec) met: it counts in DECEMBER, although 30 Nov in UTC;
//        handling_opinion (60 min) met by the same reply, also 1 Dec.
//   T2 customer A, consultation, created 2026-11-10 10:00Z, replied 10:25Z
//      → first_response breached by 10 min (November).
//   T3 customer A, fault, created 2026-11-10 02:00Z, waiting for the customer 02:05Z–02:45Z, diagnosed
//      04:30Z (150 min after creation, 110 min of running clock) → initial_diagnosis (120 min) met
//      on time because the 40 paused minutes move the deadline to 04:40Z.
//   T4 customer B, fault, created 2026-11-20 02:00Z, replied 02:20Z → first_response breached by 5 min.
//   T5 customer A, fault, created 2026-11-12 02:00Z, on site 05:00Z, temporary solution 07:00Z
//      → service_restored met: one restoration of 300 min (MTTR 300); on_site met (November).
//
// T3's and T5's first responses never came: their deadlines passed, so the targets are breached (found
// past the deadline when a later milestone recomputed them), with no breach minutes until they stop.
//
// November, all customers: first_response decided 4 (T2, T3, T4, T5), met 0, breached 4, breach minutes
// 15 (10 + 5, the stopped ones); initial_diagnosis 2 decided: T3 met, T5 breached. December: 2 decided, 2 met (T1's two
// targets), 100 %. Customer B alone: first_response breached (5 min) + handling_opinion met = 2 decided.
// Customer A's own November: first_response decided 3 (T2, T3, T5), breached 3, 10 breach minutes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSlaDashboard } from '../../../common/analytics-api.ts';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { MIGRATIONS_DIR } from '../../db/migrate.ts';
import { ManualClock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { ensureSlaDefaults } from '../sla/index.ts';
import { slaDashboard } from './dashboard.ts';
import { type Figures, narrowFigures, wideFigures } from './repository.ts';
import { refreshRollups } from './rollup.ts';

const clock = new ManualClock(new Date('2026-11-10T02:00:00Z'));
const MIN = 60_000;
let t: TestApp;
let manager: Session;
let agent: Session;
let customerUser: Session;
let fieldEngineer: Session;
let customerA: string;
let customerB: string;
let agentId: string;
let t4Id: string;

type Figure = { key: string | null; decided: number; met: number; breached: number; breachMinutes: number };
const at = (iso: string) => clock.set(new Date(iso));

async function ticket(customerId: string, kind = 'fault_report') {
  const r = await agent.request('POST', '/api/v1/tickets', {
    kind,
    customerId,
    subject: '路灯不亮',
    description: '3 号路灯不亮',
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number; number: string };
}
async function reply(id: string) {
  const r = await agent.request('POST', `/api/v1/tickets/${id}/messages`, {
    kind: 'public_reply',
    body: '收到',
  });
  expect(r.statusCode, r.body).toBeLessThan(300);
}
async function milestone(id: string, event: string) {
  const r = await agent.request('POST', `/api/v1/tickets/${id}/milestones`, { event });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
async function setStatus(id: string, status: string) {
  const cur = (await agent.request('GET', `/api/v1/tickets/${id}`)).json();
  const r = await agent.request('PATCH', `/api/v1/tickets/${id}`, { version: cur.version, status });
  expect(r.statusCode, r.body).toBe(200);
}
async function dashboard(s: Session, query: string) {
  return s.request('GET', `/api/v1/analytics/sla?${query}`);
}
const metric = (figures: Figure[], m: string) => figures.find((f) => f.key === m);

beforeAll(async () => {
  expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  manager = (await loginAs(t, { role: 'manager' })).session;
  const a = await loginAs(t, { role: 'agent' });
  agent = a.session;
  agentId = a.user.id;
  fieldEngineer = (await loginAs(t, { role: 'field_engineer' })).session;
  customerA = (await buildCustomer(t.db)).id;
  customerB = (await buildCustomer(t.db)).id;
  customerUser = (await loginAs(t, { role: 'customer_user', customerId: customerA })).session;

  // T3: paused on waiting-for-customer.
  at('2026-11-10T02:00:00Z');
  const t3 = await ticket(customerA);
  at('2026-11-10T02:05:00Z');
  await setStatus(t3.id, 'waiting_customer');
  at('2026-11-10T02:45:00Z');
  await setStatus(t3.id, 'in_progress');
  at('2026-11-10T04:30:00Z');
  await milestone(t3.id, 'diagnosed');
  // T2: a late first response.
  at('2026-11-10T10:00:00Z');
  const t2 = await ticket(customerA, 'consultation');
  at('2026-11-10T10:25:00Z');
  await reply(t2.id);
  // T5: restored 300 minutes after creation.
  at('2026-11-12T02:00:00Z');
  const t5 = await ticket(customerA);
  at('2026-11-12T05:00:00Z');
  await milestone(t5.id, 'arrived_on_site');
  at('2026-11-12T07:00:00Z');
  await milestone(t5.id, 'temporary_solution');
  // T4: another customer's late response.
  at('2026-11-20T02:00:00Z');
  const t4 = await ticket(customerB);
  t4Id = t4.id;
  at('2026-11-20T02:20:00Z');
  await reply(t4.id);
  // T1: across midnight and the month's end in Shanghai.
  at('2026-11-30T15:50:00Z');
  const t1 = await ticket(customerA);
  at('2026-11-30T15:55:00Z');
  await reply(t1.id);

  at('2026-12-02T00:00:00Z');
  const r = await manager.request('POST', '/api/v1/analytics/refresh');
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(() => t.close());

describe('SLA compliance and MTTR from the rollups', () => {
  it('November per stage equals the hand count, with the paused ticket met on time', async () => {
    const r = await dashboard(manager, 'from=2026-11-01&to=2026-11-30');
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(metric(d.byMetric, 'first_response')).toMatchObject({
      decided: 4,
      met: 0,
      breached: 4,
      breachMinutes: 15,
      compliancePercent: 0,
    });
    // T3 met (paused 40 min), T5 never diagnosed and past its deadline.
    expect(metric(d.byMetric, 'initial_diagnosis')).toMatchObject({ decided: 2, met: 1, breached: 1 });
    expect(d.targetPercent).toBe(95);
    expect(d.trend.map((p: Figure) => p.key)).toEqual(['2026-11']);
  });

  it('counts a target due after local midnight of 30 November in December (months in the organisation zone)', async () => {
    const d = (await dashboard(manager, 'from=2026-12-01&to=2026-12-31')).json();
    expect(d.total).toMatchObject({ decided: 2, met: 2, breached: 0, compliancePercent: 100 });
    expect(metric(d.byMetric, 'first_response')).toMatchObject({ decided: 1, met: 1 });
    const days = (await dashboard(manager, 'from=2026-11-30&to=2026-12-01&granularity=day')).json();
    expect(days.trend.find((p: Figure) => p.key === '2026-12-01')).toMatchObject({ decided: 2 });
    expect(days.trend.find((p: Figure) => p.key === '2026-11-30')).toBeUndefined();
  });

  it('mean time to restore is the hand count: one restoration of 300 minutes', async () => {
    const d = (await dashboard(manager, 'from=2026-11-01&to=2026-11-30')).json();
    expect(d.restore.total).toMatchObject({ restored: 1, mttrMinutes: 300 });
  });

  it('the records behind the breached figure are the four late targets, latest first', async () => {
    const r = await manager.request(
      'GET',
      '/api/v1/analytics/sla/records?from=2026-11-01&to=2026-11-30&metric=first_response&outcome=breached',
    );
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json();
    expect(page.total).toBe(4);
    // Latest due first: T4 (20 Nov), T5 (12 Nov), T2 (10 Nov 10:15Z), T3 (10 Nov 02:55Z).
    expect(page.items.map((i: { breachMinutes: number }) => i.breachMinutes)).toEqual([5, 0, 10, 0]);
    // A later page: the total is still every record, not the page's.
    const second = (
      await manager.request(
        'GET',
        '/api/v1/analytics/sla/records?from=2026-11-01&to=2026-11-30&metric=first_response&outcome=breached&limit=2&offset=2',
      )
    ).json();
    expect(second.total).toBe(4);
    expect(second.items.map((i: { breachMinutes: number }) => i.breachMinutes)).toEqual([10, 0]);
  });

  it("a customer sees only its own organisation's figures; another customer is a 404", async () => {
    const res = await dashboard(customerUser, 'from=2026-11-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const own = res.json();
    expect(metric(own.byMetric, 'first_response')).toMatchObject({
      decided: 3,
      breached: 3,
      breachMinutes: 10,
    });
    expect(own.byCustomer.map((c: Figure) => c.key)).toEqual([customerA]);
    expect(
      (await dashboard(customerUser, `from=2026-11-01&to=2026-11-30&customerId=${customerB}`)).statusCode,
    ).toBe(404);
    const records = await customerUser.request(
      'GET',
      `/api/v1/analytics/sla/records?from=2026-11-01&to=2026-11-30&customerId=${customerB}`,
    );
    expect(records.statusCode).toBe(404);
    const mine = (
      await customerUser.request(
        'GET',
        '/api/v1/analytics/sla/records?from=2026-11-01&to=2026-11-30&metric=first_response',
      )
    ).json();
    expect(mine.items).toHaveLength(3);
    // Counted under the customer's own scope (a dimension filter), not over every customer's targets.
    expect(mine.total).toBe(3);
    const all = (
      await customerUser.request(
        'GET',
        '/api/v1/analytics/sla/records?from=2026-11-01&to=2026-11-30&limit=200',
      )
    ).json();
    expect(new Set(all.items.map((i: { customerName: string }) => i.customerName)).size).toBe(1);
  });

  it('filters by customer for staff', async () => {
    const d = (await dashboard(manager, `from=2026-11-01&to=2026-11-30&customerId=${customerB}`)).json();
    expect(d.total).toMatchObject({ decided: 2, met: 1, breached: 1, breachMinutes: 5 });
  });

  it('an empty period answers empty figures, not an error; a bad period is a 400 naming the field', async () => {
    const empty = await dashboard(manager, 'from=2025-01-01&to=2025-01-31');
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({
      trend: [],
      byMetric: [],
      total: { decided: 0, compliancePercent: null },
    });
    const reversed = await dashboard(manager, 'from=2026-12-01&to=2026-11-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('to');
    expect((await dashboard(manager, 'from=2026-13-01&to=2026-12-01')).statusCode).toBe(400);
    expect((await dashboard(manager, 'from=2020-01-01&to=2026-12-01')).statusCode).toBe(400);
  });

  it('is refused to staff without the permission', async () => {
    expect((await dashboard(fieldEngineer, 'from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
  });

  it('exports a table as Excel', async () => {
    const r = await manager.request(
      'GET',
      '/api/v1/analytics/sla/export?from=2026-11-01&to=2026-11-30&table=byMetric&lang=en',
    );
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the next run recomputes only the days whose targets changed', async () => {
    const first = (await manager.request('POST', '/api/v1/analytics/refresh')).json();
    expect(first.days).toBe(0);
    at('2026-12-02T01:00:00Z');
    const t6 = await ticket(customerB, 'consultation');
    at('2026-12-02T01:05:00Z');
    await reply(t6.id);
    at('2026-12-02T02:00:00Z');
    const next = (await manager.request('POST', '/api/v1/analytics/refresh')).json();
    expect(next.days).toBeGreaterThan(0);
    expect(next.days).toBeLessThanOrEqual(3);
    const d = (await dashboard(manager, 'from=2026-12-02&to=2026-12-02')).json();
    expect(metric(d.byMetric, 'first_response')).toMatchObject({ decided: 1, met: 1 });
    // November is untouched.
    const nov = (await dashboard(manager, 'from=2026-11-01&to=2026-11-30')).json();
    expect(metric(nov.byMetric, 'first_response')).toMatchObject({ decided: 4, breached: 4 });
  });

  it('a ticket reassigned later moves its figures to the new engineer on the next run', async () => {
    at('2026-12-02T03:00:00Z');
    const cur = (await agent.request('GET', `/api/v1/tickets/${t4Id}`)).json();
    expect(cur.assigneeId).not.toBe(agentId);
    const before = (await dashboard(manager, `from=2026-11-01&to=2026-11-30&engineerId=${agentId}`)).json();
    expect(before.total.decided).toBe(0);
    const r = await agent.request('PATCH', `/api/v1/tickets/${t4Id}`, {
      version: cur.version,
      assigneeId: agentId,
    });
    expect(r.statusCode, r.body).toBe(200);
    at('2026-12-02T04:00:00Z');
    await manager.request('POST', '/api/v1/analytics/refresh');
    const d = (await dashboard(manager, `from=2026-11-01&to=2026-11-30&engineerId=${agentId}`)).json();
    // T4's targets now count for the agent: first response breached, handling opinion met, and — the
    // change recomputed them on 2 Dec, past their deadlines (as the sweeper would have found them) —
    // hand-over, initial diagnosis, remote fix and on site (due 20–21 Nov) breached: 6 decided, 1 met.
    expect(d.total).toMatchObject({ decided: 6, met: 1, breached: 5 });
  });

  it('the narrow rollup (unfiltered views) gives the same figures as the wide one, after incremental runs too', async () => {
    const sorted = (rows: Figures[]) =>
      [...rows].sort((a, b) => `${a.group}|${a.key}`.localeCompare(`${b.group}|${b.key}`));
    const sla = ['metric', 'team', 'engineer', 'customer', 'project'] as const;
    const restore = ['product', 'project'] as const;
    const periods = [
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-11-10', to: '2026-12-02' },
      { from: '2025-01-01', to: '2025-01-31' },
      // Whole months from the monthly rows, the edges from the daily ones (local months, Asia/Shanghai):
      // November whole + 1–2 December (T1's targets, 30 Nov in UTC), October's end + November whole,
      // three whole months, across the month's end mid-month (no whole month), from T1's local day on.
      { from: '2026-11-01', to: '2026-12-02' },
      { from: '2026-10-15', to: '2026-11-30' },
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-11-12', to: '2026-12-01' },
      { from: '2026-11-20', to: '2026-12-31' },
      { from: '2026-12-01', to: '2026-12-01' },
    ];
    let compared = 0;
    for (const f of periods) {
      for (const g of ['day', 'week', 'month'] as const) {
        for (const [measure, groups] of [
          ['sla', sla],
          ['restore', restore],
        ] as const) {
          // Every group, and each breakdown cut to its largest one (the same one, ties by key).
          for (const top of [null, 1]) {
            const wide = await wideFigures(t.db, measure, f, g, groups, top);
            const narrow = await narrowFigures(t.db, measure, f, g, groups, top);
            expect(sorted(narrow), `${measure} ${f.from}…${f.to} by ${g} top ${top}`).toEqual(sorted(wide));
            compared += wide.filter((r) => r.n > 0).length;
          }
        }
      }
    }
    // Not vacuous: the fixture's figures (every breakdown of November's targets) were compared.
    expect(compared).toBeGreaterThan(50);
    // The route's unfiltered view reads the narrow rows: November's hand count still holds.
    const d = (await dashboard(manager, 'from=2026-11-01&to=2026-11-30')).json();
    expect(metric(d.byMetric, 'first_response')).toMatchObject({
      decided: 4,
      breached: 4,
      breachMinutes: 15,
    });
    expect(d.byEngineer.find((e: Figure) => e.key === agentId)).toMatchObject({ decided: 6, met: 1 });
  });

  it('lists the largest groups of a breakdown (ties by key) with the count of all, on both paths; the export has all', async () => {
    const ctx = systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE });
    const bytewise = (a: string | null, b: string | null) =>
      (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
    const largest = <T extends { key: string | null }>(rows: T[], size: (r: T) => number) =>
      [...rows].sort((a, b) => size(b) - size(a) || bytewise(a.key, b.key)).slice(0, 1);
    const tables = ['byTeam', 'byEngineer', 'byCustomer', 'byProject'] as const;
    let cut = 0;
    // Unfiltered (the narrow rollup) and filtered (the wide one); December's two customers tie at 2.
    for (const q of [
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-11-01', to: '2026-12-31' },
      { from: '2026-12-01', to: '2026-12-02' },
      { from: '2026-11-01', to: '2026-12-31', team: 'agent' },
      { from: '2026-11-01', to: '2026-12-31', customerId: customerA },
    ]) {
      const all: TSlaDashboard = await slaDashboard(ctx, t.db, { ...q, granularity: 'month' }, null);
      const top: TSlaDashboard = await slaDashboard(ctx, t.db, { ...q, granularity: 'month' }, 1);
      const label = JSON.stringify(q);
      // The figures themselves do not change, nor the stages (never cut).
      expect(top.total, label).toEqual(all.total);
      expect(top.trend, label).toEqual(all.trend);
      expect(top.byMetric, label).toEqual(all.byMetric);
      expect(top.groupCounts, label).toEqual(all.groupCounts);
      expect(top.groupCounts.byMetric, label).toBe(all.byMetric.length);
      for (const k of tables) {
        expect(top[k], `${label} ${k}`).toEqual(largest(all[k], (f) => f.decided));
        expect(all.groupCounts[k], `${label} ${k}`).toBe(all[k].length);
        cut += all[k].length - top[k].length;
      }
      for (const [k, rows] of [
        ['restoreByProduct', 'byProduct'],
        ['restoreByProject', 'byProject'],
      ] as const) {
        expect(top.restore[rows], `${label} ${k}`).toEqual(largest(all.restore[rows], (f) => f.restored));
        expect(all.groupCounts[k], `${label} ${k}`).toBe(all.restore[rows].length);
      }
      expect(top.restore.total, label).toEqual(all.restore.total);
    }
    // Not vacuous: some tables had more groups than they listed.
    expect(cut).toBeGreaterThan(3);

    // November: customer A (T2, T3, T5) before B (T4); the route lists both (fewer than the default).
    const nov = await slaDashboard(
      ctx,
      t.db,
      { from: '2026-11-01', to: '2026-11-30', granularity: 'month' },
      1,
    );
    expect(nov.byCustomer.map((f) => f.key)).toEqual([customerA]);
    expect(nov.groupCounts.byCustomer).toBe(2);
    const r = await dashboard(manager, 'from=2026-11-01&to=2026-11-30');
    expect(r.json().byCustomer.map((f: Figure) => f.key)).toEqual([customerA, customerB]);
    expect(r.json().groupCounts).toMatchObject({ byCustomer: 2, byProject: 1 });
    // The Excel export of a breakdown lists every group, whatever the screen's cut.
    const x = await manager.request(
      'GET',
      '/api/v1/analytics/sla/export?from=2026-11-01&to=2026-11-30&table=byCustomer&lang=en',
    );
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Decided');
    expect(sheet.rowCount).toBe(3);
    expect([2, 3].map((i) => sheet.getRow(i).getCell(2).value)).toEqual(
      r.json().byCustomer.map((f: Figure) => f.decided),
    );
  });

  it('the monthly narrow rows are the sums of the daily ones, after incremental runs', async () => {
    // The runs above replaced days of November and December in later transactions.
    const sums = (table: string, period: string) =>
      t.pool.query(`select ${period} as month, measure, dim, key, sum(n)::bigint as n, sum(met)::bigint as met,
        sum(breached)::bigint as breached, sum(seconds)::bigint as seconds from ${table}
        group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
    const daily = (await sums('analytics_daily_by', "to_char(day, 'YYYY-MM')")).rows;
    const monthly = (await sums('analytics_monthly_by', "to_char(month, 'YYYY-MM')")).rows;
    expect(monthly).toEqual(daily);
    expect(new Set(monthly.map((r) => r.month))).toEqual(new Set(['2026-11', '2026-12']));
    // One row per month, measure, breakdown and key: nothing left of an earlier computation.
    const keys = await t.pool.query(
      'select count(*)::int as n from analytics_monthly_by group by month, measure, dim, key having count(*) > 1',
    );
    expect(keys.rows).toEqual([]);
    // The backfill migration (for the days rolled up before this table) builds the same rows.
    const file = readdirSync(MIGRATIONS_DIR).find((f) =>
      f.endsWith('_analytics_monthly_narrow_rollup_backfill.sql'),
    );
    await t.pool.query('delete from analytics_monthly_by');
    await t.pool.query(readFileSync(path.join(MIGRATIONS_DIR, file!), 'utf8'));
    expect((await sums('analytics_monthly_by', "to_char(month, 'YYYY-MM')")).rows).toEqual(daily);
  });

  it("the overview gathers the other modules' reports for staff (empty here: no answers, complaints or visits) and refuses customers", async () => {
    const r = await manager.request('GET', '/api/v1/analytics/overview?from=2026-11-01&to=2026-11-30');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      fromMonth: '2026-11',
      toMonth: '2026-11',
      satisfaction: { answers: 0, ratePercent: null, targetPercent: 95 },
      complaints: { total: 0, byProduct: [] },
      maintenance: { due: 0, onTimeRate: null },
    });
    expect(
      (await customerUser.request('GET', '/api/v1/analytics/overview?from=2026-11-01&to=2026-11-30'))
        .statusCode,
    ).toBe(403);
    expect(
      (await manager.request('GET', '/api/v1/analytics/overview?from=2026-11-30&to=2026-11-01')).statusCode,
    ).toBe(400);
  });

  it('a long catch-up keeps its progress: a run out of time saves the slices it did, the next goes on', async () => {
    at('2027-03-01T00:00:00Z');
    const deps = { db: t.db, clock, timeZone: TEST_TIME_ZONE };
    // No time at all: one 30-day slice of writes, then stop.
    const first = await refreshRollups(deps, 0);
    expect(Date.parse(first.watermark)).toBeLessThan(Date.parse('2027-01-05T00:00:00Z'));
    const second = await refreshRollups(deps, 0);
    expect(Date.parse(second.watermark)).toBeGreaterThan(Date.parse(first.watermark));
    const rest = await refreshRollups(deps);
    expect(rest.watermark).toBe('2027-03-01T00:00:00.000Z');
  });
});
