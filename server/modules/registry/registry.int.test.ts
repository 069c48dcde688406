import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, type Session, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let agent: Session;
let manager: Session;

beforeAll(async () => {
  t = await createTestApp();
  agent = (await loginAs(t, { role: 'agent' })).session;
  manager = (await loginAs(t, { role: 'manager' })).session;
});
afterAll(() => t.close());

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function buildProject(customerId: string, name = '滨江大道太阳能路灯工程') {
  const res = await agent.request('POST', '/api/v1/projects', {
    customerId,
    code: `P-${uid()}`,
    name,
    region: '浙江',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function buildProduct(name = '太阳能路灯杆', sizeClass = 'medium') {
  const res = await manager.request('POST', '/api/v1/products', {
    model: `M-${uid()}`,
    name,
    category: 'lighting',
    sizeClass,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function buildAsset(projectId: string, productId: string, extra: Record<string, unknown> = {}) {
  const res = await agent.request('POST', '/api/v1/assets', {
    projectId,
    productId,
    serial: `SN-${uid()}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('projects, products and equipment', () => {
  it('registers a project with its equipment tree and finds equipment by a Chinese substring', async () => {
    const c = await buildCustomer(t.db);
    const project = await buildProject(c.id);
    const pole = await buildProduct('太阳能路灯杆');
    const head = await buildProduct('LED灯头', 'small');
    const unit = await buildAsset(project.id, pole.id, { location: '1号路口' });
    const child = await buildAsset(project.id, head.id, { parentId: unit.id });
    expect(child.parentId).toBe(unit.id);
    const found = (
      await agent.request('GET', `/api/v1/assets?projectId=${project.id}&q=${encodeURIComponent('路灯')}`)
    ).json();
    expect(found.items.map((a: { id: string }) => a.id)).toEqual([unit.id]);
    const children = (await agent.request('GET', `/api/v1/assets?parentId=${unit.id}`)).json();
    expect(children.items.map((a: { id: string }) => a.id)).toEqual([child.id]);
  });

  it('refuses a parent in another project and a cycle in the tree', async () => {
    const c = await buildCustomer(t.db);
    const p1 = await buildProject(c.id);
    const p2 = await buildProject(c.id);
    const product = await buildProduct();
    const a = await buildAsset(p1.id, product.id);
    const b = await buildAsset(p2.id, product.id);
    const wrong = await agent.request('POST', '/api/v1/assets', {
      projectId: p1.id,
      productId: product.id,
      serial: `X-${uid()}`,
      parentId: b.id,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('parentId');
    const child = await buildAsset(p1.id, product.id, { parentId: a.id });
    const cycle = await agent.request('PATCH', `/api/v1/assets/${a.id}`, {
      version: a.version,
      parentId: child.id,
    });
    expect(cycle.statusCode).toBe(422);
  });

  it('refuses a duplicate serial of the same product', async () => {
    const c = await buildCustomer(t.db);
    const project = await buildProject(c.id);
    const product = await buildProduct();
    const a = await buildAsset(project.id, product.id);
    const dup = await agent.request('POST', '/api/v1/assets', {
      projectId: project.id,
      productId: product.id,
      serial: a.serial,
    });
    expect(dup.statusCode).toBe(409);
  });

  it('acceptance sets the acceptance date of all the project equipment at once and writes the archive', async () => {
    const c = await buildCustomer(t.db);
    const project = await buildProject(c.id);
    const product = await buildProduct();
    const assets = [await buildAsset(project.id, product.id), await buildAsset(project.id, product.id)];
    const noSigner = await agent.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
      kind: 'acceptance',
      performedOn: '2026-03-15',
    });
    expect(noSigner.statusCode).toBe(422);
    const res = await agent.request('POST', `/api/v1/projects/${project.id}/acceptance-records`, {
      kind: 'acceptance',
      performedOn: '2026-03-15',
      certificateNumber: 'YS-2026-001',
      signedByName: '周主任',
      checklist: [{ item: '灯具亮度', passed: true }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().acceptedAssets).toBe(2);
    for (const a of assets) {
      const after = (await agent.request('GET', `/api/v1/assets/${a.id}`)).json();
      expect(after.acceptanceDate).toBe('2026-03-15');
      expect(after.status).toBe('in_service');
      const archive = (await agent.request('GET', `/api/v1/assets/${a.id}/archive`)).json();
      expect(archive.items.map((e: { kind: string }) => e.kind)).toContain('registry.asset-accepted');
    }
    expect((await agent.request('GET', `/api/v1/projects/${project.id}`)).json().status).toBe('accepted');
    const projectArchive = (
      await agent.request('GET', `/api/v1/projects/${project.id}/archive?kind=registry.acceptance`)
    ).json();
    expect(projectArchive.items).toHaveLength(1);
  });

  it('detects likely duplicate customers by phone or similar name', async () => {
    await buildCustomer(t.db, { name: '杭州市城市照明管理处', contactPhone: '0571-87654321' });
    const byName = (
      await agent.request(
        'GET',
        `/api/v1/customers/duplicates?name=${encodeURIComponent('杭州市城市照明管理中心')}`,
      )
    ).json();
    expect(byName.map((c: { name: string }) => c.name)).toContain('杭州市城市照明管理处');
    const byPhone = (await agent.request('GET', '/api/v1/customers/duplicates?phone=0571-87654321')).json();
    expect(byPhone).toHaveLength(1);
    expect((await agent.request('GET', '/api/v1/customers/duplicates')).statusCode).toBe(400);
  });

  it('answers concurrent edits of the same asset with one success and one 409', async () => {
    const c = await buildCustomer(t.db);
    const project = await buildProject(c.id);
    const a = await buildAsset(project.id, (await buildProduct()).id);
    const [r1, r2] = await Promise.all([
      agent.request('PATCH', `/api/v1/assets/${a.id}`, { version: a.version, location: 'A' }),
      agent.request('PATCH', `/api/v1/assets/${a.id}`, { version: a.version, location: 'B' }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
  });
});

describe('contracts and the warranty deposit', () => {
  async function buildContract(depositFen: number) {
    const c = await buildCustomer(t.db);
    const project = await buildProject(c.id);
    const res = await manager.request('POST', '/api/v1/contracts', {
      projectId: project.id,
      number: `HT-${uid()}`,
      kind: 'supply_install',
      startDate: '2026-01-01',
      warrantyMonths: 24,
      depositAmountFen: depositFen,
    });
    expect(res.statusCode, res.body).toBe(201);
    const contract = res.json();
    const dep = await manager.request('POST', `/api/v1/contracts/${contract.id}/deposit-entries`, {
      kind: 'deposit',
      amountFen: depositFen,
      reason: '质量保证金',
    });
    expect(dep.statusCode).toBe(201);
    return { contract, customer: c, project };
  }

  it('never lets concurrent deductions take the balance below zero', async () => {
    const { contract } = await buildContract(100_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        manager.request('POST', `/api/v1/contracts/${contract.id}/deposit-entries`, {
          kind: 'deduction',
          amountFen: 30_000,
          reason: `第三方维修费 ${i}`,
        }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 422)).toHaveLength(5);
    const after = (await manager.request('GET', `/api/v1/contracts/${contract.id}`)).json();
    expect(after.depositBalanceFen).toBe(10_000);
    const ledger = (await manager.request('GET', `/api/v1/contracts/${contract.id}/deposit-entries`)).json();
    expect(ledger).toHaveLength(4);
    expect(ledger.at(-1).balanceAfterFen).toBe(10_000);
  });

  it('lets only a manager approve a deduction', async () => {
    const { contract } = await buildContract(50_000);
    const { session: admin } = await loginAs(t, { role: 'admin' });
    const byAgent = await agent.request('POST', `/api/v1/contracts/${contract.id}/deposit-entries`, {
      kind: 'deduction',
      amountFen: 100,
      reason: 'x',
    });
    expect(byAgent.statusCode).toBe(403);
    const byAdmin = await admin.request('POST', `/api/v1/contracts/${contract.id}/deposit-entries`, {
      kind: 'deduction',
      amountFen: 100,
      reason: 'x',
    });
    expect(byAdmin.statusCode).toBe(201);
  });

  it('the database itself refuses a negative balance', async () => {
    const { contract } = await buildContract(1_000);
    await expect(
      t.pool.query('update contracts set deposit_balance_fen = -1 where id = $1', [contract.id]),
    ).rejects.toThrow(/deposit_balance_nonnegative/);
  });
});

describe('customer isolation', () => {
  it('a customer user sees only its own projects, equipment, contracts and archive', async () => {
    const a = await buildCustomer(t.db);
    const b = await buildCustomer(t.db);
    const product = await buildProduct();
    const pa = await buildProject(a.id);
    const pb = await buildProject(b.id);
    const assetA = await buildAsset(pa.id, product.id);
    const assetB = await buildAsset(pb.id, product.id);
    const contractB = (
      await manager.request('POST', '/api/v1/contracts', {
        projectId: pb.id,
        number: `HT-${uid()}`,
        kind: 'supply_install',
        startDate: '2026-01-01',
      })
    ).json();
    const { session: userA } = await loginAs(t, { customerId: a.id });

    expect(
      (await userA.request('GET', '/api/v1/projects?limit=200'))
        .json()
        .items.map((p: { id: string }) => p.id),
    ).toEqual([pa.id]);
    expect(
      (await userA.request('GET', '/api/v1/assets?limit=200')).json().items.map((x: { id: string }) => x.id),
    ).toEqual([assetA.id]);
    expect((await userA.request('GET', `/api/v1/assets?q=${assetB.serial}`)).json().items).toEqual([]);
    for (const url of [
      `/api/v1/projects/${pb.id}`,
      `/api/v1/assets/${assetB.id}`,
      `/api/v1/assets/${assetB.id}/archive`,
      `/api/v1/projects/${pb.id}/archive`,
      `/api/v1/projects/${pb.id}/acceptance-records`,
      `/api/v1/contracts/${contractB.id}`,
      `/api/v1/contracts/${contractB.id}/deposit-entries`,
      `/api/v1/customers/${b.id}/contacts`,
    ]) {
      expect((await userA.request('GET', url)).statusCode, url).toBe(404);
    }
    expect((await userA.request('GET', `/api/v1/contracts?customerId=${b.id}`)).json()).toEqual([]);
    expect((await userA.request('GET', `/api/v1/assets/${assetA.id}/archive`)).statusCode).toBe(200);
    // and cannot write
    expect(
      (await userA.request('POST', '/api/v1/projects', { customerId: a.id, code: `Z-${uid()}`, name: 'x' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('staff directory', () => {
  it('lists active engineers for project assignment, and nothing to customers', async () => {
    const { user } = await loginAs(t, { role: 'field_engineer' });
    const list = (await agent.request('GET', '/api/v1/staff-directory?role=field_engineer')).json();
    expect(list.map((u: { id: string }) => u.id)).toContain(user.id);
    expect(Object.keys(list[0]).sort()).toEqual(['displayName', 'id', 'roles']);
    const c = await buildCustomer(t.db);
    const { session } = await loginAs(t, { customerId: c.id });
    expect((await session.request('GET', '/api/v1/staff-directory')).statusCode).toBe(403);
  });
});
