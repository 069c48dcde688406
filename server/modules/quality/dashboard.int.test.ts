// The quality engineer's dashboard against hand-counted rows (docs/analytics.md, "Quality"). The period
// is November 2026 in Asia/Shanghai; "now" is 10 December 2026 10:00 there.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
  xlsxSheet,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock(new Date('2026-12-10T02:00:00Z'));
let t: TestApp;
let quality: Session;
const NOV = 'from=2026-11-01&to=2026-11-30';
const uid = () => randomUUID().slice(0, 8);
const g1 = randomUUID();
const cases: Record<string, string> = {};

async function alert(
  group: string,
  name: string,
  fault: string,
  level: string,
  status: string,
  at: string,
  count: number,
) {
  await t.db.execute(sql`insert into quality_alerts (number, group_kind, group_id, group_name, fault_category,
      level, reason, period_start, period_end, count, expected, p_value, units, evidence, status, raised_at, last_seen_at)
    values (${`QA-${uid()}`}, 'model_fault', ${group}, ${name}, ${fault}, ${level}, 'spike', '2026-11-01',
      '2026-11-30', ${count}, 1, 0.001, 10, '{}'::jsonb, ${status}, ${at}::timestamptz, ${at}::timestamptz)`);
}
async function qualityCase(key: string, status: string, createdAt: string, closedAt: string | null) {
  const id = randomUUID();
  cases[key] = id;
  await t.db.execute(sql`insert into quality_cases (id, number, status, source_kind, source_id, source_number,
      description, created_by_name, created_at, closed_at)
    values (${id}, ${`QC-${uid()}`}, ${status}, 'ticket', ${randomUUID()}, 'T-1', ${`问题 ${key}`}, '质量工程师',
      ${createdAt}::timestamptz, ${closedAt}::timestamptz)`);
}
async function follow(table: 'improvement' | 'training', caseKey: string, at: string) {
  if (table === 'improvement')
    await t.db.execute(sql`insert into quality_improvement_requests (number, case_id, problem, created_at)
      values (${`IR-${uid()}`}, ${cases[caseKey]}, '改进', ${at}::timestamptz)`);
  else
    await t.db.execute(sql`insert into quality_training_needs (number, case_id, topic, problem, created_at)
      values (${`TN-${uid()}`}, ${cases[caseKey]}, 'process', '培训', ${at}::timestamptz)`);
}

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  quality = (await loginAs(t, { role: 'quality_engineer' })).session;
  await alert(g1, '型号 X', 'electrical', 'month', 'open', '2026-11-03T02:00:00Z', 5);
  await alert(g1, '型号 X', 'electrical', 'quarter', 'closed', '2026-11-20T02:00:00Z', 7);
  // 31 Oct 23:00 and 1 Dec 00:30 in Shanghai: outside November.
  await alert(randomUUID(), '项目 P', 'mechanical', 'year', 'case_opened', '2026-10-31T15:00:00Z', 4);
  await alert(randomUUID(), '客户 C', 'electrical', 'month', 'open', '2026-11-30T16:30:00Z', 3);
  await alert(randomUUID(), '型号 Y', 'optical', 'quarter', 'open', '2026-11-10T02:00:00Z', 6);
  await qualityCase('c1', 'open', '2026-12-08T02:00:00Z', null);
  await qualityCase('c2', 'open', '2026-11-20T02:00:00Z', null);
  await qualityCase('c3', 'open', '2026-08-01T02:00:00Z', null);
  await qualityCase('c4', 'closed', '2026-11-05T02:00:00Z', '2026-11-25T02:00:00Z');
  await qualityCase('c5', 'closed', '2026-10-01T02:00:00Z', '2026-11-30T16:30:00Z');
  await follow('improvement', 'c4', '2026-11-06T02:00:00Z');
  await follow('improvement', 'c2', '2026-11-21T02:00:00Z');
  await follow('improvement', 'c5', '2026-10-02T02:00:00Z');
  await follow('training', 'c3', '2026-08-02T02:00:00Z');
  // 30 Nov 23:59 in Shanghai: still November.
  await follow('training', 'c4', '2026-11-30T15:59:00Z');
});
afterAll(() => t.close());

describe("the quality engineer's dashboard", () => {
  it('counts alerts, cases, problems and follow-through by hand', async () => {
    expect(TEST_TIME_ZONE).toBe('Asia/Shanghai');
    const r = await quality.request('GET', `/api/v1/quality/dashboard?${NOV}`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    // Not closed now: month X (open) and C (open); quarter Y; year P (a case opened).
    expect(d.openAlerts).toEqual({ month: 2, quarter: 1, year: 1 });
    // Raised in November: X month (3 Nov), X quarter (20 Nov), Y quarter (10 Nov).
    expect(d.raisedAlerts).toEqual({ month: 1, quarter: 2, year: 0 });
    expect(d.alertTrend).toEqual([{ key: '2026-11', month: 1, quarter: 2, year: 0 }]);
    // Open now: c1, c2, c3; closed c4, c5. Opened in November c2, c4; closed in November c4 only
    // (c5 closed on 1 December local). Ages on 10 Dec: c1 2 days, c2 20 days, c3 131 days.
    expect(d.cases).toEqual({ open: 3, closed: 2, openedInPeriod: 2, closedInPeriod: 1 });
    expect(d.openCaseAge).toEqual([
      { bucket: 'lt7', count: 1 },
      { bucket: 'd7to30', count: 1 },
      { bucket: 'd30to90', count: 0 },
      { bucket: 'gt90', count: 1 },
    ]);
    // X × electrical: 2 alerts, 5 + 7 failures, up to quarter; Y × optical: 1 alert, 6 failures.
    expect(d.topProblems).toEqual([
      expect.objectContaining({
        groupName: '型号 X',
        faultCategory: 'electrical',
        alerts: 2,
        failures: 12,
        highestLevel: 'quarter',
      }),
      expect.objectContaining({ groupName: '型号 Y', faultCategory: 'optical', alerts: 1, failures: 6 }),
    ]);
    // Improvements: raised 6 and 21 Nov; closed with c4 (25 Nov); open with c2.
    expect(d.improvements).toEqual({ raised: 2, closed: 1, open: 1 });
    // Training needs: raised 30 Nov 23:59 local (c4, closed 25 Nov); c3's is open.
    expect(d.trainingNeeds).toEqual({ raised: 1, closed: 1, open: 1 });
  });

  it('lists the records behind each figure', async () => {
    const get = async (q: string) =>
      (await quality.request('GET', `/api/v1/quality/dashboard/records?${NOV}&${q}`)).json().items;
    expect(await get('figure=open_cases&bucket=gt90')).toEqual([
      expect.objectContaining({ kind: 'case', caseId: cases.c3 }),
    ]);
    expect((await get('figure=problem&groupName=型号 X&faultCategory=electrical')).length).toBe(2);
    expect((await get('figure=open_alerts&level=month')).length).toBe(2);
    expect((await get('figure=improvements_closed'))[0]).toMatchObject({
      kind: 'improvement',
      caseId: cases.c4,
    });
    expect((await get('figure=training_raised')).length).toBe(1);
  });

  it('exports the warning trend and the recurring problems as Excel, with the figures on screen', async () => {
    const read = async (table: string, lang: string) => {
      const x = await quality.request(
        'GET',
        `/api/v1/quality/dashboard/export?${NOV}&table=${table}&lang=${lang}`,
      );
      expect(x.statusCode, x.body).toBe(200);
      return xlsxSheet(x.rawPayload);
    };
    const trend = await read('alertTrend', 'en');
    expect(trend.header).toContain('Quarter-level warnings');
    expect(trend.rows.map((r) => r.slice(1, 5))).toEqual([['2026-11', 1, 2, 0]]);
    const problems = await read('topProblems', 'zh-CN');
    expect(problems.rows.map((r) => r.slice(1, 7))).toEqual([
      ['型号 X', '产品型号 × 故障类别', 'electrical', 2, 12, '本季度'],
      ['型号 Y', '产品型号 × 故障类别', 'optical', 1, 6, expect.any(String)],
    ]);
    const agent = (await loginAs(t, { role: 'agent' })).session;
    expect(
      (await agent.request('GET', `/api/v1/quality/dashboard/export?${NOV}&table=topProblems&lang=en`))
        .statusCode,
    ).toBe(403);
  });

  it("shows the warnings and cases open now on the quality engineer's home", async () => {
    // Open warnings: X month, C month, Y quarter, P year = 4; open cases c1, c2, c3; over 30 days: c3.
    const w = (await quality.request('GET', '/api/v1/workbench')).json();
    expect(w.figures.quality).toEqual({ openAlerts: 4, yearAlerts: 1, openCases: 3, casesOver30Days: 1 });
  });

  it('answers an empty period with zeros', async () => {
    const d = (
      await quality.request('GET', '/api/v1/quality/dashboard?from=2025-01-01&to=2025-01-31')
    ).json();
    expect(d.raisedAlerts).toEqual({ month: 0, quarter: 0, year: 0 });
    expect(d.topProblems).toEqual([]);
    expect(d.alertTrend).toEqual([]);
  });

  it('refuses roles without quality.read and customers', async () => {
    for (const role of ['storekeeper', 'trainer', 'field_engineer'] as const) {
      const s = (await loginAs(t, { role })).session;
      expect((await s.request('GET', `/api/v1/quality/dashboard?${NOV}`)).statusCode).toBe(403);
    }
    const customer = await buildCustomer(t.db);
    const c = (await loginAs(t, { customerId: customer.id })).session;
    expect((await c.request('GET', `/api/v1/quality/dashboard?${NOV}`)).statusCode).toBe(403);
    expect(
      (await quality.request('GET', `/api/v1/quality/dashboard/records?${NOV}&figure=nope`)).statusCode,
    ).toBe(400);
  });
});
