// What the workbenches and the global search ask of field service.
import type { TWorkbenchJob } from '../../../common/workbench-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { userNames } from '../accounts/index.ts';
import { ticketsWaitingForParts } from '../parts/index.ts';
import { listWorkOrders, seesAll } from './service.ts';
import * as repo from './workbench-repository.ts';

const job = (w: Awaited<ReturnType<typeof listWorkOrders>>[number]): TWorkbenchJob => ({
  id: w.id,
  number: w.number,
  kind: w.kind,
  status: w.status,
  summary: w.summary,
  emergency: w.emergency,
  customerName: w.customerName,
  address: w.address,
  scheduledAt: w.scheduledAt,
  onSiteDueAt: w.onSiteDueAt,
});

const soonest = (a: TWorkbenchJob, b: TWorkbenchJob) =>
  Number(b.emergency) - Number(a.emergency) ||
  (a.scheduledAt ?? a.onSiteDueAt ?? '9').localeCompare(b.scheduledAt ?? b.onSiteDueAt ?? '9');

/**
 * The engineer's day: today's jobs (scheduled before tomorrow, overdue and unscheduled ones included),
 * tomorrow's, and the open ones whose ticket still waits for reserved parts.
 */
export async function engineerDay(ctx: Ctx, tomorrow: Date, dayAfter: Date) {
  const mine = await listWorkOrders(ctx, { queue: 'mine', limit: 200 });
  const waiting = await ticketsWaitingForParts(
    ctx.db,
    mine.flatMap((w) => (w.ticketId ? [w.ticketId] : [])),
  );
  const at = (w: (typeof mine)[number]) => (w.scheduledAt ? new Date(w.scheduledAt) : null);
  return {
    today: mine
      .filter((w) => !at(w) || at(w)! < tomorrow)
      .map(job)
      .sort(soonest),
    tomorrow: mine
      .filter((w) => at(w) && at(w)! >= tomorrow && at(w)! < dayAfter)
      .map(job)
      .sort(soonest),
    waitingForParts: mine.filter((w) => w.ticketId && waiting.has(w.ticketId)).map(job),
    open: mine.length,
  };
}

/** Unassigned work orders and each engineer's open jobs and today's (dispatchers). */
export async function dispatchFigures(ctx: Ctx, today: Date, tomorrow: Date) {
  const [unassigned, load] = await Promise.all([
    repo.unassignedCount(ctx.db),
    repo.loadPerEngineer(ctx.db, today, tomorrow),
  ]);
  const names = await userNames(
    ctx.db,
    load.map((l) => l.engineerId),
  );
  return {
    unassignedWorkOrders: unassigned,
    load: load
      .map((l) => ({ ...l, name: names.get(l.engineerId) ?? '' }))
      .sort((a, b) => b.today - a.today || b.open - a.open || a.name.localeCompare(b.name)),
  };
}

/** A customer's next planned visit and latest repair reports. */
export async function customerVisits(ctx: Ctx, customerId: string) {
  const [next, reports] = await Promise.all([
    repo.nextVisitOf(ctx.db, customerId, ctx.clock.now()),
    repo.reportsOf(ctx.db, customerId, 5),
  ]);
  return {
    nextVisit:
      next?.scheduledAt != null
        ? {
            number: next.number,
            kind: next.kind,
            scheduledAt: next.scheduledAt.toISOString(),
            ticketId: next.ticketId,
          }
        : null,
    reports: reports.map((r) => ({
      workOrderId: r.id,
      number: r.number,
      ticketId: r.ticketId,
      completedAt: (r.completedAt ?? ctx.clock.now()).toISOString(),
    })),
  };
}

/** Work orders by number: all for dispatchers, his own for an engineer, its own for a customer. */
export async function searchWorkOrders(ctx: Ctx, q: string, limit: number) {
  const own =
    ctx.scope.kind === 'customer' || seesAll(ctx)
      ? null
      : (ctx.principal.userId ?? '00000000-0000-0000-0000-000000000000');
  return repo.workOrdersByNumber(ctx.db, ctx.scope, q, own, limit);
}
