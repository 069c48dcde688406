// Recompute from history: a repair tool after a calendar edit (or a bug), replaying tickets' SLA logs.
// By default each target keeps the definition it was promised with; "re-apply the current policy"
// (an explicit choice, after a corrected policy) reselects the policy and its definitions: it answers a
// preview of the before/after due times until it is confirmed.
import type { TRecomputeChange } from '../../../common/sla-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { calendarsById } from './config.ts';
import type { SlaTicketPort } from './ports.ts';
import * as repo from './repository.ts';
import { applyPolicy, refreshTargets } from './targets.ts';

export interface RecomputeInput {
  ticketId?: string;
  ticketNumber?: string;
  from?: Date;
  to?: Date;
  mode?: 'history' | 'current-policy';
  confirm?: boolean;
}

/** The preview lists at most this many changed deadlines (the count covers them all). */
const MAX_LISTED_CHANGES = 200;

/** Recomputes the targets of one ticket, or of the tickets created in a range. */
export async function recomputeFromHistory(
  ctx: Ctx,
  tickets: SlaTicketPort,
  input: RecomputeInput,
  limit = 5000,
) {
  if (input.ticketNumber) {
    const found = await tickets.ticketIdByNumber(ctx.db, input.ticketNumber);
    if (!found) throw invalidField('ticketNumber', 'no such ticket');
    input = { ...input, ticketId: found };
  }
  const ids = input.ticketId
    ? [input.ticketId]
    : await repo.ticketIdsCreatedBetween(ctx.db, input.from!, input.to!, limit + 1);
  const truncated = ids.length > limit;
  const chosen = ids.slice(0, limit);
  const mode = input.mode ?? 'history';
  if (mode === 'current-policy') return reapplyPolicy(ctx, tickets, input, chosen, truncated);
  let changed = 0;
  const cals = await calendarsById(ctx.db);
  for (const id of chosen) {
    changed += await ctx.db.transaction(async (tx) => {
      const n = await refreshTargets(tx, ctx, id, cals);
      await tickets.slaTargetsChanged(tx, [id]);
      return n;
    });
  }
  await writeAudit(ctx.db, ctx, {
    action: 'sla.recompute',
    entityType: 'sla',
    entityId: input.ticketId ?? null,
    after: {
      mode,
      from: input.from ?? null,
      to: input.to ?? null,
      tickets: chosen.length,
      deadlinesChanged: changed,
    },
  });
  return { mode, applied: true, tickets: chosen.length, deadlinesChanged: changed, truncated, changes: [] };
}

class PreviewOnly extends Error {}

/**
 * Reselects each ticket's policy with today's definitions. Unconfirmed, every ticket is reworked in a
 * transaction that is rolled back, so the preview is exactly what confirming would do.
 */
async function reapplyPolicy(
  ctx: Ctx,
  tickets: SlaTicketPort,
  input: RecomputeInput,
  ids: string[],
  truncated: boolean,
) {
  const apply = input.confirm === true;
  const changes: TRecomputeChange[] = [];
  let changed = 0;
  for (const id of ids) {
    const found: TRecomputeChange[] = [];
    await ctx.db
      .transaction(async (tx) => {
        const ticket = (await tickets.findTickets(tx, [id])).get(id);
        if (!ticket) return;
        const before = await dueTimes(tx, id);
        await applyPolicy(tx, ctx, ticket);
        await tickets.slaTargetsChanged(tx, [id]);
        const after = await dueTimes(tx, id);
        for (const metric of new Set([...before.keys(), ...after.keys()])) {
          const was = before.get(metric) ?? null;
          const now = after.get(metric) ?? null;
          if (was?.getTime() === now?.getTime()) continue;
          found.push({
            ticketNumber: ticket.number,
            metric,
            dueAtBefore: was?.toISOString() ?? null,
            dueAtAfter: now?.toISOString() ?? null,
          });
        }
        if (!apply) throw new PreviewOnly();
      })
      .catch((err: unknown) => {
        if (!(err instanceof PreviewOnly)) throw err;
      });
    changed += found.length;
    changes.push(...found.slice(0, MAX_LISTED_CHANGES - changes.length));
  }
  if (apply) {
    await writeAudit(ctx.db, ctx, {
      action: 'sla.recompute',
      entityType: 'sla',
      entityId: input.ticketId ?? null,
      after: {
        mode: 'current-policy',
        from: input.from ?? null,
        to: input.to ?? null,
        tickets: ids.length,
        deadlinesChanged: changed,
      },
    });
  }
  return {
    mode: 'current-policy' as const,
    applied: apply,
    tickets: ids.length,
    deadlinesChanged: changed,
    truncated,
    changes,
  };
}

async function dueTimes(tx: Executor, ticketId: string): Promise<Map<string, Date | null>> {
  return new Map((await repo.targetsOfTicket(tx, ticketId)).map((r) => [r.metric, r.dueAt]));
}
