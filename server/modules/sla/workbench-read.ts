// SLA figures of the workbenches. Each is a range of a partial or plain index of sla_targets:
// breached (running, due_at <= now: sla_targets_running_due_idx), breaching (running, warn_at <= now <
// due_at: sla_targets_running_warn_idx), and today's targets by due time (sla_targets_due_idx).
import { and, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { slaTargets } from './schema.ts';

/** Tickets in the breaching (warned, not yet due) and breached queues — the same filter the queues use. */
export async function slaQueueCounts(db: Executor, now: Date) {
  const running = sql`${slaTargets.state} = 'running'`;
  const [breached] = await db
    .select({ n: sql<number>`count(distinct ${slaTargets.ticketId})::int` })
    .from(slaTargets)
    .where(and(running, lte(slaTargets.dueAt, now)));
  const [breaching] = await db
    .select({ n: sql<number>`count(distinct ${slaTargets.ticketId})::int` })
    .from(slaTargets)
    .where(and(running, lte(slaTargets.warnAt, now), gt(slaTargets.dueAt, now)));
  return { breaching: breaching?.n ?? 0, breached: breached?.n ?? 0 };
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
