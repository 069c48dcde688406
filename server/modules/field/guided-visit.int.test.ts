// The guided visit and dispatch over HTTP: a stage skipped with a reason (validated, audited, moving
// nothing), the warning when a visit is scheduled after the on-site deadline, and one computation of
// the charges — the preview before consent equals the sheet fixed at completion, travel and labour
// entered always on it.
import { sql } from 'drizzle-orm';
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
import { ensureSlaDefaults } from '../sla/index.ts';
import { publishReportJob } from './index.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const clock = new ManualClock(T0);
const MIN = 60_000;
let t: TestApp;
let agent: Session;
let manager: Session;
let engineer: Session;
let engineerId: string;
const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();
let n = 0;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' }, jobs: [publishReportJob] });
  await ensureSlaDefaults(t.db, TEST_TIME_ZONE);
  agent = (await loginAs(t, { role: 'agent' })).session;
  manager = (await loginAs(t, { role: 'manager' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
});
afterAll(() => t.close());

const event = (id: string, body: Record<string, unknown>) =>
  engineer.request('POST', `/api/v1/work-orders/${id}/events`, {
    clientEventId: `ev-${++n}-${Date.now()}`,
    at: clock.now().toISOString(),
    ...body,
  });

/** A project under a contract with a fee schedule, its equipment accepted on `acceptedOn`, and a work order. */
async function job(acceptedOn: string) {
  clock.set(T0);
  const c = await buildCustomer(t.db);
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: c.id,
      code: `P-${uid()}`,
      name: '道路照明',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '路灯',
      category: 'lighting',
      sizeClass: 'small',
    })
  ).json();
  const contract = await manager.request('POST', '/api/v1/contracts', {
    projectId: project.id,
    number: `HT-${uid()}`,
    kind: 'supply_install',
    startDate: '2020-01-01',
    warrantyMonths: 12,
    labourRateFen: 20_000,
    travelFeeFen: 30_000,
    labourCostRateFen: 8_000,
    travelCostFeeFen: 10_000,
  });
  expect(contract.statusCode, contract.body).toBe(201);
  const asset = (
    await manager.request('POST', '/api/v1/assets', {
      projectId: project.id,
      productId: product.id,
      serial: `S-${uid()}`,
    })
  ).json();
  await manager.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
    kind: 'acceptance',
    performedOn: acceptedOn,
    signedByName: '业主',
  });
  const tk = (
    await agent.request('POST', '/api/v1/tickets', {
      kind: 'fault_report',
      customerId: c.id,
      projectId: project.id,
      assetIds: [asset.id],
      subject: '灯不亮',
      description: 'x',
    })
  ).json();
  const wo = (await agent.request('POST', `/api/v1/tickets/${tk.id}/work-orders`, { engineerId })).json();
  return wo as { id: string; number: string; version: number; onSiteDueAt: string | null };
}

describe('skipping a stage', () => {
  it('records the skip with its reason, audited, moving nothing; refuses what cannot be skipped or has no reason', async () => {
    const wo = await job('2023-01-01');
    clock.set(new Date(T0.getTime() + 5 * MIN));
    const skipped = await event(wo.id, { stage: 'credentials_shown', skipReason: '客户未要求出示证件' });
    expect(skipped.statusCode, skipped.body).toBe(200);
    const after = skipped.json();
    expect(after.status).toBe('assigned');
    expect(after.events).toEqual([
      expect.objectContaining({ stage: 'credentials_shown', skipReason: '客户未要求出示证件' }),
    ]);
    const audit = await t.db.execute<{ after: { stage: string; reason: string } }>(
      sql`select after from audit_log where action = 'work-order.skip' and entity_id = ${wo.id}`,
    );
    expect(audit.rows.map((r) => r.after)).toEqual([
      expect.objectContaining({ stage: 'credentials_shown', reason: '客户未要求出示证件' }),
    ]);
    // Arriving cannot be skipped (the SLA counts it); a reason must say something; twice is a conflict.
    const arrival = await event(wo.id, { stage: 'arrived', skipReason: '不需要' });
    expect(arrival.statusCode).toBe(422);
    expect(arrival.json().errors[0].field).toBe('stage');
    const blank = await event(wo.id, { stage: 'tested', skipReason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(JSON.stringify(blank.json().errors)).toContain('skipReason');
    const again = await event(wo.id, { stage: 'credentials_shown', skipReason: '再次跳过' });
    expect(again.statusCode).toBe(409);
    const withData = await event(wo.id, { stage: 'tested', skipReason: '无需测试', data: { tests: 'x' } });
    expect(withData.statusCode).toBe(422);
    expect(withData.json().errors[0].field).toBe('data');
  });
});

describe('scheduling after the on-site deadline', () => {
  it('saves the time and warns; a time before the deadline has no warning', async () => {
    const wo = await job('2023-01-01');
    const detail = (await agent.request('GET', `/api/v1/work-orders/${wo.id}`)).json();
    expect(detail.onSiteDueAt).toEqual(expect.any(String));
    const due = new Date(detail.onSiteDueAt).getTime();
    const late = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: detail.version,
      scheduledAt: new Date(due + 60 * MIN).toISOString(),
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().warnings).toEqual([{ code: 'after_on_site_deadline', dueAt: detail.onSiteDueAt }]);
    expect(late.json().scheduledAt).toBe(new Date(due + 60 * MIN).toISOString());
    const early = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: late.json().version,
      scheduledAt: new Date(due - 60 * MIN).toISOString(),
    });
    expect(early.json().warnings).toEqual([]);
  });
});

describe('the charges', () => {
  const items = (s: { lines: { item: string; quantity: number; amountFen: number; basis?: string }[] }) =>
    s.lines.map((l) => [l.item, l.quantity, l.amountFen, l.basis]);

  it('are the same in the preview before consent and in the sheet fixed at completion, travel and labour included', async () => {
    const wo = await job('2023-01-01'); // out of warranty: the fee schedule
    clock.set(new Date(T0.getTime() + 30 * MIN));
    await event(wo.id, { stage: 'arrived' });
    await event(wo.id, { stage: 'diagnosed', data: { faultLocation: '灯头', cause: 'normal_failure' } });
    // Travel is priced per km at the organisation's rate (a setting), not per trip.
    const settings = (await manager.request('GET', '/api/v1/field/settings')).json();
    const rate = await manager.request('PUT', '/api/v1/field/settings', {
      version: settings.version,
      travelRatePerKmFen: 350,
    });
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.json()).toMatchObject({ travelRatePerKmFen: 350, travelCostRatePerKmFen: 100 });
    const preview = await engineer.request(
      'GET',
      `/api/v1/work-orders/${wo.id}/charges?timeSpentMinutes=130&travelKm=42`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(items(preview.json())).toEqual([
      ['travel', 42, 42 * 350, 'fee_schedule'],
      ['labour', 3, 60_000, 'fee_schedule'],
    ]);
    expect(preview.json().lines[0]).toMatchObject({ entered: 42, unitFen: 350 });
    expect(preview.json().lines[1].entered).toBe(130);
    // The plan agreed with the travel shown; completion enters the time spent.
    await event(wo.id, {
      stage: 'plan_agreed',
      data: { plan: '更换灯头', travelKm: 42, consent: { kind: 'verbal', by: '王工' } },
    });
    const done = await event(wo.id, { stage: 'completed', data: { result: 'ok', timeSpentMinutes: 130 } });
    expect(done.statusCode, done.body).toBe(200);
    const { receiptNumber: _r, ...previewed } = preview.json();
    expect(done.json().charges).toEqual(previewed);
    expect(done.json().travelKm).toBe(42);
    const fixed = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    expect(fixed.receiptNumber).toMatch(/^SF-/);
    expect(items(fixed)).toEqual(items(previewed));
  });

  it('keep the travel and labour entered on a free visit, at no charge and saying why', async () => {
    const wo = await job('2026-06-01'); // in warranty
    clock.set(new Date(T0.getTime() + 30 * MIN));
    await event(wo.id, { stage: 'diagnosed', data: { faultLocation: '灯头', cause: 'normal_failure' } });
    const none = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    expect(none.lines).toEqual([]);
    const done = await event(wo.id, {
      stage: 'completed',
      data: { result: 'ok', timeSpentMinutes: 45, travelKm: 12.5 },
    });
    expect(done.statusCode, done.body).toBe(200);
    const sheet = done.json().charges;
    expect(items(sheet)).toEqual([
      ['travel', 12.5, 0, 'warranty'],
      ['labour', 1, 0, 'warranty'],
    ]);
    expect(sheet.lines.map((l: { entered: number }) => l.entered)).toEqual([12.5, 45]);
    expect(sheet.totalFen).toBe(0);
  });
});
