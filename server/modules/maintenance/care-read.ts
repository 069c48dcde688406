// Read model for customer care (satisfaction surveys): maintenance records signed after a watermark,
// in the order they were signed (index maintenance_records_signed_idx), with the visit's project.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

export interface SignedRecord {
  visitId: string;
  signedAt: Date;
  customerId: string;
  projectId: string;
  engineerId: string | null;
  workOrderId: string;
}

export async function recordsSignedAfter(
  db: Executor,
  after: { at: Date; id: string | null },
  until: Date,
  limit: number,
): Promise<SignedRecord[]> {
  const afterId = after.id ?? '00000000-0000-0000-0000-000000000000';
  const r = await db.execute<{
    visit_id: string;
    signed_at: Date;
    customer_id: string;
    project_id: string;
    engineer_id: string | null;
    work_order_id: string;
  }>(sql`select r.visit_id, r.signed_at, r.customer_id, v.project_id, r.engineer_id, v.work_order_id
    from maintenance_records r join maintenance_visits v on v.id = r.visit_id
    where (r.signed_at, r.visit_id) > (${after.at}, ${afterId}::uuid) and r.signed_at <= ${until}
    order by r.signed_at, r.visit_id limit ${limit}`);
  return r.rows.map((x) => ({
    visitId: x.visit_id,
    signedAt: new Date(x.signed_at),
    customerId: x.customer_id,
    projectId: x.project_id,
    engineerId: x.engineer_id,
    workOrderId: x.work_order_id,
  }));
}
