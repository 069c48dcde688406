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
import { sendWarrantyExpiryReminders } from './warranty-reminders.ts';

let t: TestApp;
let manager: Session;
// 2026-11-24 20:00 UTC is already 2026-11-25 in Asia/Shanghai.
const clock = new ManualClock(new Date('2026-11-24T20:00:00Z'));

beforeAll(async () => {
  t = await createTestApp({ clock });
  manager = (await loginAs(t, { role: 'manager' })).session;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** The manager's view of an asset's coverage, `query` as in the URL (e.g. `cause=human_damage`). */
async function coverageOf(assetId: string, query: string) {
  return (await manager.request('GET', `/api/v1/assets/${assetId}/coverage?${query}`)).json();
}

async function acceptedAsset(
  acceptedOn: string,
  contract: Record<string, unknown> = {},
  opts: { withComponent?: boolean } = {},
) {
  const c = await buildCustomer(t.db);
  const project = (
    await manager.request('POST', '/api/v1/projects', {
      customerId: c.id,
      code: `P-${uid()}`,
      name: '暖通工程',
    })
  ).json();
  const product = (
    await manager.request('POST', '/api/v1/products', {
      model: `M-${uid()}`,
      name: '冷水机组',
      category: 'hvac',
      sizeClass: 'large',
    })
  ).json();
  const made = await manager.request('POST', '/api/v1/contracts', {
    projectId: project.id,
    number: `HT-${uid()}`,
    kind: 'supply_install',
    startDate: '2020-01-01',
    warrantyMonths: 12,
    ...contract,
  });
  expect(made.statusCode, made.body).toBe(201);
  const asset = (
    await manager.request('POST', '/api/v1/assets', {
      projectId: project.id,
      productId: product.id,
      serial: `S-${uid()}`,
    })
  ).json();
  const component = opts.withComponent
    ? (
        await manager.request('POST', '/api/v1/assets', {
          projectId: project.id,
          productId: product.id,
          parentId: asset.id,
          serial: `C-${uid()}`,
        })
      ).json()
    : null;
  await manager.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
    kind: 'acceptance',
    performedOn: acceptedOn,
    signedByName: '业主',
  });
  return { asset, component, project, customer: c };
}

describe('warranty expiry reminders', () => {
  it('notifies the project engineers and managers once for equipment whose warranty ends within 60 days', async () => {
    const { asset, project } = await acceptedAsset('2025-12-20');
    const { user: engineer } = await loginAs(t, { role: 'field_engineer' });
    const p = (await manager.request('GET', `/api/v1/projects/${project.id}`)).json();
    await manager.request('PATCH', `/api/v1/projects/${project.id}`, {
      version: p.version,
      engineerIds: [engineer.id],
    });
    const first = await sendWarrantyExpiryReminders(t.db, clock, TEST_TIME_ZONE);
    const again = await sendWarrantyExpiryReminders(t.db, clock, TEST_TIME_ZONE);
    expect(first.messages).toBeGreaterThan(0);
    const rows = await t.pool.query(
      `select recipient, payload from outbox where template = 'registry.warranty-expiring' and payload->>'assetId' = $1`,
      [asset.id],
    );
    expect(rows.rows.map((r) => r.recipient)).toContain(engineer.id);
    expect(rows.rows.map((r) => r.recipient)).toContain(manager.me.id);
    expect(rows.rows).toHaveLength(new Set(rows.rows.map((r) => r.recipient)).size);
    expect(rows.rows[0].payload).toMatchObject({ period: 'warranty', endsOn: '2026-12-20', daysLeft: 25 });
    expect(again.messages).toBe(first.messages); // enqueued again, deduplicated by the outbox
  });
});

describe('warranty coverage of equipment', () => {
  it('uses the contract terms and today in the project time zone', async () => {
    // accepted 2025-11-25 with 12 months: the last in-warranty day is 2026-11-24, and "today" in
    // Shanghai is already 2026-11-25.
    const { asset } = await acceptedAsset('2025-11-25');
    const res = await manager.request('GET', `/api/v1/assets/${asset.id}/coverage?cause=normal_failure`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.date).toBe('2026-11-25');
    expect(c.status).toBe('latent_defect');
    expect(c.free.parts).toBe(false);
    const before = await coverageOf(asset.id, 'cause=normal_failure&date=2026-11-24');
    expect(before.status).toBe('in_warranty');
    expect(before.free).toEqual({ labour: true, travel: true, parts: true });
    expect(before.warrantyEnd).toBe('2026-11-25');
  });

  it('篇4 c.3 潜在缺陷期内的设计、材料、工艺缺陷予以无条件更换: free, and the decision is replacement', async () => {
    const { asset, component } = await acceptedAsset('2025-01-01', {}, { withComponent: true });
    const unit = await coverageOf(asset.id, 'cause=material_defect');
    expect(unit.status).toBe('latent_defect');
    expect(unit.free).toEqual({ labour: true, travel: true, parts: true });
    expect(unit.reasons.map((r: { code: string }) => r.code)).toEqual(['latent_defect_covered']);
    expect(unit.repair.decision).toBe('replace_unit');
    expect(unit.repair.text).toMatch(/latent defect/);
    const part = await coverageOf(component.id, 'cause=workmanship');
    expect(part.repair.decision).toBe('replace_component');
    const worn = await coverageOf(component.id, 'cause=normal_failure');
    expect(worn.repair.decision).toBe('repair');
  });

  it('篇4 g.7 保修期内非产品自身质量原因…只收取成本费: charges human damage in warranty at cost and explains why', async () => {
    const { asset } = await acceptedAsset('2026-06-01', { warrantyMonths: 24 });
    const c = await coverageOf(asset.id, 'cause=human_damage');
    expect(c.status).toBe('in_warranty');
    expect(c.pricing).toBe('cost');
    expect(c.partsPricing).toBe('cost');
    expect(c.reasons.map((r: { code: string }) => r.code)).toEqual([
      'in_warranty',
      'human_damage_excluded',
      'at_cost_in_warranty',
    ]);
  });

  it('篇4 g.8 终身成本价维修: the contract keeps cost rates and the lifetime flag (validated, PATCHed, audited), and coverage after the warranty follows the flag', async () => {
    const { asset, project } = await acceptedAsset('2020-03-01', {
      labourCostRateFen: 8_000,
      travelCostFeeFen: 10_000,
    });
    const [contract] = (await manager.request('GET', `/api/v1/contracts?projectId=${project.id}`)).json();
    expect(contract).toMatchObject({
      labourCostRateFen: 8_000,
      travelCostFeeFen: 10_000,
      lifetimeCostRepair: false,
    });
    const before = await coverageOf(asset.id, 'cause=normal_failure');
    expect(before).toMatchObject({
      status: 'expired',
      pricing: 'fee_schedule',
      partsPricing: 'factory_price',
    });

    const bad = await manager.request('PATCH', `/api/v1/contracts/${contract.id}`, {
      version: contract.version,
      labourCostRateFen: -1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('labourCostRateFen');
    const patched = await manager.request('PATCH', `/api/v1/contracts/${contract.id}`, {
      version: contract.version,
      lifetimeCostRepair: true,
      labourCostRateFen: 9_000,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      lifetimeCostRepair: true,
      labourCostRateFen: 9_000,
      travelCostFeeFen: 10_000,
    });
    const stale = await manager.request('PATCH', `/api/v1/contracts/${contract.id}`, {
      version: contract.version,
      lifetimeCostRepair: false,
    });
    expect(stale.statusCode).toBe(409);
    const audit = await t.pool.query(
      `select before->>'lifetimeCostRepair' as b, after->>'lifetimeCostRepair' as a from audit_log
        where action = 'contract.update' and entity_id = $1`,
      [contract.id],
    );
    expect(audit.rows).toEqual([{ b: 'false', a: 'true' }]);

    const after = await coverageOf(asset.id, 'cause=human_damage');
    expect(after).toMatchObject({ status: 'expired', pricing: 'cost', partsPricing: 'cost' });
    expect(after.reasons.map((r: { code: string }) => r.code)).toEqual([
      'human_damage_excluded',
      'lifetime_cost_repair',
    ]);
  });

  it('applies a maintenance agreement once warranty and latent period are over', async () => {
    const { asset, project } = await acceptedAsset('2020-03-01', {
      warrantyMonths: 12,
      latentDefectMonths: 24,
    });
    await manager.request('POST', '/api/v1/contracts', {
      projectId: project.id,
      number: `WB-${uid()}`,
      kind: 'maintenance_agreement',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      agreementCoversParts: false,
    });
    const c = await coverageOf(asset.id, 'cause=normal_failure');
    expect(c.status).toBe('service_agreement');
    expect(c.free).toEqual({ labour: true, travel: true, parts: false });
  });

  it('篇4 c.2 在延长的质量保证期内…提供免费保修: an extended warranty is free, parts included, not human damage', async () => {
    const { asset, project } = await acceptedAsset('2020-03-01', {
      warrantyMonths: 12,
      latentDefectMonths: 24,
    });
    const made = await manager.request('POST', '/api/v1/contracts', {
      projectId: project.id,
      number: `YB-${uid()}`,
      kind: 'extended_warranty',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      agreementCoversParts: false,
    });
    expect(made.statusCode, made.body).toBe(201);
    const c = await coverageOf(asset.id, 'cause=normal_failure');
    expect(c.free).toEqual({ labour: true, travel: true, parts: true });
    expect(c.partsPricing).toBe('free');
    expect(c.reasons.map((r: { code: string }) => r.code)).toEqual(['extended_warranty']);
    const damaged = await coverageOf(asset.id, 'cause=human_damage');
    expect(damaged.free.parts).toBe(false);
  });

  it('a replacement inherits the remaining warranty and the archive links both units', async () => {
    const { asset } = await acceptedAsset('2026-03-01', { warrantyMonths: 24 });
    const current = (await manager.request('GET', `/api/v1/assets/${asset.id}`)).json();
    const res = await manager.request('POST', `/api/v1/assets/${asset.id}/replace`, {
      version: current.version,
      serial: `NEW-${uid()}`,
      replacedOn: '2026-11-20',
      reason: '压缩机第4次故障，整机更换',
    });
    expect(res.statusCode, res.body).toBe(201);
    const fresh = res.json();
    expect(fresh.replacesId).toBe(asset.id);
    expect(fresh.warrantyStart).toBe('2026-11-20');
    expect(fresh.warrantyEnd).toBe('2028-03-01');
    const old = (await manager.request('GET', `/api/v1/assets/${asset.id}`)).json();
    expect(old.status).toBe('replaced');
    expect(old.replacedById).toBe(fresh.id);
    const c = await coverageOf(fresh.id, 'cause=normal_failure&date=2028-02-29');
    expect(c.status).toBe('in_warranty');
    const again = await manager.request('POST', `/api/v1/assets/${asset.id}/replace`, {
      version: old.version,
      serial: `NEW-${uid()}`,
      replacedOn: '2026-11-21',
      reason: 'x',
    });
    expect(again.statusCode).toBe(422);
    const archive = (await manager.request('GET', `/api/v1/assets/${asset.id}/archive`)).json();
    expect(archive.items[0].kind).toBe('registry.asset-replaced');
  });

  it('a customer user sees the coverage of its own equipment only', async () => {
    const { asset, customer } = await acceptedAsset('2026-01-01');
    const other = await acceptedAsset('2026-01-01');
    const { session } = await loginAs(t, { customerId: customer.id });
    expect((await session.request('GET', `/api/v1/assets/${asset.id}/coverage`)).statusCode).toBe(200);
    expect((await session.request('GET', `/api/v1/assets/${other.asset.id}/coverage`)).statusCode).toBe(404);
  });
});
