// What the workbenches and the global search ask of spare parts.
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { listParts } from './catalog.ts';
import * as repo from './workbench-repository.ts';

/** Reorder alerts, reservations to pick and stock-takings in progress (stock.read_all callers). */
export async function storeWork(ctx: Ctx, limit: number) {
  const [counts, reservations, inProgress] = await Promise.all([
    repo.openCounts(ctx.db),
    repo.openReservations(ctx.db, limit),
    repo.countsInProgress(ctx.db, ['open', 'submitted']),
  ]);
  return {
    ...counts,
    reservations,
    counts: inProgress.map((c) => ({
      id: c.id,
      locationName: c.locationName,
      status: c.status as 'open' | 'submitted',
      openedAt: c.openedAt.toISOString(),
    })),
  };
}

/** Stock-takings waiting for a manager's approval. */
export async function countsToApprove(ctx: Ctx) {
  const rows = await repo.countsInProgress(ctx.db, ['submitted']);
  return rows.map((c) => ({
    id: c.id,
    locationName: c.locationName,
    submittedAt: (c.submittedAt ?? c.openedAt).toISOString(),
  }));
}

export function ticketsWaitingForParts(db: Executor, ticketIds: string[]) {
  return repo.ticketsWithOpenReservations(db, ticketIds);
}

/** Parts by number, name or specification (the catalogue's own search). */
export async function searchParts(ctx: Ctx, q: string, limit: number) {
  return (await listParts(ctx, { q, limit }, null)).items;
}
