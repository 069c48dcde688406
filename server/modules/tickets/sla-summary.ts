// The SLA summary each ticket row carries for its lists (earliest running deadline, breached), kept
// in the transaction that changes the ticket's targets: after this module logs SLA events, and when
// the sla module's sweeper or recompute tells it through the port (slaTargetsChanged).
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { recordSlaEvents, type SlaLogEntry, type SlaTicketFacts } from '../sla/index.ts';
import * as repo from './repository.ts';

/** Logs the ticket's SLA events (sla recomputes its targets), then refreshes the ticket's summary. */
export async function recordSla(
  tx: Executor,
  ctx: Ctx,
  ticket: SlaTicketFacts,
  entries: SlaLogEntry[],
  options: { reselect?: boolean } = {},
) {
  await recordSlaEvents(tx, ctx, ticket, entries, options);
  await repo.refreshSlaSummary(tx, [ticket.id]);
}
