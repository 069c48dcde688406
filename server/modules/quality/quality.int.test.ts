// Quality (issue 19) over HTTP: the early warning on a generated history in the database (recall and
// false alarms within the issue's bounds, and the same alerts as the rules compute in memory — so the
// GROUP BY read models of tickets and registry count what the simulator counted); a quality case from
// an alert through analysis, decision, actions and closing, reopened when the problem comes back; the
// field feedback form; bad input (settings out of range, a source that does not exist, stale versions)
// and permissions (customer users 403).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_SETTINGS, type TQualityAlert } from '../../../common/quality-api.ts';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  pdfText,
  type Session,
  TEST_TIME_ZONE,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { type Detection, detect } from './rules.ts';
import { detectionOfAlert, generateHistory, type HistoryShape, inputOf, score } from './simulate.ts';

// 20 November 2026, noon in the organisation's zone (Asia/Shanghai: 04:00 UTC).
const clock = new ManualClock(new Date('2026-11-20T04:00:00Z'));
let t: TestApp;
let quality: Session;
let field: Session;
let portal: Session;

const SHAPE: HistoryShape = {
  seed: 4,
  customers: 4,
  projectsPerCustomer: 2,
  models: 3,
  faultClasses: 2,
  unitsPerProject: [15, 30],
  baseRate: 0.01,
  months: 24,
  today: { year: 2026, month: 11, day: 20, daysInMonth: 30 },
  injected: 3,
  extraPerMonth: [4, 6],
  duration: [2, 3],
};
const history = generateHistory(SHAPE);
/** Simulated names → database ids (and back). */
const ids = new Map<string, string>();
const names = new Map<string, string>();
let ticketSeq = 0;

async function insertFaultTickets(
  rows: { customerId: string; projectId: string; assetId: string; category: string; localDate: string }[],
) {
  for (const r of rows) {
    ticketSeq++;
    await t.db.execute(sql`insert into tickets (number, kind, status, channel, customer_id, project_id, asset_ids,
        subject, description, team, fault_category, created_at, updated_at)
      values (${`BX-Q-${String(ticketSeq).padStart(6, '0')}`}, 'fault_report', 'closed', 'phone', ${r.customerId},
        ${r.projectId}, ${sql`array[${r.assetId}]::uuid[]`}, '故障', '设备故障', 'support', ${r.category},
        (${r.localDate}::timestamp + interval '12 hours') at time zone ${TEST_TIME_ZONE},
        (${r.localDate}::timestamp + interval '12 hours') at time zone ${TEST_TIME_ZONE})`);
  }
}

async function insertBase(
  prefix: string,
  customers: string[],
  projects: [string, string][],
  models: string[],
) {
  for (const c of customers) {
    const customer = await buildCustomer(t.db, { name: `${prefix}客户${c}` });
    ids.set(c, customer.id);
    names.set(customer.id, c);
  }
  for (const [p, c] of projects) {
    const id = randomUUID();
    await t.db.execute(sql`insert into projects (id, customer_id, code, name, time_zone)
      values (${id}, ${ids.get(c)!}, ${`${prefix}${p}`}, ${`${prefix}项目${p}`}, ${TEST_TIME_ZONE})`);
    ids.set(p, id);
    names.set(id, p);
  }
  for (const m of models) {
    const id = randomUUID();
    await t.db.execute(sql`insert into products (id, model, name, category)
      values (${id}, ${`${prefix}-${m}`}, '控制器', 'controller')`);
    ids.set(m, id);
    names.set(id, m);
  }
}

const localDateOf = (month: number, day: number) =>
  `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' } });
  quality = (await loginAs(t, { role: 'quality_engineer' })).session;
  field = (await loginAs(t, { role: 'field_engineer' })).session;

  // The generated history, written as registry and tickets rows.
  const customers = [...new Set(history.assets.map((a) => a.customer))];
  const projects = [...new Map(history.assets.map((a) => [a.project, a.customer])).entries()];
  const models = [...new Set(history.assets.map((a) => a.model))];
  await insertBase('SIM', customers, projects, models);
  for (const a of history.assets) {
    const id = randomUUID();
    await t.db.execute(sql`insert into assets (id, customer_id, project_id, product_id, serial, status)
      values (${id}, ${ids.get(a.customer)!}, ${ids.get(a.project)!}, ${ids.get(a.model)!}, ${`SIM-${a.id}`}, 'in_service')`);
    ids.set(a.id, id);
  }
  await insertFaultTickets(
    history.failures.map((f) => ({
      customerId: ids.get(f.asset.customer)!,
      projectId: ids.get(f.asset.project)!,
      assetId: ids.get(f.asset.id)!,
      category: f.faultClass,
      localDate: localDateOf(f.month, f.day),
    })),
  );
  portal = (await loginAs(t, { customerId: ids.get(customers[0]!)! })).session;
});
afterAll(() => t.close());

async function allAlerts(): Promise<TQualityAlert[]> {
  const res = await quality.request('GET', '/api/v1/quality/alerts?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('early warning on a generated history', () => {
  it('finds the injected problems within the bounds, with the same alerts as the rules in memory', async () => {
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.statusCode, run.body).toBe(200);
    const settings = DEFAULT_QUALITY_SETTINGS;
    const expected = detect(inputOf(history, SHAPE, settings));
    expect(run.json().raised).toBe(expected.length);

    const alerts = (await allAlerts()).filter((a) => a.faultCategory.startsWith('F'));
    const asDetections = alerts.map((a) =>
      detectionOfAlert(a, { id: nameOfGroup(a), faultCategory: a.faultCategory }, SHAPE.today),
    );
    const s = score(history, asDetections, settings);
    // The hand count of this seed: 3 problems injected, every one found, no alert the background raised.
    expect(s.injected).toBe(3);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.falseAlarmRate).toBeLessThanOrEqual(0.1);
    // Same groups, levels and counts as the pure rules over the simulator's own aggregation.
    const key = (d: Pick<Detection, 'kind' | 'id' | 'faultCategory' | 'level' | 'count'>) =>
      `${d.kind}:${d.id}:${d.faultCategory}:${d.level}:${d.count}`;
    expect(asDetections.map(key).sort()).toEqual(expected.map(key).sort());
    // The evidence names tickets by number and equipment by serial.
    expect(alerts[0]!.evidence.tickets[0]!.number).toMatch(/^BX-Q-/);
    expect(alerts[0]!.evidence.assets[0]!.serial).toMatch(/^SIM-/);
  });

  it('does not repeat a live alert on the next run', async () => {
    const before = (await allAlerts()).length;
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.json().raised).toBe(0);
    expect((await allAlerts()).length).toBe(before);
  });
});

/** The simulator's name of an alert's group (model, project or customer), from the group's name. */
function nameOfGroup(a: TQualityAlert): string {
  const found = [...names.entries()].find(([, n]) =>
    a.groupKind === 'model_fault'
      ? a.groupName.startsWith(`SIM-${n} `)
      : a.groupKind === 'project_fault'
        ? a.groupName === `SIM项目${n}`
        : a.groupName === `SIM客户${n}`,
  );
  return found?.[1] ?? '?';
}

describe('a quality case from an alert to its closing, and back when the problem recurs', () => {
  const LC = '过热';
  let assetIds: string[] = [];
  let alert: TQualityAlert;

  it('raises an alert for a new problem of a model and tells the quality engineers', async () => {
    await insertBase('LC', ['LC1'], [['LCP1', 'LC1']], ['LCM']);
    assetIds = [];
    for (let i = 0; i < 10; i++) {
      const id = randomUUID();
      await t.db.execute(sql`insert into assets (id, customer_id, project_id, product_id, serial, status)
        values (${id}, ${ids.get('LC1')!}, ${ids.get('LCP1')!}, ${ids.get('LCM')!}, ${`LC-${i}`}, 'in_service')`);
      assetIds.push(id);
    }
    await insertFaultTickets(
      [0, 1, 2].map((i) => ({
        customerId: ids.get('LC1')!,
        projectId: ids.get('LCP1')!,
        assetId: assetIds[i]!,
        category: LC,
        localDate: `2026-11-${String(10 + i).padStart(2, '0')}`,
      })),
    );
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.json().raised).toBe(3); // the model, the project and the customer
    alert = (await allAlerts()).find((a) => a.faultCategory === LC && a.groupKind === 'model_fault')!;
    expect(alert).toMatchObject({ level: 'month', status: 'open', count: 3, groupName: 'LC-LCM 控制器' });
    expect(alert.evidence.assets.map((a) => a.serial).sort()).toEqual(['LC-0', 'LC-1', 'LC-2']);
    const told = await t.db.execute<{ recipient: string }>(
      sql`select recipient from outbox where template = 'quality.alert' and channel = 'in_app' and payload->>'alertId' = ${alert.id}`,
    );
    expect(told.rows.map((r) => r.recipient)).toEqual([quality.me.id]);
  });

  it('opens, analyses, decides, closes, and reopens the case when the problem comes back', async () => {
    const created = await quality.request('POST', '/api/v1/quality/cases', {
      sourceKind: 'alert',
      sourceId: alert.id,
      assetIds: assetIds.slice(0, 3),
      batches: ['B2026-10'],
      description: '同型号控制器本月连续过热',
    });
    expect(created.statusCode, created.body).toBe(201);
    let c = created.json();
    expect(c).toMatchObject({ status: 'open', sourceNumber: alert.number, productModel: 'LC-LCM 控制器' });
    expect(c.number).toMatch(/^ZL-2026-\d{6}$/);
    expect(c.assets.map((a: { serial: string }) => a.serial)).toEqual(['LC-0', 'LC-1', 'LC-2']);
    expect((await quality.request('GET', `/api/v1/quality/alerts/${alert.id}`)).json()).toMatchObject({
      status: 'case_opened',
      caseNumber: c.number,
    });
    // A second case from the same alert: 409.
    const again = await quality.request('POST', '/api/v1/quality/cases', {
      sourceKind: 'alert',
      sourceId: alert.id,
      description: '重复',
    });
    expect(again.statusCode).toBe(409);

    const owner = quality.me.id;
    const decided = await quality.request('PATCH', `/api/v1/quality/cases/${c.id}`, {
      version: c.version,
      causeAnalysis: '散热片批次 B2026-10 导热硅脂不足',
      decision: 'technical',
      actions: [{ description: '更换该批次散热片', ownerId: owner, dueOn: '2026-11-30' }],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    c = decided.json();
    expect(c.improvementNumber).toMatch(/^GJ-2026-\d{6}$/);
    expect(c.actions[0]).toMatchObject({ ownerName: quality.me.displayName, doneAt: null });
    // Someone else's stale version: 409.
    const stale = await quality.request('PATCH', `/api/v1/quality/cases/${c.id}`, {
      version: c.version - 1,
      causeAnalysis: 'x',
    });
    expect(stale.statusCode).toBe(409);
    // Not closed while an action is open: 422 naming it.
    const early = await quality.request('POST', `/api/v1/quality/cases/${c.id}/close`, {
      version: c.version,
      closingCause: '散热片',
      closingAction: '更换',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].field).toBe('actions.0');
    c = (
      await quality.request('PATCH', `/api/v1/quality/cases/${c.id}`, {
        version: c.version,
        actions: [{ description: '更换该批次散热片', ownerId: owner, dueOn: '2026-11-30', done: true }],
      })
    ).json();
    expect(c.actions[0].doneAt).not.toBeNull();
    const closed = await quality.request('POST', `/api/v1/quality/cases/${c.id}/close`, {
      version: c.version,
      closingCause: '散热片批次导热不足',
      closingAction: '更换批次散热片并加检',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    c = closed.json();
    expect(c).toMatchObject({ status: 'closed', closingCause: '散热片批次导热不足' });
    expect((await quality.request('GET', `/api/v1/quality/alerts/${alert.id}`)).json().status).toBe('closed');

    // The PDF holds the case.
    const pdf = await quality.request('GET', `/api/v1/quality/cases/${c.id}/pdf?lang=zh-CN`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(c.number);
    expect(text).toContain('散热片批次导热不足');

    // The next day, the run sees the same old failures: nothing reopens.
    clock.advance(24 * 3600_000);
    expect((await quality.request('POST', '/api/v1/quality/detect', {})).json().reopenedCases).toBe(0);
    // Three new failures after the closing: the same problem is back, the case opens again.
    await insertFaultTickets(
      [3, 4, 5].map((i) => ({
        customerId: ids.get('LC1')!,
        projectId: ids.get('LCP1')!,
        assetId: assetIds[i]!,
        category: LC,
        localDate: '2026-11-21',
      })),
    );
    clock.advance(12 * 3600_000);
    const run = await quality.request('POST', '/api/v1/quality/detect', {});
    expect(run.json().reopenedCases).toBe(1);
    const reopened = (await quality.request('GET', `/api/v1/quality/cases/${c.id}`)).json();
    expect(reopened).toMatchObject({ status: 'open', reopenCount: 1 });
    expect(reopened.events.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'decided',
      'action_done',
      'closed',
      'reopened',
    ]);
    const newAlert = (await allAlerts()).find((a) => a.id === reopened.alertId)!;
    expect(newAlert).toMatchObject({ status: 'case_opened', caseNumber: c.number, count: 6 });
  });
});

describe('bad input and permissions', () => {
  it('refuses settings out of range, naming the field, and keeps them', async () => {
    for (const [body, field] of [
      [{ level: 0.5, minCount: 3, consecutivePeriods: 3, historyMonths: 12, version: 0 }, 'level'],
      [{ level: 0, minCount: 3, consecutivePeriods: 3, historyMonths: 12, version: 0 }, 'level'],
      [{ level: 0.01, minCount: 0, consecutivePeriods: 3, historyMonths: 12, version: 0 }, 'minCount'],
      [
        { level: 0.01, minCount: 3, consecutivePeriods: 1, historyMonths: 12, version: 0 },
        'consecutivePeriods',
      ],
    ] as const) {
      const res = await quality.request('PUT', '/api/v1/quality/settings', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const ok = await quality.request('PUT', '/api/v1/quality/settings', {
      level: 0.01,
      minCount: 4,
      consecutivePeriods: 3,
      historyMonths: 12,
      version: 0,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ level: 0.01, minCount: 4, version: 1 });
    const stale = await quality.request('PUT', '/api/v1/quality/settings', {
      level: 0.02,
      minCount: 4,
      consecutivePeriods: 3,
      historyMonths: 12,
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses a source that does not exist in its module (422 on sourceId)', async () => {
    for (const sourceKind of ['ticket', 'work_order', 'return', 'complaint', 'alert', 'feedback']) {
      const res = await quality.request('POST', '/api/v1/quality/cases', {
        sourceKind,
        sourceId: randomUUID(),
        description: '不存在的来源',
      });
      expect(res.statusCode, `${sourceKind}: ${res.body}`).toBe(422);
      expect(res.json().errors[0].field).toBe('sourceId');
    }
  });

  it("refuses another customer's equipment on a case from a ticket", async () => {
    const [ticketRow] = (
      await t.db.execute<{ id: string }>(sql`select id from tickets where number = 'BX-Q-000001'`)
    ).rows;
    const other = await buildCustomer(t.db);
    const project = randomUUID();
    await t.db.execute(sql`insert into projects (id, customer_id, code, name, time_zone)
      values (${project}, ${other.id}, 'OTHER', '其他', ${TEST_TIME_ZONE})`);
    const asset = randomUUID();
    await t.db.execute(sql`insert into assets (id, customer_id, project_id, product_id, serial)
      values (${asset}, ${other.id}, ${project}, ${ids.get('LCM')!}, 'OTHER-1')`);
    const res = await quality.request('POST', '/api/v1/quality/cases', {
      sourceKind: 'ticket',
      sourceId: ticketRow!.id,
      assetIds: [asset],
      description: '别人的设备',
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors[0].field).toBe('assetIds');
  });

  it('keeps customer users and field engineers out of the quality pages', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/quality/alerts'],
      ['GET', '/api/v1/quality/cases'],
      ['GET', '/api/v1/quality/feedback'],
      ['POST', '/api/v1/quality/cases'],
      ['POST', '/api/v1/quality/detect'],
      ['PUT', '/api/v1/quality/settings'],
    ] as const) {
      expect((await portal.request(method, url, method === 'GET' ? undefined : {})).statusCode, url).toBe(
        403,
      );
      expect((await field.request(method, url, method === 'GET' ? undefined : {})).statusCode, url).toBe(403);
    }
  });
});

describe('field feedback form', () => {
  it('is filled once by the engineer of a completed work order, listed, and opens a case', async () => {
    const customerId = ids.get('LC1')!;
    const open = randomUUID();
    const done = randomUUID();
    for (const [id, status, n] of [
      [open, 'on_site', 'WO-Q-1'],
      [done, 'completed', 'WO-Q-2'],
    ] as const)
      await t.db.execute(sql`insert into work_orders (id, number, kind, status, customer_id, project_id, engineer_id, summary, completed_at)
        values (${id}, ${n}, 'repair', ${status}, ${customerId}, ${ids.get('LCP1')!}, ${field.me.id}, '维修',
          ${status === 'completed' ? clock.now() : null})`);
    const body = {
      faultFound: '控制器过热',
      cause: '散热不足',
      customerOpinion: '希望尽快解决',
      suggestions: '加装风扇',
    };
    expect((await field.request('POST', `/api/v1/work-orders/${open}/feedback`, body)).statusCode).toBe(409);
    const other = (await loginAs(t, { role: 'field_engineer' })).session;
    expect((await other.request('POST', `/api/v1/work-orders/${done}/feedback`, body)).statusCode).toBe(403);
    expect((await field.request('GET', `/api/v1/work-orders/${done}/feedback`)).statusCode).toBe(404);
    const res = await field.request('POST', `/api/v1/work-orders/${done}/feedback`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ workOrderNumber: 'WO-Q-2', engineerName: field.me.displayName });
    expect((await field.request('POST', `/api/v1/work-orders/${done}/feedback`, body)).statusCode).toBe(409);
    expect((await field.request('GET', `/api/v1/work-orders/${done}/feedback`)).statusCode).toBe(200);
    const bad = await field.request('POST', `/api/v1/work-orders/${done}/feedback`, {
      ...body,
      faultFound: '',
    });
    expect(bad.statusCode).toBe(400);

    const list = (await quality.request('GET', '/api/v1/quality/feedback')).json();
    const form = list.items.find((f: { workOrderNumber: string }) => f.workOrderNumber === 'WO-Q-2');
    expect(form).toMatchObject({ faultFound: '控制器过热', caseId: null });
    const c = await quality.request('POST', '/api/v1/quality/cases', {
      sourceKind: 'feedback',
      sourceId: form.id,
      description: '现场反馈：控制器过热',
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().sourceNumber).toBe('WO-Q-2');
    const after = (await quality.request('GET', '/api/v1/quality/feedback')).json();
    expect(after.items.find((f: { id: string }) => f.id === form.id).caseId).toBe(c.json().id);
  });
});
