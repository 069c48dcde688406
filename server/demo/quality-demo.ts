// Demo quality (质量): three overheating reports of one model's equipment at the Hangzhou metro in the
// last days, the early warning run on them (alerts for the model, the project and the customer), and
// a quality case opened from the model's alert with its analysis, decision and an open action — what
// the quality engineer's page shows after `npm start`.
import { sql } from 'drizzle-orm';
import { addDays, toLocalDate } from '../../common/calendar-dates.ts';
import { permissionsOf } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import { createCase, runDetection, updateCase } from '../modules/quality/index.ts';
import { createTicket } from '../modules/tickets/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

const HOUR = 3600_000;

export async function loadQualityDemo(db: Db, clock: Clock, timeZone: string) {
  const { rows } = await db.execute<{
    id: string;
    customer_id: string;
    project_id: string;
    quality: string | null;
  }>(
    sql`select a.id, a.customer_id, a.project_id, (select id from users where username = 'quality') as quality
        from assets a join customers c on c.id = a.customer_id
        where c.code = 'HZ-METRO' and a.parent_id is null
          and a.product_id = (select a2.product_id from assets a2 join customers c2 on c2.id = a2.customer_id
                              where c2.code = 'HZ-METRO' and a2.parent_id is null
                              group by a2.product_id order by count(*) desc, a2.product_id limit 1)
        -- The last poles: the first ones are the scan-to-report and portal examples (a report on P001
        -- would join one of these open tickets instead of opening its own).
        order by a.serial desc limit 3`,
  );
  if (rows.length < 3 || !rows[0]!.quality) return;
  const at = (hoursAgo: number): Ctx =>
    systemCtx(
      { db, clock: { now: () => new Date(clock.now().getTime() - hoursAgo * HOUR) }, timeZone },
      'demo',
    );
  for (const [i, a] of rows.entries()) {
    await createTicket(at(72 - i * 24), {
      kind: 'fault_report',
      customerId: a.customer_id,
      projectId: a.project_id,
      channel: 'phone',
      priority: 'high',
      emergency: false,
      complexity: 'general',
      subject: '控制器过热报警',
      description: '设备控制器外壳温度过高，触发过热保护后自动关断。',
      faultCategory: '过热',
      assetIds: [a.id],
      attachmentIds: [],
    });
  }
  const base = systemCtx({ db, clock, timeZone }, 'demo');
  const ctx: Ctx = {
    ...base,
    principal: {
      ...base.principal,
      userId: rows[0]!.quality,
      roles: ['quality_engineer'],
      permissions: permissionsOf(['quality_engineer']),
      label: 'quality',
      displayName: '孙工 Sun (quality engineer)',
    },
  };
  await runDetection(ctx);
  const { rows: alerts } = await db.execute<{ id: string }>(
    sql`select id from quality_alerts where group_kind = 'model_fault' and fault_category = '过热' limit 1`,
  );
  const alert = alerts[0];
  if (!alert) return;
  const c = await createCase(ctx, {
    sourceKind: 'alert',
    sourceId: alert.id,
    assetIds: rows.map((r) => r.id),
    batches: [],
    description: '同一型号设备三天内三次过热报警。',
  });
  const due = addDays(toLocalDate(clock.now(), timeZone), 7);
  await updateCase(ctx, c.id, {
    version: c.version,
    causeAnalysis: '初步判断为控制器散热片导热硅脂涂覆不足，需拆检确认批次。',
    decision: 'technical',
    actions: [
      { description: '拆检三台控制器并确认散热片批次', ownerId: rows[0]!.quality, dueOn: due, done: false },
    ],
  });
}
