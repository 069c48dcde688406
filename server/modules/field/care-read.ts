// Read model for customer care (satisfaction surveys): repairs completed after a watermark, in the
// order they completed (partial index work_orders_repair_completed_idx).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

export interface CompletedRepair {
  id: string;
  number: string;
  completedAt: Date;
  customerId: string;
  ticketId: string | null;
  projectId: string | null;
  engineerId: string | null;
  assetId: string | null;
}

export async function repairsCompletedAfter(
  db: Executor,
  after: { at: Date; id: string | null },
  until: Date,
  limit: number,
): Promise<CompletedRepair[]> {
  const afterId = after.id ?? '00000000-0000-0000-0000-000000000000';
  const r = await db.execute<{
    id: string;
    number: string;
    completed_at: Date;
    customer_id: string;
    ticket_id: string | null;
    project_id: string | null;
    engineer_id: string | null;
    asset_id: string | null;
  }>(sql`select id, number, completed_at, customer_id, ticket_id, project_id, engineer_id,
      asset_ids[1] as asset_id
    from work_orders
    where kind = 'repair' and status = 'completed'
      and (completed_at, id) > (${after.at}, ${afterId}::uuid) and completed_at <= ${until}
    order by completed_at, id limit ${limit}`);
  return r.rows.map((x) => ({
    id: x.id,
    number: x.number,
    completedAt: new Date(x.completed_at),
    customerId: x.customer_id,
    ticketId: x.ticket_id,
    projectId: x.project_id,
    engineerId: x.engineer_id,
    assetId: x.asset_id,
  }));
}
