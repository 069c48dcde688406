// Demo follow-ups (回访): the periodic rules run once over the demo projects (each project accepted
// months or years ago gets one catch-up follow-up, not one per missed period), the open ones go on the
// agent's call list, and one of the Shenzhen park's is done — a quality problem passed on as a ticket
// and the customer told what was done — so the call list and the portal's follow-ups are not empty.
import { sql } from 'drizzle-orm';
import { permissionsOf } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import {
  assignFollowUps,
  createDueFollowUps,
  customerTold,
  recordOutcome,
} from '../modules/followups/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

export async function loadFollowUpsDemo(db: Db, clock: Clock, timeZone: string) {
  const base = systemCtx({ db, clock, timeZone }, 'demo');
  await createDueFollowUps(base);
  const { rows: users } = await db.execute<{ username: string; id: string }>(
    sql`select username, id from users where username in ('manager', 'agent')`,
  );
  const manager = users.find((u) => u.username === 'manager')?.id ?? null;
  const agent = users.find((u) => u.username === 'agent')?.id;
  const ctx: Ctx = {
    ...base,
    principal: {
      ...base.principal,
      userId: manager,
      roles: ['manager'],
      permissions: permissionsOf(['manager']),
      label: 'manager',
      displayName: '王经理 Wang (service manager)',
    },
  };
  const { rows } = await db.execute<{ id: string; code: string }>(
    sql`select f.id, c.code from follow_ups f join customers c on c.id = f.customer_id
        where f.status = 'open' order by f.due_at, f.id`,
  );
  if (!rows.length) return;
  if (agent) await assignFollowUps(ctx, { ids: rows.map((r) => r.id), agentId: agent });
  const park = rows.find((r) => r.code === 'SZ-PARK');
  if (!park) return;
  const [row] = (
    await db.execute<{ version: number }>(sql`select version from follow_ups where id = ${park.id}`)
  ).rows;
  const done = await recordOutcome(ctx, park.id, {
    version: row!.version,
    reached: true,
    answers: [],
    satisfaction: 4,
    problems: [
      {
        class: 'usage',
        description: '物业人员不清楚节假日定时模式的设置方法',
        action: 'guidance',
        note: '电话中逐步指导设置，已确认生效',
      },
      { class: 'quality', description: 'B 区 3 号路灯夜间偶尔闪烁', action: 'ticket' },
    ],
    suggestions: '希望每季度提供一次设备运行报告',
    equipmentCheck: [],
  });
  await customerTold(ctx, park.id, {
    version: done.version,
    note: '已派工程师更换 B 区 3 号路灯驱动电源，复查运行正常',
  });
}
