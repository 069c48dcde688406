// Demo tickets at different points of their promised times, so the console's SLA queues and
// countdowns have something to show: one breached, one due soon, one running, one met.
import type { Db } from '../db/pool.ts';
import { createTicket, updateTicket } from '../modules/tickets/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Ctx, systemCtx } from '../platform/context.ts';

const MINUTE = 60_000;

export async function loadTicketsDemo(
  db: Db,
  clock: Clock,
  timeZone: string,
  customerIds: Record<string, string>,
) {
  const at = (minutesAgo: number): Ctx => ({
    ...systemCtx(
      { db, clock: { now: () => new Date(clock.now().getTime() - minutesAgo * MINUTE) }, timeZone },
      'demo',
    ),
  });
  const demo = [
    {
      minutesAgo: 50,
      customer: 'HZ-METRO',
      kind: 'fault_report' as const,
      emergency: true,
      priority: 'urgent' as const,
      subject: '站台照明回路跳闸，B 出口一侧全部熄灭',
      description: '夜班巡检发现 B 出口站台照明回路跳闸，复位后 5 分钟再次跳闸。请尽快安排处理。',
    },
    {
      minutesAgo: 8,
      customer: 'SZ-PARK',
      kind: 'consultation' as const,
      emergency: false,
      priority: 'normal' as const,
      subject: '智能照明控制器定时策略如何调整？',
      description: '园区希望把夜间 23:00 后的照度调到 30%，请告知控制器的设置步骤。',
    },
    {
      minutesAgo: 180,
      customer: 'CD-AIRPORT',
      kind: 'complaint' as const,
      emergency: false,
      priority: 'high' as const,
      subject: '上次维修后同一路灯再次不亮',
      description: '上周维修的 3 号航站楼前 12 号灯杆再次不亮，希望给出彻底解决的方案。',
    },
  ];
  for (const d of demo) {
    const customerId = customerIds[d.customer];
    if (!customerId) continue;
    await createTicket(at(d.minutesAgo), {
      kind: d.kind,
      customerId,
      channel: 'phone',
      priority: d.priority,
      emergency: d.emergency,
      complexity: 'general',
      subject: d.subject,
      description: d.description,
      assetIds: [],
      attachmentIds: [],
    });
  }
  // A consultation answered and resolved yesterday, within its promised times.
  const sz = customerIds['SZ-PARK'];
  if (sz) {
    const t = await createTicket(at(26 * 60), {
      kind: 'consultation',
      customerId: sz,
      channel: 'email',
      priority: 'normal',
      emergency: false,
      complexity: 'general',
      subject: '灯具质保期从哪天开始计算？',
      description: '请问我们园区的灯具质保期是从安装日还是验收日开始计算？',
      assetIds: [],
      attachmentIds: [],
    });
    await updateTicket(at(25 * 60), t.id, { version: t.version, status: 'resolved' });
  }
}
