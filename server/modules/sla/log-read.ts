// The ticket's SLA log (milestones and status changes) as the tickets module shows it on its timeline.
import type { SlaEvent } from '../../../common/sla-rules.ts';
import type { TicketStatus } from '../../../common/ticket-rules.ts';
import type { Executor } from '../../db/pool.ts';
import * as repo from './repository.ts';

export interface SlaLogLine {
  event: SlaEvent | 'status';
  status: TicketStatus | null;
  at: Date;
}

/** Oldest first, each with the moment it happened (a milestone recorded later keeps its own time). */
export async function slaLogOf(db: Executor, ticketId: string): Promise<SlaLogLine[]> {
  return (await repo.eventsOfTicket(db, ticketId)).map((e) => ({
    event: e.event,
    status: e.status ?? null,
    at: e.at,
  }));
}
