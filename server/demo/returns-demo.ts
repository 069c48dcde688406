// Demo returns (退货): one return of the Shenzhen park's equipment, asked for by the agent on the
// customer's behalf (a manager accepted it outside the return period) and inspected, so the manager's
// approval waits on the returns list.
import { sql } from 'drizzle-orm';
import { permissionsOf } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import { createReturn, inspectReturn } from '../modules/returns/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

export async function loadReturnsDemo(db: Db, clock: Clock, timeZone: string) {
  const { rows } = await db.execute<{ customer_id: string; serial: string; manager: string | null }>(
    sql`select a.customer_id, a.serial, (select id from users where username = 'manager') as manager
        from assets a join customers c on c.id = a.customer_id
        where c.code = 'SZ-PARK' and a.parent_id is null order by a.serial limit 1`,
  );
  const site = rows[0];
  if (!site) return;
  const base = systemCtx({ db, clock, timeZone }, 'demo');
  const ctx: Ctx = {
    ...base,
    principal: {
      ...base.principal,
      userId: site.manager,
      roles: ['manager'],
      permissions: permissionsOf(['manager']),
      label: 'manager',
      displayName: '王经理 Wang (service manager)',
    },
  };
  const r = await createReturn(ctx, {
    customerId: site.customer_id,
    serial: site.serial,
    reason: '灯具色温与样品不一致，客户要求退货',
    photoFileIds: [],
    overrideReason: '样品与交货不一致，属我方责任，特批受理',
  });
  await inspectReturn(ctx, r.id, {
    condition: 'used',
    packaging: 'opened',
    humanDamage: false,
    cannotUse: false,
    customerInsists: false,
    opinion: '色温 4000K，合同约定 3000K；产品完好，非人为损坏',
    photoFileIds: [],
    version: r.version,
  });
}
