// Generation of maintenance visits over HTTP, on a manual clock: closed days (Spring Festival,
// National Day), one visit per project and date, idempotent and concurrent regeneration, dispatched
// visits never moved, floating plans counted from the completion.
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
import { systemCtx } from '../../platform/context.ts';
import { generateAll } from './generate.ts';

let t: TestApp;
let manager: Session;
const clock = new ManualClock(new Date('2026-01-20T02:00:00Z'));
beforeAll(async () => {
  t = await createTestApp({ clock });
  manager = (await loginAs(t, { role: 'manager' })).session;
});
afterAll(() => t.close());

/** Moves the clock (sessions expire when it jumps, so the manager logs in again). */
async function at(iso: string) {
  clock.set(new Date(iso));
  manager = (await loginAs(t, { role: 'manager' })).session;
}

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function setup(plan: Record<string, unknown>, sizeClass = 'small', assets = 2) {
  const customer = await buildCustomer(t.db);
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: '亮化工程',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '投光灯',
      category: 'lighting',
      sizeClass,
    })
  ).json();
  const assetIds: string[] = [];
  for (let i = 0; i < assets; i++)
    assetIds.push(
      (
        await manager.request('POST', '/api/v1/assets', {
          projectId: project.id,
          productId: product.id,
          serial: `S-${uid()}`,
        })
      ).json().id,
    );
  const template = (
    await manager.request('POST', '/api/v1/maintenance/templates', {
      name: `保养 ${uid()}`,
      cycle: 'routine',
      category: 'lighting',
      checklist: [{ key: 'clean', label: '清洁', kind: 'check' }],
    })
  ).json();
  const made = await manager.request('POST', '/api/v1/maintenance/plans', {
    projectId: project.id,
    name: '保养计划',
    assetIds,
    templateIds: [template.id],
    ...plan,
  });
  expect(made.statusCode, made.body).toBe(201);
  return { customer, project, assetIds, template, plan: made.json() };
}

const generate = async (planId: string) => {
  const res = await manager.request('POST', `/api/v1/maintenance/plans/${planId}/generate`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const visitsOf = async (planId: string) =>
  (await manager.request('GET', `/api/v1/maintenance/plans/${planId}/visits`)).json();
const dueDates = (visits: { dueOn: string }[]) => [...new Set(visits.map((v) => v.dueOn))].sort();
const workOrdersOfProject = async (projectId: string) =>
  (
    await t.db.execute(
      sql`select id, status, asset_ids, kind, scheduled_at from work_orders where project_id = ${projectId} order by scheduled_at`,
    )
  ).rows as { id: string; status: string; asset_ids: string[]; kind: string; scheduled_at: Date }[];

describe('maintenance visit generation', () => {
  it('creates one visit per project and date covering every asset, moved off the Spring Festival', async () => {
    await at('2026-01-20T02:00:00Z');
    const s = await setup({
      startsOn: '2026-02-17',
      endsOn: '2026-12-31',
      windowStart: '14:00',
      windowEnd: '17:00',
    });
    const result = await generate(s.plan.id);
    // 90 days from 2026-01-20: 02-17 (in the Spring Festival break → Saturday 02-14, a make-up working
    // day), 03-17, and 04-17 (the horizon ends 04-20).
    expect(result).toMatchObject({ visitsCreated: 3, itemsAdded: 6 });
    const visits = await visitsOf(s.plan.id);
    expect(dueDates(visits)).toEqual(['2026-02-14', '2026-03-17', '2026-04-17']);
    const moved = visits.find((v: { dueOn: string }) => v.dueOn === '2026-02-14');
    expect(moved.reason).toMatchObject({
      mode: 'fixed',
      intervalMonths: 1,
      nominalOn: '2026-02-17',
      movedFrom: '2026-02-17',
    });
    const orders = await workOrdersOfProject(s.project.id);
    expect(orders).toHaveLength(3);
    expect(
      orders.every((o) => o.kind === 'maintenance' && o.status === 'new' && o.asset_ids.length === 2),
    ).toBe(true);
    // 14:00 in the organisation's zone (Asia/Shanghai).
    expect(new Date(orders[0]!.scheduled_at).toISOString()).toBe('2026-02-14T06:00:00.000Z');
    // On the dispatch board: the unassigned queue.
    const board = (await manager.request('GET', '/api/v1/work-orders?queue=unassigned&limit=200')).json();
    expect(board.filter((w: { id: string }) => orders.some((o) => o.id === w.id))).toHaveLength(3);
  });

  it('regenerates idempotently, and three generations at once create each visit once', async () => {
    await at('2026-01-20T02:00:00Z');
    const s = await setup({ startsOn: '2026-03-02' });
    const results = await Promise.all([generate(s.plan.id), generate(s.plan.id), generate(s.plan.id)]);
    expect(results.map((r) => r.visitsCreated).sort()).toEqual([0, 0, 2]);
    const again = await generate(s.plan.id);
    expect(again).toMatchObject({
      visitsCreated: 0,
      visitsChanged: 0,
      visitsCancelled: 0,
      itemsAdded: 0,
      itemsRemoved: 0,
    });
    expect(await workOrdersOfProject(s.project.id)).toHaveLength(2);
    expect((await visitsOf(s.plan.id)).length).toBe(4);
  });

  it('compares a visit item by item only when its fingerprint no longer matches what is wanted', async () => {
    await at('2026-01-20T02:00:00Z');
    const s = await setup({ startsOn: '2026-03-02', endsOn: '2026-04-30' }, 'small', 3);
    expect(await generate(s.plan.id)).toMatchObject({ visitsCreated: 2, itemsAdded: 6 });
    const fingerprints = async () =>
      (
        await t.db.execute<{ f: string | null }>(
          sql`select items_fingerprint as f from maintenance_visits where project_id = ${s.project.id} order by due_on`,
        )
      ).rows.map((r) => r.f);
    const first = await fingerprints();
    expect(first.every(Boolean)).toBe(true);
    // One asset leaves the plan: both open visits no longer match, lose its item and are re-planned.
    const plan = (await manager.request('GET', `/api/v1/maintenance/plans/${s.plan.id}`)).json();
    const changed = await manager.request('PATCH', `/api/v1/maintenance/plans/${s.plan.id}`, {
      version: plan.version,
      assetIds: s.assetIds.slice(0, 2),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await generate(s.plan.id)).toMatchObject({ itemsRemoved: 2, visitsChanged: 2, itemsAdded: 0 });
    expect((await workOrdersOfProject(s.project.id)).map((o) => o.asset_ids.length)).toEqual([2, 2]);
    const second = await fingerprints();
    expect(second[0]).not.toBe(first[0]);
    const unchanged = {
      visitsCreated: 0,
      visitsChanged: 0,
      visitsCancelled: 0,
      itemsAdded: 0,
      itemsRemoved: 0,
    };
    expect(await generate(s.plan.id)).toMatchObject(unchanged);
    // Unknown (visits from before fingerprints) or wrong: the items are read, nothing changes, and the
    // fingerprint is learnt again.
    await t.db.execute(
      sql`update maintenance_visits set items_fingerprint = case when due_on < '2026-04-01' then null else 'stale' end
           where project_id = ${s.project.id}`,
    );
    expect(await generate(s.plan.id)).toMatchObject(unchanged);
    expect(await fingerprints()).toEqual(second);
    expect((await visitsOf(s.plan.id)).length).toBe(4);
  });

  it('generates every project in batches, two at a time, and adds up what each batch did', async () => {
    await at('2026-01-20T02:00:00Z');
    await setup({ startsOn: '2026-03-02' });
    await setup({ startsOn: '2026-03-09' }, 'medium', 3);
    const ctx = systemCtx({ db: t.db, clock, timeZone: TEST_TIME_ZONE }, 'test');
    const before = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from maintenance_visits`);
    const projects = await t.db.execute<{ n: number }>(
      sql`select count(distinct project_id)::int as n from maintenance_plans where active`,
    );
    // One project per batch: the two workers finish batches at the same time, and neither's counts are lost.
    const result = await generateAll(ctx, 1);
    const after = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from maintenance_visits`);
    expect(result.projects).toBe(projects.rows[0]!.n);
    expect(result.visitsCreated).toBe(after.rows[0]!.n - before.rows[0]!.n);
    expect(result.visitsCreated).toBeGreaterThan(0);
  });

  it('moves off National Day earlier by default, later with the setting; a dispatched visit never moves', async () => {
    await at('2026-09-01T02:00:00Z');
    const s = await setup({ startsOn: '2026-09-07', endsOn: '2026-11-30' });
    await generate(s.plan.id);
    // 09-07, 10-07 (National Day → 09-30), 11-07 (a Saturday → Friday 11-06).
    expect(dueDates(await visitsOf(s.plan.id))).toEqual(['2026-09-07', '2026-09-30', '2026-11-06']);
    // Dispatch the first one.
    const orders = await workOrdersOfProject(s.project.id);
    const engineer = (await loginAs(t, { role: 'field_engineer' })).user;
    const wo = (await manager.request('GET', `/api/v1/work-orders/${orders[0]!.id}`)).json();
    const dispatched = await manager.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
      version: wo.version,
      engineerId: engineer.id,
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    // Later, and on Thursdays: the undispatched visits move, the dispatched one stays.
    const settings = (await manager.request('GET', '/api/v1/maintenance/settings')).json();
    const { updatedAt: _u, ...values } = settings;
    expect(
      (await manager.request('PUT', '/api/v1/maintenance/settings', { ...values, shiftDirection: 'later' }))
        .statusCode,
    ).toBe(200);
    const plan = (await manager.request('GET', `/api/v1/maintenance/plans/${s.plan.id}`)).json();
    const changed = await manager.request('PATCH', `/api/v1/maintenance/plans/${s.plan.id}`, {
      version: plan.version,
      preferredWeekday: 4,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const result = await generate(s.plan.id);
    expect(result).toMatchObject({ visitsCancelled: 2, visitsCreated: 2 });
    // 10-07 → Thursday 10-01 (holiday) → later: 10-08; 11-07 → Thursday 11-05.
    expect(dueDates(await visitsOf(s.plan.id))).toEqual(['2026-09-07', '2026-10-08', '2026-11-05']);
    const after = await workOrdersOfProject(s.project.id);
    expect(after.find((o) => o.id === wo.id)).toMatchObject({ status: 'assigned' });
    expect(after.filter((o) => o.status === 'cancelled')).toHaveLength(2);
    await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      shiftDirection: 'earlier',
      version: values.version + 1,
    });
  });

  it('counts a floating plan from the last completion', async () => {
    await at('2026-03-02T02:00:00Z');
    const s = await setup({ startsOn: '2026-03-02', mode: 'floating' }, 'medium', 1);
    await generate(s.plan.id);
    expect(dueDates(await visitsOf(s.plan.id))).toEqual(['2026-03-02']);
    // Nothing more while that visit is not done.
    expect(await generate(s.plan.id)).toMatchObject({ visitsCreated: 0 });
    const [wo] = await workOrdersOfProject(s.project.id);
    await t.db.execute(
      sql`update work_orders set status = 'completed', completed_at = '2026-03-12T03:00:00Z' where id = ${wo!.id}`,
    );
    await at('2026-03-13T02:00:00Z');
    await generate(s.plan.id);
    // Two months (medium) after 03-12: 05-12, a Tuesday.
    const visits = await visitsOf(s.plan.id);
    expect(dueDates(visits)).toEqual(['2026-03-02', '2026-05-12']);
    expect(visits.find((v: { dueOn: string }) => v.dueOn === '2026-05-12').reason).toMatchObject({
      mode: 'floating',
      countedFrom: '2026-03-12',
      intervalMonths: 2,
    });
  });

  it('keeps generated visits from customer users, and generation needs maintenance.manage', async () => {
    await at('2026-01-20T02:00:00Z');
    const s = await setup({ startsOn: '2026-02-02' });
    const { session: customerUser } = await loginAs(t, { customerId: s.customer.id });
    expect(
      (await customerUser.request('GET', `/api/v1/maintenance/plans/${s.plan.id}/visits`)).statusCode,
    ).toBe(403);
    const { session: engineer } = await loginAs(t, { role: 'field_engineer' });
    expect(
      (await engineer.request('POST', `/api/v1/maintenance/plans/${s.plan.id}/generate`)).statusCode,
    ).toBe(403);
    expect((await engineer.request('GET', `/api/v1/maintenance/plans/${s.plan.id}/visits`)).statusCode).toBe(
      200,
    );
    const missing = await manager.request(
      'POST',
      '/api/v1/maintenance/plans/00000000-0000-4000-8000-000000000000/generate',
    );
    expect(missing.statusCode).toBe(404);
  });
});
