// Read model for analytics' first-time fix (docs/analytics.md): fault tickets first resolved in
// [from, to), with their first reopening, read over index tickets_fault_first_resolved_idx (the period's
// tickets only, never the history).
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

export interface FirstResolvedTicket {
  ticketId: string;
  number: string;
  subject: string;
  customerId: string;
  projectId: string | null;
  assigneeId: string | null;
  assetId: string | null;
  firstResolvedAt: Date;
  reopenedAt: Date | null;
}

type FirstResolvedFilter = { from: Date; to: Date; customerId?: string; projectId?: string };

const firstResolvedIn = (
  q: FirstResolvedFilter,
) => sql`t.kind = 'fault_report' and t.first_resolved_at is not null
       and t.first_resolved_at >= ${q.from.toISOString()}::timestamptz
       and t.first_resolved_at < ${q.to.toISOString()}::timestamptz
       ${q.customerId ? sql`and t.customer_id = ${q.customerId}::uuid` : sql``}
       ${q.projectId ? sql`and t.project_id = ${q.projectId}::uuid` : sql``}`;

/**
 * The ids of faultTicketsFirstResolved's tickets as a fragment (column ticket_id), so the field module
 * reads their work orders in one statement without naming this module's table.
 */
export function faultTicketsFirstResolvedSql(q: FirstResolvedFilter): SQL {
  return sql`select t.id as ticket_id from tickets t where ${firstResolvedIn(q)}`;
}

export async function faultTicketsFirstResolved(
  db: Executor,
  q: FirstResolvedFilter,
): Promise<FirstResolvedTicket[]> {
  const r = await db.execute<{
    id: string;
    number: string;
    subject: string;
    customer_id: string;
    project_id: string | null;
    assignee_id: string | null;
    asset_id: string | null;
    first_resolved_at: Date | string;
    reopened_at: Date | string | null;
  }>(sql`
    select t.id, t.number, t.subject, t.customer_id, t.project_id, t.assignee_id, t.asset_ids[1] as asset_id,
           t.first_resolved_at, t.reopened_at
      from tickets t
     where ${firstResolvedIn(q)}
     order by t.first_resolved_at, t.id`);
  return r.rows.map((x) => ({
    ticketId: x.id,
    number: x.number,
    subject: x.subject,
    customerId: x.customer_id,
    projectId: x.project_id,
    assigneeId: x.assignee_id,
    assetId: x.asset_id,
    firstResolvedAt: new Date(x.first_resolved_at),
    reopenedAt: x.reopened_at ? new Date(x.reopened_at) : null,
  }));
}

/**
 * The local days (organisation's zone) of first resolution of the fault tickets written in
 * (since, until] (index tickets_updated_idx) or named: the days analytics' first-time-fix rollup
 * recomputes (a reopening, a new resolution).
 */
export async function firstResolvedDaysOf(
  db: Executor,
  q: { since: Date; until: Date; ticketIds: readonly string[]; timeZone: string },
): Promise<string[]> {
  const r = await db.execute<{ day: string }>(sql`
    select distinct to_char(t.first_resolved_at at time zone ${q.timeZone}, 'YYYY-MM-DD') as day
      from tickets t
     where t.kind = 'fault_report' and t.first_resolved_at is not null
       and t.id in (select id from tickets where updated_at > ${q.since.toISOString()}::timestamptz
                      and updated_at <= ${q.until.toISOString()}::timestamptz
                    union all select unnest(${sql.param([...q.ticketIds])}::uuid[]))`);
  return r.rows.map((x) => x.day);
}
