// Reservations hold stock for a ticket or work order; issuing consumes them, releasing gives them
// back. Other modules (field service) call these through `parts/index.ts`.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TIssueReservedRequest,
  TReleaseRequest,
  TReserveRequest,
  TStockReservation,
} from '../../../common/parts-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { checkMove, getLocation } from './access.ts';
import {
  changeLevel,
  fittedAsset,
  movementOut,
  moving,
  record,
  requirePart,
  shortage,
  workRefOf,
} from './ledger.ts';
import { checkReorder } from './reorder.ts';
import * as repo from './stock-repository.ts';
import { expiredWarnings, nearestFirst, takeFifo } from './stock-rules.ts';

const reservationOut = (r: repo.ReservationRow): TStockReservation => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

/**
 * Holds parts for a piece of work, oldest batches first. An emergency reservation that the chosen
 * location cannot cover is taken from the nearest location that can: the engineer's own van, then
 * locations of the same region, then the central warehouse, then any other (篇4 g.3 备件先行).
 */
export async function reserve(ctx: Ctx, input: TReserveRequest) {
  // Holding parts for a job (a ticket or work order) from any location is allowed to whoever moves
  // stock; taking them out of another's location stays with its keeper (or the reservation's maker).
  const forWork = Boolean(input.emergency || input.ticketId || input.workOrderRef);
  const loc = forWork ? await getLocation(ctx, input.locationId) : await checkMove(ctx, input.locationId);
  if (!loc.active) throw invalidField('locationId', 'the location is closed');
  const now = ctx.clock.now();
  const today = toLocalDate(now, ctx.timeZone);
  return moving(ctx, async (tx) => {
    await requirePart(tx, input.partId);
    const candidates = input.emergency
      ? nearestFirst(await repo.activeLocations(tx), loc, ctx.principal.userId).map((l) => l.id)
      : [loc.id];
    for (const locationId of candidates) {
      const lots = await repo.lockLots(tx, input.partId, locationId, 'good');
      const { takes, missing } = takeFifo(lots, input.quantity);
      if (missing > 0) continue;
      const reservations = [];
      for (const { lot, quantity } of takes) {
        await changeLevel(
          tx,
          { locationId, partId: input.partId, batchId: lot.batchId, condition: 'good' },
          0,
          quantity,
          now,
        );
        const r = await repo.insertReservation(tx, {
          partId: input.partId,
          locationId,
          batchId: lot.batchId,
          quantity,
          open: quantity,
          ticketId: input.ticketId ?? null,
          workOrderRef: input.workOrderRef ?? null,
          emergency: input.emergency ?? false,
          createdBy: ctx.principal.userId,
          createdAt: now,
        });
        await record(tx, ctx, {
          kind: 'reserve',
          partId: input.partId,
          batchId: lot.batchId,
          fromLocationId: locationId,
          quantity,
          reservationId: r.id,
          ...workRefOf(input),
        });
        reservations.push(reservationOut(r));
      }
      await checkReorder(tx, ctx, input.partId, locationId);
      return {
        locationId,
        reservations,
        warnings: expiredWarnings(
          takes.map((t) => t.lot),
          today,
        ),
      };
    }
    throw shortage(
      input.emergency
        ? `No location has ${input.quantity} available`
        : `Only ${await repo.availableAt(tx, input.partId, loc.id)} available at ${loc.name}`,
    );
  });
}

async function lockReservation(tx: Executor, id: string) {
  const r = await repo.lockReservation(tx, id);
  if (!r) throw notFound('Reservation');
  return r;
}

/** Gives back what a reservation still holds (all, or `quantity`). */
export async function release(ctx: Ctx, id: string, input: TReleaseRequest) {
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    const r = await lockReservation(tx, id);
    if (r.createdBy !== ctx.principal.userId) await checkMove(ctx, r.locationId);
    const quantity = input.quantity ?? r.open;
    if (quantity > r.open) throw invalidField('quantity', `only ${r.open} still reserved`);
    if (quantity === 0) return { reservation: reservationOut(r) };
    await changeLevel(
      tx,
      { locationId: r.locationId, partId: r.partId, batchId: r.batchId, condition: 'good' },
      0,
      -quantity,
      now,
    );
    const after = await repo.reduceReservation(tx, id, quantity);
    await record(tx, ctx, {
      kind: 'release',
      partId: r.partId,
      batchId: r.batchId,
      toLocationId: r.locationId,
      quantity,
      reservationId: id,
      ticketId: r.ticketId,
      workOrderRef: r.workOrderRef,
      reason: input.reason,
    });
    return { reservation: reservationOut(after) };
  });
}

/** Consumes reserved parts on the work (they leave stock). */
export async function issueReserved(ctx: Ctx, id: string, input: TIssueReservedRequest) {
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    const r = await lockReservation(tx, id);
    if (!r.emergency && r.createdBy !== ctx.principal.userId) await checkMove(ctx, r.locationId);
    if (r.open === 0)
      throw invalidField('quantity', 'this reservation was already issued or released: nothing is left');
    const quantity = input.quantity ?? r.open;
    if (quantity > r.open) throw invalidField('quantity', `only ${r.open} reserved`);
    const assetId = await fittedAsset(tx, ctx, input.assetId);
    await changeLevel(
      tx,
      { locationId: r.locationId, partId: r.partId, batchId: r.batchId, condition: 'good' },
      -quantity,
      -quantity,
      now,
    );
    const after = await repo.reduceReservation(tx, id, quantity);
    const movement = await record(tx, ctx, {
      kind: 'issue',
      partId: r.partId,
      batchId: r.batchId,
      fromLocationId: r.locationId,
      quantity,
      reservationId: id,
      ticketId: input.ticketId ?? r.ticketId,
      workOrderRef: input.workOrderRef ?? r.workOrderRef,
      reason: input.reason,
      assetId,
    });
    await checkReorder(tx, ctx, r.partId, r.locationId);
    return { reservation: reservationOut(after), movements: [movementOut(movement)] };
  });
}

/** Open reservations of a ticket. */
export async function reservationsOf(ctx: Ctx, ticketId: string) {
  return (await repo.openReservationsOfTicket(ctx.db, ticketId)).map(reservationOut);
}
