// Read model for the reports module (issue 19): the work orders completed in a period — per project
// for the customer's monthly service report (index work_orders_completed_at_idx).
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { workOrders } from './schema.ts';

export interface CompletedWork {
  number: string;
  kind: string;
  summary: string;
  projectId: string | null;
  customerId: string;
  completedAt: Date;
}

/** Work orders completed (and still so) in [from, to), of one project when named, oldest first. */
export async function workCompletedBetween(
  db: Executor,
  q: { from: Date; to: Date; projectId?: string },
): Promise<CompletedWork[]> {
  const rows = await db
    .select({
      number: workOrders.number,
      kind: workOrders.kind,
      summary: workOrders.summary,
      projectId: workOrders.projectId,
      customerId: workOrders.customerId,
      completedAt: sql<Date>`${workOrders.completedAt}`,
    })
    .from(workOrders)
    .where(
      and(
        gte(workOrders.completedAt, q.from),
        lt(workOrders.completedAt, q.to),
        eq(workOrders.status, 'completed'),
        q.projectId ? eq(workOrders.projectId, q.projectId) : undefined,
      ),
    )
    .orderBy(asc(workOrders.completedAt));
  return rows.map((r) => ({ ...r, completedAt: new Date(r.completedAt) }));
}
