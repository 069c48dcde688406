// Demo spare parts: a central warehouse in Hangzhou, a regional one in Shenzhen, the field
// engineer's van; common and wearing parts with stock in batches, reorder points, one part already
// at its reorder point (so the replenishment list has something to show).
import { sql } from 'drizzle-orm';
import { addDays, toLocalDate } from '../../common/calendar-dates.ts';
import { permissionsOf } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import { createLocation, createPart, receive, setReorderRule, transfer } from '../modules/parts/index.ts';
import type { Clock } from '../platform/clock.ts';
import { systemCtx } from '../platform/context.ts';

const PARTS = [
  {
    partNumber: 'DRV-150W',
    name: 'LED 驱动电源 150W',
    specification: '220VAC 输入，IP67',
    wearing: true,
    costFen: 12_000,
    factoryPriceFen: 18_000,
    salePriceFen: 22_000,
  },
  {
    partNumber: 'LH-100W',
    name: 'LED 灯头 100W',
    specification: '5000K，配透镜',
    wearing: false,
    costFen: 35_000,
    factoryPriceFen: 48_000,
    salePriceFen: 56_000,
  },
  {
    partNumber: 'SPD-10KA',
    name: '浪涌保护器 10kA',
    specification: '单相，DIN 导轨',
    wearing: true,
    costFen: 4_500,
    factoryPriceFen: 6_800,
    salePriceFen: 8_000,
  },
  {
    partNumber: 'FUSE-10A',
    name: '熔断器 10A',
    specification: '10×38mm',
    wearing: true,
    costFen: 300,
    factoryPriceFen: 500,
    salePriceFen: 800,
  },
  {
    partNumber: 'CTRL-SL1',
    name: '单灯控制器',
    specification: 'NB-IoT，含电能计量',
    wearing: false,
    costFen: 26_000,
    factoryPriceFen: 38_000,
    salePriceFen: 45_000,
  },
];

export async function loadPartsDemo(db: Db, clock: Clock, timeZone: string) {
  await loadEngineerDemo(db);
  const users = (
    await db.execute<{ id: string; username: string }>(sql`select id, username from users
    where username in ('field', 'storekeeper')`)
  ).rows;
  const id = (u: string) => users.find((x) => x.username === u)?.id ?? null;
  const ctx = systemCtx({ db, clock, timeZone }, 'demo');
  ctx.principal = {
    ...ctx.principal,
    userId: id('storekeeper'),
    permissions: permissionsOf(['storekeeper']),
  };
  const hz = await createLocation(ctx, {
    code: 'WH-HZ',
    name: '杭州中心库',
    kind: 'central',
    keeperId: id('storekeeper'),
    region: '杭州市',
  });
  const sz = await createLocation(ctx, {
    code: 'WH-SZ',
    name: '深圳区域库',
    kind: 'regional',
    keeperId: id('storekeeper'),
    region: '深圳市',
  });
  const van = await createLocation(ctx, {
    code: 'VAN-LIU',
    name: '刘工车载库',
    kind: 'van',
    keeperId: id('field'),
    region: '杭州市',
  });
  const today = toLocalDate(clock.now(), timeZone);
  const stock: Record<string, [number, number, number]> = {
    'DRV-150W': [12, 4, 2],
    'LH-100W': [6, 2, 1],
    'SPD-10KA': [20, 8, 3],
    'FUSE-10A': [3, 10, 5],
    'CTRL-SL1': [8, 2, 0],
  };
  for (const p of PARTS) {
    const part = await createPart(ctx, { ...p, unit: '个', genuine: true });
    const [atHz, atSz, inVan] = stock[p.partNumber]!;
    await receive(ctx, {
      partId: part.id,
      locationId: hz.id,
      quantity: atHz + inVan,
      batchCode: 'B1',
      receivedOn: addDays(today, -70),
    });
    await receive(ctx, {
      partId: part.id,
      locationId: sz.id,
      quantity: atSz,
      batchCode: 'B2',
      receivedOn: addDays(today, -35),
    });
    if (inVan)
      await transfer(ctx, { partId: part.id, fromLocationId: hz.id, toLocationId: van.id, quantity: inVan });
    await setReorderRule(ctx, { partId: part.id, locationId: hz.id, reorderPoint: 5, reorderQuantity: 20 });
  }
}

/** The demo field engineer: lighting and power skills, based in Hangzhou, Monday to Saturday. */
async function loadEngineerDemo(db: Db) {
  await db.execute(sql`insert into engineer_profiles (user_id, skills, home_region, work_days, work_start, work_end)
    select id, '{lighting,power,control}', '杭州市', '{1,2,3,4,5,6}', 480, 1080 from users where username = 'field'
    on conflict do nothing`);
}
