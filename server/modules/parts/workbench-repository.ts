// The storekeeper's and manager's figures: open alerts and reservations (their partial indexes),
// counts in progress, and which tickets still wait for reserved parts.
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { parts, replenishmentAlerts, stockCounts, stockLocations, stockReservations } from './schema.ts';

/** Open replenishment alerts (replenishment_alerts_open_idx) and open reservations (stock_reservations_open_idx). */
export async function openCounts(db: Executor) {
  const [alerts] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(replenishmentAlerts)
    .where(eq(replenishmentAlerts.status, 'open'));
  const [reservations] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(stockReservations)
    .where(gt(stockReservations.open, 0));
  return { reorderAlerts: alerts?.n ?? 0, openReservations: reservations?.n ?? 0 };
}

/** The open reservations to pick, emergencies and the oldest first. */
export function openReservations(db: Executor, limit: number) {
  return db
    .select({
      id: stockReservations.id,
      partNumber: parts.partNumber,
      partName: parts.name,
      locationName: stockLocations.name,
      quantity: stockReservations.open,
      emergency: stockReservations.emergency,
      ticketId: stockReservations.ticketId,
    })
    .from(stockReservations)
    .innerJoin(parts, eq(parts.id, stockReservations.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockReservations.locationId))
    .where(gt(stockReservations.open, 0))
    .orderBy(desc(stockReservations.emergency), asc(stockReservations.createdAt))
    .limit(limit);
}

/** Stock-takings open or waiting for approval (a handful at any time). */
export function countsInProgress(db: Executor, statuses: ('open' | 'submitted')[]) {
  return db
    .select({
      id: stockCounts.id,
      locationName: stockLocations.name,
      status: stockCounts.status,
      openedAt: stockCounts.openedAt,
      submittedAt: stockCounts.submittedAt,
    })
    .from(stockCounts)
    .innerJoin(stockLocations, eq(stockLocations.id, stockCounts.locationId))
    .where(inArray(stockCounts.status, statuses))
    .orderBy(asc(stockCounts.openedAt))
    .limit(50);
}

/** Which of the tickets have parts reserved and not yet issued (stock_reservations_ticket_idx). */
export async function ticketsWithOpenReservations(db: Executor, ticketIds: string[]) {
  if (!ticketIds.length) return new Set<string>();
  const rows = await db
    .selectDistinct({ ticketId: sql<string>`${stockReservations.ticketId}` })
    .from(stockReservations)
    .where(and(inArray(stockReservations.ticketId, ticketIds), gt(stockReservations.open, 0)));
  return new Set(rows.map((r) => r.ticketId));
}
