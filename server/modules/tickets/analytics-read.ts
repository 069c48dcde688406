// Read model for analytics (issue 19): each ticket's dimensions as a SQL fragment, so the SLA read model
// can group its targets by them without naming this module's table. Columns: ticket_id, number, subject,
// customer_id, project_id, team, engineer_id (the assignee), created_at, asset_id (the first equipment).
import { type SQL, sql } from 'drizzle-orm';

export function ticketDimensionsSql(): SQL {
  return sql`select t.id as ticket_id, t.number, t.subject, t.customer_id, t.project_id, t.team,
    t.assignee_id as engineer_id, t.created_at, t.asset_ids[1] as asset_id from tickets t`;
}

/** The ids of tickets changed in (since, until] (index tickets_updated_idx), as a fragment. */
export function ticketsChangedSql(since: Date, until: Date): SQL {
  return sql`select t.id from tickets t
    where t.updated_at > ${since.toISOString()}::timestamptz and t.updated_at <= ${until.toISOString()}::timestamptz`;
}
