// Demo registry: products, two projects per demo customer with realistic equipment trees and
// contracts, accepted on different dates so the demo shows in-warranty, latent-defect and expired
// equipment (and one project still being installed).
import type { Db } from '../db/pool.ts';
import {
  createAsset,
  createContract,
  createProduct,
  createProject,
  postDepositEntry,
  recordAcceptance,
} from '../modules/registry/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

const PRODUCTS = [
  { model: 'SL-POLE-8M', name: '太阳能路灯杆 8米', category: 'lighting', sizeClass: 'medium' },
  { model: 'LED-HEAD-120W', name: 'LED灯头 120W', category: 'lighting', sizeClass: 'small' },
  { model: 'LED-DRV-150', name: 'LED驱动电源 150W', category: 'lighting', sizeClass: 'small' },
  { model: 'SLC-NB100', name: '单灯控制器 NB-IoT', category: 'lighting', sizeClass: 'small' },
  { model: 'CH-500RT', name: '螺杆式冷水机组 500RT', category: 'hvac', sizeClass: 'large' },
  { model: 'AHU-20K', name: '组合式空气处理机组 20000m³/h', category: 'hvac', sizeClass: 'medium' },
  { model: 'PUMP-VF-75', name: '变频冷冻水泵 75kW', category: 'hvac', sizeClass: 'medium' },
  { model: 'LV-PANEL-2500', name: '低压配电柜 2500A', category: 'power', sizeClass: 'large' },
] as const;

type ProductIds = Record<(typeof PRODUCTS)[number]['model'], string>;

interface DemoProject {
  customerCode: string;
  code: string;
  name: string;
  address: string;
  kind: 'lighting' | 'building';
  acceptedOn: string | null;
  warrantyMonths: number;
  depositFen: number;
}

const PROJECTS: DemoProject[] = [
  {
    customerCode: 'HZ-METRO',
    code: 'HZ-L1',
    name: '地铁1号线出入口太阳能路灯工程',
    address: '杭州市上城区',
    kind: 'lighting',
    acceptedOn: '2026-03-15',
    warrantyMonths: 24,
    depositFen: 20_000_000,
  },
  {
    customerCode: 'HZ-METRO',
    code: 'HZ-B1',
    name: '地铁控制中心暖通机电工程',
    address: '杭州市萧山区',
    kind: 'building',
    acceptedOn: '2024-06-01',
    warrantyMonths: 12,
    depositFen: 50_000_000,
  },
  {
    customerCode: 'SZ-PARK',
    code: 'SZ-L1',
    name: '科技园环路智慧路灯工程',
    address: '深圳市南山区',
    kind: 'lighting',
    acceptedOn: '2025-09-01',
    warrantyMonths: 24,
    depositFen: 15_000_000,
  },
  {
    customerCode: 'SZ-PARK',
    code: 'SZ-B1',
    name: '科技园A栋空调系统改造',
    address: '深圳市南山区',
    kind: 'building',
    acceptedOn: '2021-05-01',
    warrantyMonths: 12,
    depositFen: 30_000_000,
  },
  {
    customerCode: 'CD-AIRPORT',
    code: 'CD-B1',
    name: 'T1航站楼暖通及配电工程',
    address: '成都市简阳市',
    kind: 'building',
    // Its warranty ends 2026-12-20: the demo shows expiry reminders in late 2026.
    acceptedOn: '2025-12-20',
    warrantyMonths: 12,
    depositFen: 80_000_000,
  },
  {
    customerCode: 'CD-AIRPORT',
    code: 'CD-L1',
    name: '航站楼前广场景观照明工程',
    address: '成都市简阳市',
    kind: 'lighting',
    acceptedOn: null,
    warrantyMonths: 24,
    depositFen: 10_000_000,
  },
];

async function buildEquipment(
  ctx: Ctx,
  p: DemoProject,
  projectId: string,
  ids: ProductIds,
  installDate: string,
) {
  const base = { projectId, installDate, commissioningDate: installDate };
  if (p.kind === 'lighting') {
    for (let i = 1; i <= 6; i++) {
      const pole = await createAsset(ctx, {
        ...base,
        productId: ids['SL-POLE-8M'],
        serial: `${p.code}-P${String(i).padStart(3, '0')}`,
        location: `${i}号灯杆`,
      });
      const child = { ...base, parentId: pole.id };
      await createAsset(ctx, {
        ...child,
        productId: ids['LED-HEAD-120W'],
        serial: `${p.code}-H${String(i).padStart(3, '0')}`,
      });
      await createAsset(ctx, {
        ...child,
        productId: ids['LED-DRV-150'],
        serial: `${p.code}-D${String(i).padStart(3, '0')}`,
      });
      await createAsset(ctx, {
        ...child,
        productId: ids['SLC-NB100'],
        serial: `${p.code}-C${String(i).padStart(3, '0')}`,
      });
    }
    return;
  }
  for (let i = 1; i <= 2; i++) {
    const chiller = await createAsset(ctx, {
      ...base,
      productId: ids['CH-500RT'],
      serial: `${p.code}-CH${i}`,
      location: `制冷机房 ${i}#`,
    });
    await createAsset(ctx, {
      ...base,
      parentId: chiller.id,
      productId: ids['PUMP-VF-75'],
      serial: `${p.code}-PU${i}`,
    });
  }
  for (let i = 1; i <= 3; i++) {
    await createAsset(ctx, {
      ...base,
      productId: ids['AHU-20K'],
      serial: `${p.code}-AHU${i}`,
      location: `${i}F 空调机房`,
    });
  }
  await createAsset(ctx, {
    ...base,
    productId: ids['LV-PANEL-2500'],
    serial: `${p.code}-LV1`,
    location: '变配电室',
  });
}

export async function loadRegistryDemo(
  db: Db,
  clock: Clock,
  timeZone: string,
  customerIds: Record<string, string>,
) {
  const ctx = { ...systemCtx({ db, clock, timeZone }, 'demo') };
  ctx.principal = { ...ctx.principal, permissions: new Set(['deposits.approve']) };
  const ids = {} as ProductIds;
  for (const product of PRODUCTS) ids[product.model] = (await createProduct(ctx, product)).id;
  for (const p of PROJECTS) {
    const customerId = customerIds[p.customerCode];
    if (!customerId) continue;
    const project = await createProject(ctx, {
      customerId,
      code: p.code,
      name: p.name,
      address: p.address,
      region: p.address.slice(0, 3),
    });
    const installDate = p.acceptedOn ?? '2026-10-20';
    const contract = await createContract(ctx, {
      projectId: project.id,
      number: `HT-${p.code}`,
      kind: 'supply_install',
      startDate: installDate,
      warrantyMonths: p.warrantyMonths,
      latentDefectMonths: 24,
      depositAmountFen: p.depositFen,
      labourRateFen: 30_000,
      travelFeeFen: 50_000,
      // 篇4 g.7: in warranty, a fault the product did not cause is charged at these cost rates.
      labourCostRateFen: 12_000,
      travelCostFeeFen: 20_000,
    });
    await postDepositEntry(ctx, contract.id, {
      kind: 'deposit',
      amountFen: p.depositFen,
      reason: '合同约定质量保证金',
    });
    await buildEquipment(ctx, p, project.id, ids, installDate);
    await recordAcceptance(ctx, project.id, {
      kind: 'installation',
      performedOn: installDate,
      checklist: [],
      testResults: [],
    });
    if (p.acceptedOn) {
      await recordAcceptance(ctx, project.id, {
        kind: 'acceptance',
        performedOn: p.acceptedOn,
        certificateNumber: `YS-${p.code}`,
        signedByName: '业主代表',
        checklist: [
          { item: '设备数量与型号核对', passed: true },
          { item: '安装质量检查', passed: true },
        ],
        testResults: [{ name: '系统联调', value: '正常', passed: true }],
      });
    }
  }
}
