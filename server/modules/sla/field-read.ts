// The on-site target of tickets, for the field module: its deadline, state and whether it was missed.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { slaTargets } from './schema.ts';

export interface OnSiteTarget {
  dueAt: Date | null;
  state: (typeof slaTargets.$inferSelect)['state'];
  breached: boolean;
}

export async function onSiteTargets(
  db: Executor,
  ticketIds: readonly string[],
): Promise<Map<string, OnSiteTarget>> {
  if (!ticketIds.length) return new Map();
  const rows = await db
    .select({
      ticketId: slaTargets.ticketId,
      dueAt: slaTargets.dueAt,
      state: slaTargets.state,
      breached: slaTargets.breached,
    })
    .from(slaTargets)
    .where(and(inArray(slaTargets.ticketId, [...new Set(ticketIds)]), eq(slaTargets.metric, 'on_site')));
  return new Map(rows.map(({ ticketId, ...r }) => [ticketId, r]));
}
