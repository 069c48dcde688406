// Parts replaced during maintenance (篇1 原厂正品、价格合理): on a maintenance work order generated from
// a plan, the engineer proposes the part with its price, the customer's consent is recorded, the part
// is issued from the engineer's van through the parts ledger against the work order, and the warranty
// engine decides whether it is free — as for a repair.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  type Session,
  type TestApp,
  testPng,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';
import { publishReportJob } from '../field/index.ts';

const T0 = new Date('2026-12-01T02:00:00Z');
const clock = new ManualClock(T0);
let t: TestApp;
let manager: Session;
let agent: Session;
let engineer: Session;
let engineerId: string;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SESSION_TTL_HOURS: '5000' }, jobs: [publishReportJob] });
  manager = (await loginAs(t, { role: 'manager' })).session;
  agent = (await loginAs(t, { role: 'agent' })).session;
  const e = await loginAs(t, { role: 'field_engineer' });
  engineer = e.session;
  engineerId = e.user.id;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();
let ev = 0;
const stage = (id: string, name: string, data?: Record<string, unknown>) =>
  engineer.request('POST', `/api/v1/work-orders/${id}/events`, {
    clientEventId: `ev-${++ev}-${uid()}`,
    stage: name,
    at: clock.now().toISOString(),
    data,
  });

/** A project accepted on `acceptedOn` (12 months' warranty, a fee schedule) with a generated maintenance visit. */
async function maintainedSite(acceptedOn: string, secondAcceptedOn?: string) {
  const customer = await buildCustomer(t.db);
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: customer.id,
      code: `P-${uid()}`,
      name: '广场亮化',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '投光灯',
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
  // A second lamp added and accepted later: its warranty runs from its own acceptance.
  const second = secondAcceptedOn
    ? (
        await manager.request('POST', '/api/v1/assets', {
          projectId: project.id,
          productId: product.id,
          serial: `S2-${uid()}`,
          name: '二号灯',
          acceptanceDate: secondAcceptedOn,
        })
      ).json()
    : null;
  const tpl = (
    await manager.request('POST', '/api/v1/maintenance/templates', {
      name: `灯具保养 ${uid()}`,
      cycle: 'routine',
      category: 'lighting',
      sizeClass: 'small',
      checklist: [{ key: 'clean', label: '清洁', kind: 'check' }],
    })
  ).json();
  const plan = (
    await manager.request('POST', '/api/v1/maintenance/plans', {
      projectId: project.id,
      name: '月度保养',
      assetIds: second ? [asset.id, second.id] : [asset.id],
      templateIds: [tpl.id],
      startsOn: '2026-12-03',
      mode: 'fixed',
    })
  ).json();
  await manager.request('POST', `/api/v1/maintenance/plans/${plan.id}/generate`);
  const [first] = (await manager.request('GET', `/api/v1/maintenance/plans/${plan.id}/visits`))
    .json()
    .sort((a: { dueOn: string }, b: { dueOn: string }) => a.dueOn.localeCompare(b.dueOn));
  const wo = (await agent.request('GET', `/api/v1/work-orders/${first.workOrderId}`)).json();
  expect(wo.kind).toBe('maintenance');
  const dispatched = await agent.request('PATCH', `/api/v1/work-orders/${wo.id}`, {
    version: wo.version,
    engineerId,
  });
  expect(dispatched.statusCode, dispatched.body).toBe(200);
  expect(wo.assetIds[0]).toBe(asset.id);
  return { wo: wo as { id: string; number: string }, asset, second };
}

/** A genuine part at factory price, five in the engineer's van. */
async function partInVan() {
  const van = await manager.request('POST', '/api/v1/stock/locations', {
    code: `VAN-${uid()}`,
    name: '工程车',
    kind: 'van',
    keeperId: engineerId,
  });
  expect(van.statusCode, van.body).toBe(201);
  const part = await manager.request('POST', '/api/v1/parts', {
    partNumber: `DRV-${uid()}`,
    name: '驱动电源',
    factoryPriceFen: 9_000,
  });
  expect(part.statusCode, part.body).toBe(201);
  const received = await manager.request('POST', '/api/v1/stock/receipts', {
    partId: part.json().id,
    locationId: van.json().id,
    quantity: 5,
  });
  expect(received.statusCode, received.body).toBe(200);
  return { partId: part.json().id as string, vanId: van.json().id as string };
}

async function replacePart(
  wo: { id: string; number: string },
  part: { partId: string; vanId: string },
  assetId?: string,
) {
  expect((await stage(wo.id, 'arrived')).statusCode).toBe(200);
  // The proposal with its price, agreed by the customer before the part goes in.
  const agreed = await stage(wo.id, 'plan_agreed', {
    plan: '更换驱动电源 1 个（原厂正品，出厂价 ¥90）',
    estimatedMinutes: 30,
    consent: { kind: 'verbal', by: '业主 王工' },
  });
  expect(agreed.statusCode, agreed.body).toBe(200);
  const issued = await engineer.request('POST', '/api/v1/stock/issues', {
    partId: part.partId,
    locationId: part.vanId,
    quantity: 1,
    workOrderRef: wo.number,
    ...(assetId ? { assetId } : {}),
  });
  expect(issued.statusCode, issued.body).toBe(200);
}

/** Answers the visit's checklist and has the customer sign the maintenance record (which completes it). */
async function signVisit(workOrderId: string, summary: string) {
  const list = (
    await engineer.request('GET', `/api/v1/maintenance/work-orders/${workOrderId}/checklist`)
  ).json();
  const answeredAt = new Date(clock.now().getTime() - 60_000).toISOString();
  const answers = list.items.map((i: { id: string }) => ({
    visitItemId: i.id,
    key: 'clean',
    result: 'pass',
    clientEventId: `ev-${uid()}-${uid()}`,
    answeredAt,
  }));
  const saved = await engineer.request('POST', `/api/v1/maintenance/visits/${list.visitId}/answers`, {
    answers,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return engineer.request('POST', `/api/v1/maintenance/visits/${list.visitId}/sign`, {
    signedBy: '业主 王工',
    signature: `data:image/png;base64,${testPng(120, 40, [20, 20, 20]).toString('base64')}`,
    at: answeredAt,
    summary,
  });
}

describe('parts replaced during maintenance', () => {
  it('records the consent, issues the part from the van to the work order in the ledger, free in warranty', async () => {
    clock.set(T0);
    const { wo } = await maintainedSite('2026-06-01');
    const part = await partInVan();
    await replacePart(wo, part);
    const after = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}`)).json();
    expect(after.plan.consent).toMatchObject({ kind: 'verbal', by: '业主 王工' });
    const ledger = (await manager.request('GET', `/api/v1/parts/${part.partId}/movements`)).json();
    const issue = (ledger.items ?? ledger).find((m: { kind: string }) => m.kind === 'issue');
    expect(issue).toMatchObject({ workOrderRef: wo.number, fromLocationId: part.vanId, quantity: 1 });
    const charges = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    expect(charges.status).toBe('in_warranty');
    const line = charges.lines.find((l: { item: string }) => l.item === 'part');
    expect(line).toMatchObject({ quantity: 1, unitFen: 0, basis: 'warranty' });
    expect(charges.totalFen).toBe(0);
  });

  it('charges the part at factory price after the warranty, fixed at completion', async () => {
    clock.set(T0);
    const { wo } = await maintainedSite('2023-01-01');
    const part = await partInVan();
    await replacePart(wo, part);
    // A planned maintenance visit completes when the customer signs its record.
    const done = await signVisit(wo.id, '保养完成，更换驱动电源');
    expect(done.statusCode, done.body).toBe(200);
    const charges = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    expect(charges.status).toBe('expired');
    expect(charges.lines.find((l: { item: string }) => l.item === 'part')).toMatchObject({
      quantity: 1,
      unitFen: 9_000,
      basis: 'fee_schedule',
    });
    expect(charges.receiptNumber).toMatch(/^SF-/);
  });

  it('prices each part by the equipment it was fitted to on a visit covering several assets', async () => {
    clock.set(T0);
    // The site is out of warranty; its second lamp, replaced in June, is in warranty.
    const { wo, second } = await maintainedSite('2023-01-01', '2026-06-01');
    const part = await partInVan();
    await replacePart(wo, part);
    const fitted = await engineer.request('POST', '/api/v1/stock/issues', {
      partId: part.partId,
      locationId: part.vanId,
      quantity: 2,
      workOrderRef: wo.number,
      assetId: second.id,
    });
    expect(fitted.statusCode, fitted.body).toBe(200);
    expect(fitted.json().movements[0].assetId).toBe(second.id);
    const charges = (await engineer.request('GET', `/api/v1/work-orders/${wo.id}/charges`)).json();
    expect(charges.status).toBe('expired');
    const parts = charges.lines.filter((l: { item: string }) => l.item === 'part');
    expect(parts).toHaveLength(2);
    expect(parts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ quantity: 1, unitFen: 9_000, basis: 'fee_schedule' }),
        expect.objectContaining({ quantity: 2, unitFen: 0, basis: 'warranty' }),
      ]),
    );
    expect(charges.reasons).toContainEqual(
      expect.objectContaining({
        code: 'part_fitted_free',
        params: expect.objectContaining({ asset: expect.stringContaining('二号灯') }),
      }),
    );
    const partsFen = parts.reduce((sum: number, l: { amountFen: number }) => sum + l.amountFen, 0);
    expect(partsFen).toBe(9_000);
  });

  it('refuses a part fitted to equipment the caller cannot name', async () => {
    clock.set(T0);
    const { wo } = await maintainedSite('2023-01-01');
    const part = await partInVan();
    const res = await engineer.request('POST', '/api/v1/stock/issues', {
      partId: part.partId,
      locationId: part.vanId,
      quantity: 1,
      workOrderRef: wo.number,
      assetId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message ?? res.body).toMatch(/assetId/);
    // Nothing left the van.
    const ledger = (await manager.request('GET', `/api/v1/parts/${part.partId}/movements`)).json();
    expect((ledger.items ?? ledger).filter((m: { kind: string }) => m.kind === 'issue')).toHaveLength(0);
  });
});
