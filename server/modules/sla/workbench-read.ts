// SLA figures of the workbenches, each over an index of sla_targets: breaching (running, warn_at <=
// now < due_at: sla_targets_warning_window_idx, GiST; counted up to the tiles' cap) and today's targets by
// due time (sla_targets_due_outcome_idx).
import { and, gt, gte, lt, lte, sql } from 'drizzle-orm';
import { WORKBENCH_COUNT_CAP } from '../../../common/workbench-api.ts';
import type { Executor } from '../../db/pool.ts';
import { slaTargets } from './schema.ts';

/**
 * Tickets in the breaching queue (warned, not yet due) — the queue's own filter, on the GiST index of
 * warning windows, so the work is the tickets in their window now, not every running target.
 * (The breached count is the tickets' own: their earliest running deadline, as the breached queue.)
 */
export async function slaBreachingCount(db: Executor, now: Date, cap: number = WORKBENCH_COUNT_CAP) {
  const r = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (
          select distinct ${slaTargets.ticketId} from ${slaTargets}
           where ${slaTargets.state} = 'running' and ${slaTargets.warnAt} is not null and ${slaTargets.dueAt} is not null
             and tstzrange(${slaTargets.warnAt}, greatest(${slaTargets.warnAt}, ${slaTargets.dueAt})) @> ${now}::timestamptz
           limit ${cap + 1}) breaching`,
  );
  return r.rows[0]?.n ?? 0;
}

/**
 * The targets that fell due in [from, now): met in time against breached (a target still running past
 * its due time counts as breached). Compliance is null when nothing fell due.
 */
export async function slaComplianceSince(db: Executor, from: Date, now: Date) {
  const [row] = await db
    .select({
      met: sql<number>`count(*) filter (where ${slaTargets.state} = 'met' and not ${slaTargets.breached})::int`,
      breached: sql<number>`count(*) filter (where ${slaTargets.breached} or ${slaTargets.state} = 'running')::int`,
    })
    .from(slaTargets)
    .where(and(gte(slaTargets.dueAt, from), lt(slaTargets.dueAt, now)));
  const met = row?.met ?? 0;
  const breached = row?.breached ?? 0;
  return { met, breached, compliance: met + breached ? met / (met + breached) : null };
}
