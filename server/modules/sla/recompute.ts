// Recompute from history: a repair tool after a calendar edit (or a bug), replaying tickets' SLA logs.
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { calendarsById } from './config.ts';
import type { SlaTicketPort } from './ports.ts';
import * as repo from './repository.ts';
import { refreshTargets } from './targets.ts';

/** Recomputes the targets of one ticket, or of the tickets created in a range. */
export async function recomputeFromHistory(
  ctx: Ctx,
  tickets: SlaTicketPort,
  input: { ticketId?: string; ticketNumber?: string; from?: Date; to?: Date },
  limit = 5000,
) {
  if (input.ticketNumber) {
    const found = await tickets.ticketIdByNumber(ctx.db, input.ticketNumber);
    if (!found) throw invalidField('ticketNumber', 'no such ticket');
    input = { ticketId: found };
  }
  const ids = input.ticketId
    ? [input.ticketId]
    : await repo.ticketIdsCreatedBetween(ctx.db, input.from!, input.to!, limit + 1);
  const truncated = ids.length > limit;
  let changed = 0;
  const cals = await calendarsById(ctx.db);
  for (const id of ids.slice(0, limit)) {
    changed += await ctx.db.transaction((tx) => refreshTargets(tx, ctx, id, cals));
  }
  await writeAudit(ctx.db, ctx, {
    action: 'sla.recompute',
    entityType: 'sla',
    entityId: input.ticketId ?? null,
    after: {
      from: input.from ?? null,
      to: input.to ?? null,
      tickets: Math.min(ids.length, limit),
      deadlinesChanged: changed,
    },
  });
  return { tickets: Math.min(ids.length, limit), deadlinesChanged: changed, truncated };
}
