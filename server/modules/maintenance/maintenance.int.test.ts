// Planned maintenance over HTTP: settings with the seed's defaults, templates and their checklists,
// plans per project — the bad input the issue lists, overlaps, permissions and customer isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let manager: Session;
let engineer: Session;
beforeAll(async () => {
  t = await createTestApp();
  manager = (await loginAs(t, { role: 'manager' })).session;
  engineer = (await loginAs(t, { role: 'field_engineer' })).session;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function site(category = 'lighting', sizeClass = 'small', count = 2) {
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
      category,
      sizeClass,
    })
  ).json();
  const assets = [];
  for (let i = 0; i < count; i++) {
    const made = await manager.request('POST', '/api/v1/assets', {
      projectId: project.id,
      productId: product.id,
      serial: `S-${uid()}`,
    });
    expect(made.statusCode, made.body).toBe(201);
    assets.push(made.json());
  }
  return { customer, project, product, assets };
}

const checklist = [
  { key: 'clean', label: '清洁灯具', kind: 'check' },
  { key: 'insulation', label: '绝缘电阻', kind: 'measurement', unit: 'MΩ', min: 20, photoRequired: true },
  { key: 'hours', label: '运行小时', kind: 'reading', required: false },
];

async function template(fields: Record<string, unknown> = {}) {
  const made = await manager.request('POST', '/api/v1/maintenance/templates', {
    name: `灯具保养 ${uid()}`,
    cycle: 'routine',
    category: 'lighting',
    sizeClass: 'small',
    checklist,
    ...fields,
  });
  expect(made.statusCode, made.body).toBe(201);
  return made.json();
}

describe('maintenance settings', () => {
  it("starts from the seed's numbers and is changed with its version, audited", async () => {
    const before = (await manager.request('GET', '/api/v1/maintenance/settings')).json();
    expect(before).toMatchObject({
      smallMonths: 1,
      mediumMonths: 2,
      largeMonths: 3,
      patrolMonths: 1,
      electricalCleaningMonths: 3,
      overhaulMonths: 12,
      horizonDays: 90,
      shiftDirection: 'earlier',
      version: 0,
    });
    const { version: _v, updatedAt: _u, ...values } = before;
    const saved = await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      horizonDays: 120,
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ horizonDays: 120, version: 1 });
    const stale = await manager.request('PUT', '/api/v1/maintenance/settings', { ...values, version: 0 });
    expect(stale.statusCode).toBe(409);
    const zero = await manager.request('PUT', '/api/v1/maintenance/settings', {
      ...values,
      smallMonths: 0,
      version: 1,
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors[0].field).toBe('smallMonths');
    const back = await manager.request('PUT', '/api/v1/maintenance/settings', { ...values, version: 1 });
    expect(back.json()).toMatchObject({ horizonDays: 90, version: 2 });
    const audit = await manager.request('GET', '/api/v1/audit?entityType=maintenance_settings');
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().items.length).toBeGreaterThanOrEqual(2);
  });

  it('is read by staff and changed only with maintenance.manage', async () => {
    expect((await engineer.request('GET', '/api/v1/maintenance/settings')).statusCode).toBe(200);
    const res = await engineer.request('PUT', '/api/v1/maintenance/settings', { version: 0 });
    expect(res.statusCode).toBe(403);
  });
});

describe('maintenance templates', () => {
  it('stores the checklist and shows the interval in force from the settings', async () => {
    const tpl = await template();
    expect(tpl.effectiveIntervalMonths).toBe(1);
    expect(tpl.checklist[1]).toMatchObject({
      kind: 'measurement',
      unit: 'MΩ',
      min: 20,
      max: null,
      required: true,
      photoRequired: true,
    });
    const overhaul = await template({ cycle: 'overhaul', sizeClass: null });
    expect(overhaul.effectiveIntervalMonths).toBe(12);
    const anySize = await template({ sizeClass: null });
    expect(anySize.effectiveIntervalMonths).toBeNull();
    const changed = await manager.request('PATCH', `/api/v1/maintenance/templates/${tpl.id}`, {
      version: tpl.version,
      intervalMonths: 4,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ intervalMonths: 4, effectiveIntervalMonths: 4, version: 2 });
    expect(changed.json().checklist).toHaveLength(3);
    const list = (await engineer.request('GET', '/api/v1/maintenance/templates?category=LIGHTING')).json();
    expect(list.map((x: { id: string }) => x.id)).toContain(tpl.id);
  });

  it.each([
    ['an interval of zero', { intervalMonths: 0 }, 400, 'intervalMonths'],
    ['a checklist without items', { checklist: [] }, 400, 'checklist'],
    [
      'a range with min > max',
      { checklist: [{ key: 'v', label: '电压', kind: 'measurement', unit: 'V', min: 240, max: 200 }] },
      400,
      'checklist.0.max',
    ],
    [
      'a measurement without a unit',
      { checklist: [{ key: 'v', label: '电压', kind: 'measurement', min: 1 }] },
      400,
      'checklist.0.unit',
    ],
    ['two items with one key', { checklist: [checklist[0], checklist[0]] }, 400, 'checklist.1.key'],
    ['a custom cycle without its interval', { cycle: 'custom' }, 422, 'intervalMonths'],
    ['an unknown size class', { sizeClass: 'huge' }, 400, 'sizeClass'],
  ])('refuses %s, naming the field', async (_what, fields, status, field) => {
    const res = await manager.request('POST', '/api/v1/maintenance/templates', {
      name: 'x',
      cycle: 'routine',
      checklist,
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a change that leaves a custom cycle without its interval', async () => {
    const tpl = await template({ cycle: 'custom', intervalMonths: 6 });
    const res = await manager.request('PATCH', `/api/v1/maintenance/templates/${tpl.id}`, {
      version: tpl.version,
      intervalMonths: null,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('intervalMonths');
  });

  it('is created only with maintenance.manage', async () => {
    const res = await engineer.request('POST', '/api/v1/maintenance/templates', {
      name: 'x',
      cycle: 'routine',
      checklist,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('maintenance plans', () => {
  it('pairs each asset with the templates that apply to it, with the interval', async () => {
    const s = await site('lighting', 'small');
    const lamp = await template();
    const hvac = await template({ category: 'hvac', sizeClass: 'large' });
    const patrol = await template({ cycle: 'patrol', category: null, sizeClass: null });
    const made = await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: s.project.id,
      name: '年度保养',
      assetIds: s.assets.map((a) => a.id),
      templateIds: [lamp.id, hvac.id, patrol.id],
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      preferredWeekday: 2,
      windowStart: '09:00',
      windowEnd: '12:00',
    });
    expect(made.statusCode, made.body).toBe(201);
    const plan = made.json();
    expect(plan).toMatchObject({ customerId: s.customer.id, mode: 'fixed', projectName: '亮化工程' });
    expect(plan.items).toHaveLength(4);
    expect(plan.templateIds.sort()).toEqual([lamp.id, patrol.id].sort());
    expect(plan.items.find((i: { templateId: string }) => i.templateId === lamp.id).intervalMonths).toBe(1);
    const listed = (
      await manager.request('GET', `/api/v1/maintenance/plans?projectId=${s.project.id}`)
    ).json();
    expect(listed).toEqual([expect.objectContaining({ id: plan.id, assetCount: 2, templateCount: 2 })]);
  });

  it('refuses overlapping plans for the same asset and template (409), and allows them after the first ends', async () => {
    const s = await site();
    const tpl = await template();
    const base = { projectId: s.project.id, name: 'A', assetIds: [s.assets[0].id], templateIds: [tpl.id] };
    const first = await manager.request('POST', '/api/v1/maintenance/plans', {
      ...base,
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
    });
    expect(first.statusCode, first.body).toBe(201);
    const overlap = await manager.request('POST', '/api/v1/maintenance/plans', {
      ...base,
      assetIds: s.assets.map((a) => a.id),
      startsOn: '2027-06-30',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors[0].field).toBe('assetIds');
    expect(
      (await manager.request('GET', `/api/v1/maintenance/plans?projectId=${s.project.id}`)).json(),
    ).toHaveLength(1);
    const after = await manager.request('POST', '/api/v1/maintenance/plans', {
      ...base,
      startsOn: '2027-07-01',
    });
    expect(after.statusCode, after.body).toBe(201);
    // Extending the first plan into the second one's dates is refused too.
    const extend = await manager.request('PATCH', `/api/v1/maintenance/plans/${first.json().id}`, {
      version: first.json().version,
      endsOn: null,
    });
    expect(extend.statusCode).toBe(409);
    // Ending the second plan (inactive) makes room.
    const ended = await manager.request('PATCH', `/api/v1/maintenance/plans/${after.json().id}`, {
      version: after.json().version,
      active: false,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const extended = await manager.request('PATCH', `/api/v1/maintenance/plans/${first.json().id}`, {
      version: first.json().version,
      endsOn: null,
    });
    expect(extended.statusCode, extended.body).toBe(200);
  });

  it('creates each of two concurrent overlapping plans at most once', async () => {
    const s = await site();
    const tpl = await template();
    const body = {
      projectId: s.project.id,
      name: 'B',
      assetIds: [s.assets[0].id],
      templateIds: [tpl.id],
      startsOn: '2027-01-01',
    };
    const results = await Promise.all([
      manager.request('POST', '/api/v1/maintenance/plans', body),
      manager.request('POST', '/api/v1/maintenance/plans', body),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it.each([
    ['a plan ending before it starts', { endsOn: '2026-12-31' }, 422, 'endsOn'],
    ['a time window ending before it starts', { windowStart: '14:00', windowEnd: '09:00' }, 422, 'windowEnd'],
    ['half a time window', { windowStart: '14:00' }, 422, 'windowEnd'],
    ['no equipment', { assetIds: [] }, 400, 'assetIds'],
    ['no template', { templateIds: [] }, 400, 'templateIds'],
    ['a weekday 8', { preferredWeekday: 8 }, 400, 'preferredWeekday'],
    ['an unknown field', { contract: 'x' }, 400, 'contract'],
  ])('refuses %s, naming the field, writing nothing', async (_what, fields, status, field) => {
    const s = await site();
    const tpl = await template();
    const res = await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: s.project.id,
      name: 'bad',
      assetIds: [s.assets[0].id],
      templateIds: [tpl.id],
      startsOn: '2027-01-01',
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(JSON.stringify(res.json().errors)).toContain(field);
    expect(
      (await manager.request('GET', `/api/v1/maintenance/plans?projectId=${s.project.id}`)).json(),
    ).toEqual([]);
  });

  it("refuses another project's equipment, a template that fits none of it, and an unknown template (422)", async () => {
    const s = await site();
    const other = await site();
    const tpl = await template();
    const hvac = await template({ category: 'hvac' });
    const base = { projectId: s.project.id, name: 'C', startsOn: '2027-01-01' };
    const foreign = await manager.request('POST', '/api/v1/maintenance/plans', {
      ...base,
      assetIds: [other.assets[0].id],
      templateIds: [tpl.id],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].field).toBe('assetIds');
    const misfit = await manager.request('POST', '/api/v1/maintenance/plans', {
      ...base,
      assetIds: [s.assets[0].id],
      templateIds: [hvac.id],
    });
    expect(misfit.statusCode).toBe(422);
    expect(misfit.json().errors[0].field).toBe('templateIds');
    const unknown = await manager.request('POST', '/api/v1/maintenance/plans', {
      ...base,
      assetIds: [s.assets[0].id],
      templateIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('templateIds');
  });

  it('keeps plans from customer users and field engineers cannot create them', async () => {
    const s = await site();
    const tpl = await template();
    const plan = (
      await manager.request('POST', '/api/v1/maintenance/plans', {
        projectId: s.project.id,
        name: 'D',
        assetIds: [s.assets[0].id],
        templateIds: [tpl.id],
        startsOn: '2027-01-01',
      })
    ).json();
    const { session: customerUser } = await loginAs(t, { customerId: s.customer.id });
    expect((await customerUser.request('GET', `/api/v1/maintenance/plans/${plan.id}`)).statusCode).toBe(403);
    const res = await engineer.request('POST', '/api/v1/maintenance/plans', {
      projectId: s.project.id,
      name: 'E',
      assetIds: [s.assets[1].id],
      templateIds: [tpl.id],
      startsOn: '2027-01-01',
    });
    expect(res.statusCode).toBe(403);
    expect((await engineer.request('GET', `/api/v1/maintenance/plans/${plan.id}`)).statusCode).toBe(200);
  });
});
