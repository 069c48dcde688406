// What a customer user reads of its ticket: the promises made to it and the steps it is told about,
// never the department's internal steps (转交技术支持, status moves between staff, tags, watchers).
import { INTERNAL_SLA_METRICS, isCustomerStep } from '../../../common/portal-rules.ts';
import type { TTicketDetail, TTicketTimelineEntry } from '../../../common/tickets-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { slaLogOf } from '../sla/index.ts';
import { isCustomer, ticketScope } from './access.ts';
import * as repo from './repository.ts';

/** The ticket detail without what is internal to the service department. */
export function customerDetail(detail: TTicketDetail): TTicketDetail {
  return {
    ...detail,
    tags: [],
    watcherIds: [],
    sla: detail.sla.filter((s) => !INTERNAL_SLA_METRICS.includes(s.metric)),
    messages: detail.messages.filter((m) => m.kind !== 'internal_note'),
  };
}

/**
 * The ticket's progress, oldest first. Staff see every step and status change; a customer sees the
 * steps in CUSTOMER_STEPS, each once (its first moment), and no status change.
 */
export async function ticketTimeline(ctx: Ctx, id: string): Promise<TTicketTimelineEntry[]> {
  const ticket = await repo.findTicket(ctx.db, ticketScope(ctx), id);
  if (!ticket) throw notFound('Ticket');
  const log = await slaLogOf(ctx.db, id);
  if (!isCustomer(ctx)) return log.map((l) => ({ at: l.at.toISOString(), event: l.event, status: l.status }));
  const seen = new Set<string>();
  const steps: TTicketTimelineEntry[] = [];
  for (const l of log) {
    if (!isCustomerStep(l.event) || seen.has(l.event)) continue;
    seen.add(l.event);
    steps.push({ at: l.at.toISOString(), event: l.event, status: null });
  }
  return steps;
}
