// The one read model of completed repairs, for customer care: the followups job (回访 3 days after a
// repair, 篇1 四.3) and the satisfaction survey's poller (篇1 五.4) each keep their own watermark and
// read what was completed since. Paged by the server's time of the completion record and the work
// order's id (work_order_events_completed_idx): a completion synced late from an offline phone carries
// an old `completedAt` but a new `recordedAt`, so neither reader passes it over.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { workOrderEvents, workOrders } from './schema.ts';

export interface CompletedRepair {
  workOrderId: string;
  number: string;
  customerId: string;
  projectId: string | null;
  ticketId: string | null;
  engineerId: string | null;
  /** The first equipment of the work order. */
  assetId: string | null;
  /** When the repair was completed (the phone's time). */
  completedAt: Date;
  /** When the server recorded it: the readers' watermark clock and paging key with the id. */
  recordedAt: Date;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Repairs completed (and still so) recorded after (at, id) and up to `until`, oldest first. */
export async function repairsCompleted(
  db: Executor,
  after: { at: Date; id: string | null },
  until: Date,
  limit: number,
): Promise<CompletedRepair[]> {
  const r = await db.execute<{
    work_order_id: string;
    number: string;
    customer_id: string;
    project_id: string | null;
    ticket_id: string | null;
    engineer_id: string | null;
    asset_id: string | null;
    completed_at: Date | string;
    recorded_at: Date | string;
  }>(sql`
    select w.id as work_order_id, w.number, w.customer_id, w.project_id, w.ticket_id, w.engineer_id,
           w.asset_ids[1] as asset_id, e.at as completed_at, e.recorded_at
      from ${workOrderEvents} e
      join ${workOrders} w on w.id = e.work_order_id
     where e.stage = 'completed'
       and (e.recorded_at, e.work_order_id) > (${after.at}, ${after.id ?? NO_ID}::uuid)
       and e.recorded_at <= ${until}
       and w.kind = 'repair' and w.status = 'completed'
     order by e.recorded_at, e.work_order_id
     limit ${limit}`);
  return r.rows.map((x) => ({
    workOrderId: x.work_order_id,
    number: x.number,
    customerId: x.customer_id,
    projectId: x.project_id,
    ticketId: x.ticket_id,
    engineerId: x.engineer_id,
    assetId: x.asset_id,
    completedAt: new Date(x.completed_at),
    recordedAt: new Date(x.recorded_at),
  }));
}
