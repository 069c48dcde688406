// Read model for analytics' "follow-ups done on time" (docs/analytics.md): the follow-ups due in
// [from, to) (index follow_ups_period_idx), cancelled ones left out, with when the customer was reached.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';

export interface FollowUpTiming {
  id: string;
  rule: string;
  customerId: string;
  projectId: string | null;
  agentId: string | null;
  reference: string | null;
  dueAt: Date;
  /** When the customer was reached and the outcome recorded (done or awaiting the customer); else null. */
  doneAt: Date | null;
}

export async function followUpTimings(
  db: Executor,
  q: { from: Date; to: Date; customerId?: string; projectId?: string; agentId?: string },
): Promise<FollowUpTiming[]> {
  const r = await db.execute<{
    id: string;
    rule: string;
    customer_id: string;
    project_id: string | null;
    agent_id: string | null;
    reference: string | null;
    due_at: Date | string;
    done_at: Date | string | null;
  }>(sql`
    select f.id, f.rule, f.customer_id, f.project_id, f.agent_id, f.reference, f.due_at,
           case when f.status in ('done', 'awaiting_customer') and f.reached then f.outcome_at end as done_at
      from follow_ups f
     where f.due_at >= ${q.from.toISOString()}::timestamptz and f.due_at < ${q.to.toISOString()}::timestamptz
       and f.status <> 'cancelled'
       ${q.customerId ? sql`and f.customer_id = ${q.customerId}::uuid` : sql``}
       ${q.projectId ? sql`and f.project_id = ${q.projectId}::uuid` : sql``}
       ${q.agentId ? sql`and f.agent_id = ${q.agentId}::uuid` : sql``}
     order by f.due_at, f.id`);
  return r.rows.map((x) => ({
    id: x.id,
    rule: x.rule,
    customerId: x.customer_id,
    projectId: x.project_id,
    agentId: x.agent_id,
    reference: x.reference,
    dueAt: new Date(x.due_at),
    doneAt: x.done_at ? new Date(x.done_at) : null,
  }));
}

/** The local days the follow-ups written in (since, until] are due on (index follow_ups_updated_idx). */
export async function followUpDueDaysChanged(
  db: Executor,
  q: { since: Date; until: Date; timeZone: string },
): Promise<string[]> {
  const r = await db.execute<{ day: string }>(sql`
    select distinct to_char(f.due_at at time zone ${q.timeZone}, 'YYYY-MM-DD') as day
      from follow_ups f
     where f.updated_at > ${q.since.toISOString()}::timestamptz and f.updated_at <= ${q.until.toISOString()}::timestamptz`);
  return r.rows.map((x) => x.day);
}
