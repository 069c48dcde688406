// What the SLA engine needs of tickets, declared here and implemented by the tickets module (which
// depends on sla, so sla cannot import it): the facts a policy is selected on, and the ticket changes
// escalation actions make, done by tickets' own rules (version, audit, SLA log, notifications).
import type { TicketKind, TicketStatus } from '../../../common/ticket-rules.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';

/** The facts a policy is selected on. */
export interface SlaTicketFacts {
  id: string;
  kind: TicketKind;
  priority: string;
  emergency: boolean;
  complexity: 'general' | 'complex';
  customerId: string;
  projectId: string | null;
}

/** A ticket as the sweeper sees it: who to tell, and what the actions may change. */
export interface SlaTicket extends SlaTicketFacts {
  number: string;
  subject: string;
  status: TicketStatus;
  team: string;
  assigneeId: string | null;
  watcherIds: string[];
}

export interface SlaTicketPort {
  findTickets(tx: Executor, ids: string[]): Promise<Map<string, SlaTicket>>;
  ticketIdByNumber(db: Executor, number: string): Promise<string | undefined>;
  /** Hands the ticket to an active staff member; false when there is nothing to do. */
  reassign(tx: Executor, ctx: Ctx, ticketId: string, userId: string, reason: string): Promise<boolean>;
  /** Raises the ticket's priority one step (which may put it under another policy). */
  raisePriority(tx: Executor, ctx: Ctx, ticketId: string, reason: string): Promise<boolean>;
  /**
   * The targets of these tickets changed (deadlines, states, breaches): the tickets module refreshes
   * the SLA summary its lists filter and sort on (slaDueAtOf / slaBreachedOf), in the same transaction.
   */
  slaTargetsChanged(tx: Executor, ticketIds: string[]): Promise<void>;
}
