// A read model for the followups module (回访 3 days after a repair, 篇1 四.3): the repairs whose
// completion was recorded in a window of server time, oldest first. The followups job keeps its own
// watermark, so the work is proportional to what was completed since (work_order_events_completed_idx).
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { workOrderEvents, workOrders } from './schema.ts';

export interface RepairCompletion {
  workOrderId: string;
  number: string;
  customerId: string;
  projectId: string | null;
  ticketId: string | null;
  /** When the repair was completed (the phone's time). */
  completedAt: Date;
  /** When the server recorded it: the watermark's clock. */
  recordedAt: Date;
}

export async function repairsCompletedSince(
  db: Executor,
  after: Date,
  until: Date,
  limit: number,
): Promise<RepairCompletion[]> {
  return db
    .select({
      workOrderId: workOrders.id,
      number: workOrders.number,
      customerId: workOrders.customerId,
      projectId: workOrders.projectId,
      ticketId: workOrders.ticketId,
      completedAt: workOrderEvents.at,
      recordedAt: workOrderEvents.recordedAt,
    })
    .from(workOrderEvents)
    .innerJoin(workOrders, eq(workOrders.id, workOrderEvents.workOrderId))
    .where(
      and(
        eq(workOrderEvents.stage, 'completed'),
        gt(workOrderEvents.recordedAt, after),
        lte(workOrderEvents.recordedAt, until),
        eq(workOrders.kind, 'repair'),
      ),
    )
    .orderBy(asc(workOrderEvents.recordedAt))
    .limit(limit);
}
