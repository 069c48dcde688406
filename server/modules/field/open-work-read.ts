// Read model for analytics' open work by region (issue 19): open work orders (not completed or
// cancelled) counted per customer and project, and those of some places for the drill-down.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { uuidArray } from '../../db/pool.ts';

export interface OpenWorkOrderRow {
  id: string;
  number: string;
  kind: string;
  status: string;
  customerId: string;
  projectId: string | null;
  createdAt: Date;
}

const openWorkOrders = (f: { customerId?: string | undefined; projectId?: string | undefined }): SQL[] => [
  sql`w.status not in ('completed', 'cancelled')`,
  ...(f.customerId ? [sql`w.customer_id = ${f.customerId}`] : []),
  ...(f.projectId ? [sql`w.project_id = ${f.projectId}`] : []),
];

export async function openWorkOrderCounts(
  db: Executor,
  f: { customerId?: string | undefined; projectId?: string | undefined },
): Promise<{ customerId: string; projectId: string | null; count: number }[]> {
  const r = await db.execute<{ customer_id: string; project_id: string | null; n: number }>(
    sql`select w.customer_id, w.project_id, count(*)::int as n from work_orders w
      where ${sql.join(openWorkOrders(f), sql` and `)} group by 1, 2`,
  );
  return r.rows.map((x) => ({ customerId: x.customer_id, projectId: x.project_id, count: Number(x.n) }));
}

/** The open work orders at some places (projects; customers for those without one), oldest first. */
export async function openWorkOrdersAt(
  db: Executor,
  f: { customerId?: string | undefined; projectId?: string | undefined },
  places: { projectIds: string[]; customerIdsWithoutProject: string[] },
  limit: number,
): Promise<OpenWorkOrderRow[]> {
  const r = await db.execute<{
    id: string;
    number: string;
    kind: string;
    status: string;
    customer_id: string;
    project_id: string | null;
    created_at: Date;
  }>(sql`select w.id, w.number, w.kind, w.status, w.customer_id, w.project_id, w.created_at from work_orders w
    where ${sql.join(openWorkOrders(f), sql` and `)}
      and (w.project_id = any(${uuidArray(places.projectIds)})
        or (w.project_id is null and w.customer_id = any(${uuidArray(places.customerIdsWithoutProject)})))
    order by w.created_at, w.id limit ${limit}`);
  return r.rows.map((x) => ({
    id: x.id,
    number: x.number,
    kind: x.kind,
    status: x.status,
    customerId: x.customer_id,
    projectId: x.project_id,
    createdAt: new Date(x.created_at),
  }));
}
