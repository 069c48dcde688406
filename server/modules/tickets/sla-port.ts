// The tickets side of sla's port: what the SLA sweeper reads of tickets and the changes its
// escalation actions make, through the same rules as a change made on the screen.
import { raisedPriority } from '../../../common/sla-rules.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { findActiveStaff } from '../accounts/index.ts';
import type { SlaTicketPort } from '../sla/index.ts';
import * as repo from './repository.ts';
import { changeTicket, type TicketChanges } from './service.ts';

async function changeLocked(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  changes: (t: repo.TicketRow) => TicketChanges | null,
  reason: string,
) {
  if (!(await repo.lockTicket(tx, ticketId))) return false;
  const before = await repo.findTicket(tx, { kind: 'all', workerId: null }, ticketId);
  const change = before && changes(before);
  if (!before || !change) return false;
  await changeTicket(tx, ctx, before, before.version, change, reason);
  return true;
}

export const slaTicketPort: SlaTicketPort = {
  async findTickets(tx, ids) {
    return new Map((await repo.findSlaTickets(tx, ids)).map((t) => [t.id, t]));
  },
  ticketIdByNumber: (db, number) => repo.ticketIdByNumber(db, number),
  slaTargetsChanged: (tx, ticketIds) => repo.refreshSlaSummary(tx, ticketIds),
  async reassign(tx, ctx, ticketId, userId, reason) {
    if (!(await findActiveStaff(tx, userId))) return false;
    return changeLocked(
      tx,
      ctx,
      ticketId,
      (t) => (t.assigneeId === userId ? null : { assigneeId: userId }),
      reason,
    );
  },
  async raisePriority(tx, ctx, ticketId, reason) {
    return changeLocked(
      tx,
      ctx,
      ticketId,
      (t) => {
        const priority = raisedPriority(t.priority);
        return priority === t.priority ? null : { priority };
      },
      reason,
    );
  },
};
