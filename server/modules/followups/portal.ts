// The customer's portal view of follow-ups (回访): its own organisation's, scheduled and done, with
// what was found, what was done about it and what the customer was told (篇1 四.2). Another
// organisation's follow-up is not found, the same answer as a missing one.
import type { TPortalFollowUp } from '../../../common/followups-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { projectFacts } from '../registry/index.ts';
import * as repo from './repository.ts';

const LIMIT = 100;

async function portalViews(db: Executor, rows: readonly repo.FollowUpRow[]): Promise<TPortalFollowUp[]> {
  const projects = await projectFacts(
    db,
    rows.flatMap((r) => (r.projectId ? [r.projectId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    channel: r.channel,
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    projectName: r.projectId ? (projects.get(r.projectId)?.name ?? null) : null,
    reference: r.reference,
    reached: r.reached,
    satisfaction: r.satisfaction,
    outcomeAt: r.outcomeAt?.toISOString() ?? null,
    problems: r.problems.map((p) => ({
      class: p.class,
      description: p.description,
      action: p.action,
      note: p.note ?? null,
      ticketNumber: p.ticketNumber,
    })),
    suggestions: r.suggestions,
    toldAt: r.toldAt?.toISOString() ?? null,
    toldNote: r.toldNote,
  }));
}

export async function listPortalFollowUps(ctx: Ctx): Promise<TPortalFollowUp[]> {
  if (ctx.scope.kind !== 'customer') return [];
  return portalViews(ctx.db, await repo.customerFollowUps(ctx.db, ctx.scope.customerId, LIMIT));
}

export async function getPortalFollowUp(ctx: Ctx, id: string): Promise<TPortalFollowUp> {
  const row = await repo.findFollowUp(ctx.db, id);
  if (
    !row ||
    row.status === 'cancelled' ||
    ctx.scope.kind !== 'customer' ||
    row.customerId !== ctx.scope.customerId
  )
    throw notFound('Follow-up');
  const [view] = await portalViews(ctx.db, [row]);
  return view!;
}
