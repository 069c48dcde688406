// Read model for analytics' open work by region (issue 19): open tickets (not resolved or closed) counted
// per customer and project, and the open tickets of some places for the drill-down. Regions are
// registry's; analytics maps places to regions.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { uuidArray } from '../../db/pool.ts';

export interface OpenWorkFilter {
  customerId?: string | undefined;
  projectId?: string | undefined;
}
export interface OpenWorkCount {
  customerId: string;
  projectId: string | null;
  count: number;
}
/** Places: projects, and customers for records without a project. */
export interface OpenWorkPlaces {
  projectIds: string[];
  customerIdsWithoutProject: string[];
}
export interface OpenTicketRow {
  id: string;
  number: string;
  subject: string;
  status: string;
  customerId: string;
  projectId: string | null;
  createdAt: Date;
}

const openTickets = (f: OpenWorkFilter): SQL[] => [
  sql`t.status not in ('resolved', 'closed')`,
  ...(f.customerId ? [sql`t.customer_id = ${f.customerId}`] : []),
  ...(f.projectId ? [sql`t.project_id = ${f.projectId}`] : []),
];

export async function openTicketCounts(db: Executor, f: OpenWorkFilter): Promise<OpenWorkCount[]> {
  const r = await db.execute<{ customer_id: string; project_id: string | null; n: number }>(
    sql`select t.customer_id, t.project_id, count(*)::int as n from tickets t
      where ${sql.join(openTickets(f), sql` and `)} group by 1, 2`,
  );
  return r.rows.map((x) => ({ customerId: x.customer_id, projectId: x.project_id, count: Number(x.n) }));
}

/** The open tickets at some places, oldest first. */
export async function openTicketsAt(
  db: Executor,
  f: OpenWorkFilter,
  places: OpenWorkPlaces,
  limit: number,
): Promise<OpenTicketRow[]> {
  const r = await db.execute<{
    id: string;
    number: string;
    subject: string;
    status: string;
    customer_id: string;
    project_id: string | null;
    created_at: Date;
  }>(sql`select t.id, t.number, t.subject, t.status, t.customer_id, t.project_id, t.created_at from tickets t
    where ${sql.join(openTickets(f), sql` and `)}
      and (t.project_id = any(${uuidArray(places.projectIds)})
        or (t.project_id is null and t.customer_id = any(${uuidArray(places.customerIdsWithoutProject)})))
    order by t.created_at, t.id limit ${limit}`);
  return r.rows.map((x) => ({
    id: x.id,
    number: x.number,
    subject: x.subject,
    status: x.status,
    customerId: x.customer_id,
    projectId: x.project_id,
    createdAt: new Date(x.created_at),
  }));
}
