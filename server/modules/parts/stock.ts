// Stock movements: each one locks the stock-level rows it touches (in a fixed order, so concurrent
// movements queue instead of deadlocking), changes on-hand and reserved, and appends to the ledger —
// in one transaction. The database's CHECKs refuse any negative quantity whatever the code does;
// a refusal surfaces as a 409 naming the shortage. Other modules (field service) call reserve,
// release, issue and the returns through `parts/index.ts`.
import { and, asc, eq, sql } from 'drizzle-orm';
import { addMonths, toLocalDate } from '../../../common/calendar-dates.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalidField, notFound, postgresErrorOf } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import {
  parts,
  reorderRules,
  replenishmentAlerts,
  stockBatches,
  stockLevels,
  stockLocations,
  stockMovements,
  stockReservations,
} from './schema.ts';

/** The spare-parts shelf-warranty limit when the part sets none (篇4 c.1: 5 years). */
export const DEFAULT_SHELF_WARRANTY_MONTHS = 60;
const ZONE = 'Asia/Shanghai';

type Condition = 'good' | 'defective';
type MovementKind = (typeof stockMovements.$inferInsert)['kind'];

export interface WorkRef {
  ticketId?: string | null;
  workOrderRef?: string | null;
  reason?: string | null;
}

/** Only the work reference of an input goes into the ledger line (never its quantities). */
const ref = (w: WorkRef): WorkRef => ({
  ticketId: w.ticketId,
  workOrderRef: w.workOrderRef,
  reason: w.reason,
});

export const shortage = (message: string) => new AppError(409, 'Not enough stock', message);

// ---------- who may touch which location ----------

const canSeeAll = (ctx: Ctx) => ctx.principal.permissions.has('stock.read_all');
const canMoveAny = (ctx: Ctx) => ctx.principal.permissions.has('stock.move_any');

export async function getLocation(ctx: Ctx, id: string, field = 'locationId') {
  const [loc] = await ctx.db.select().from(stockLocations).where(eq(stockLocations.id, id));
  if (!loc) throw invalidField(field, 'no such location');
  return loc;
}

/** Storekeepers and managers move stock anywhere; a field engineer only in the van he keeps. */
export async function checkMove(ctx: Ctx, locationId: string, field = 'locationId') {
  const loc = await getLocation(ctx, locationId, field);
  if (!loc.active) throw invalidField(field, 'the location is closed');
  if (canMoveAny(ctx)) return loc;
  if (!ctx.principal.permissions.has('stock.move') || loc.keeperId !== ctx.principal.userId) {
    throw forbidden('You can move stock only in the locations you keep');
  }
  return loc;
}

/** The locations whose stock the caller may read: all, or those they keep. */
export async function visibleLocationIds(ctx: Ctx): Promise<string[] | 'all'> {
  if (canSeeAll(ctx)) return 'all';
  const rows = await ctx.db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(eq(stockLocations.keeperId, ctx.principal.userId ?? '00000000-0000-0000-0000-000000000000'));
  return rows.map((r) => r.id);
}

// ---------- the primitives ----------

async function getPart(tx: Executor, id: string) {
  const [part] = await tx.select().from(parts).where(eq(parts.id, id));
  if (!part) throw invalidField('partId', 'no such part');
  return part;
}

interface Lot {
  batchId: string;
  batchCode: string;
  shelfWarrantyEndsOn: string | null;
  onHand: number;
  reserved: number;
}

/** Good stock of a part at a location, oldest batch first, locked for this transaction. */
async function lockLots(tx: Executor, partId: string, locationId: string, condition: Condition = 'good') {
  const rows = await tx.execute<{
    batch_id: string;
    code: string;
    shelf_warranty_ends_on: string | null;
    on_hand: number;
    reserved: number;
  }>(sql`select l.batch_id, b.code, b.shelf_warranty_ends_on::text, l.on_hand, l.reserved
    from stock_levels l join stock_batches b on b.id = l.batch_id
    where l.part_id = ${partId} and l.location_id = ${locationId} and l.condition = ${condition}
      and l.on_hand > 0
    order by b.received_on, b.code, l.batch_id
    for update of l`);
  return rows.rows.map(
    (r): Lot => ({
      batchId: r.batch_id,
      batchCode: r.code,
      shelfWarrantyEndsOn: r.shelf_warranty_ends_on,
      onHand: r.on_hand,
      reserved: r.reserved,
    }),
  );
}

/** Oldest batches first (FIFO) until `quantity` is covered, from what is available. */
function takeFifo(lots: Lot[], quantity: number) {
  const takes: { lot: Lot; quantity: number }[] = [];
  let left = quantity;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.onHand - lot.reserved);
    if (take > 0) {
      takes.push({ lot, quantity: take });
      left -= take;
    }
  }
  return { takes, missing: left };
}

async function changeLevel(
  tx: Executor,
  key: { locationId: string; partId: string; batchId: string; condition: Condition },
  onHand: number,
  reserved: number,
  at: Date,
) {
  if (onHand >= 0 && reserved === 0) {
    await tx
      .insert(stockLevels)
      .values({ ...key, onHand, reserved, updatedAt: at })
      .onConflictDoUpdate({
        target: [stockLevels.locationId, stockLevels.partId, stockLevels.batchId, stockLevels.condition],
        set: {
          onHand: sql`${stockLevels.onHand} + ${onHand}`,
          reserved: sql`${stockLevels.reserved} + ${reserved}`,
          updatedAt: at,
        },
      });
    return;
  }
  // Taking away or reserving: the row must exist (an insert's proposed row is checked by itself).
  const rows = await tx
    .update(stockLevels)
    .set({
      onHand: sql`${stockLevels.onHand} + ${onHand}`,
      reserved: sql`${stockLevels.reserved} + ${reserved}`,
      updatedAt: at,
    })
    .where(
      and(
        eq(stockLevels.locationId, key.locationId),
        eq(stockLevels.partId, key.partId),
        eq(stockLevels.batchId, key.batchId),
        eq(stockLevels.condition, key.condition),
      ),
    )
    .returning({ onHand: stockLevels.onHand });
  if (!rows.length) throw shortage('There is no such stock at this location');
}

async function record(
  tx: Executor,
  ctx: Ctx,
  m: {
    kind: MovementKind;
    partId: string;
    batchId: string;
    condition?: Condition;
    fromLocationId?: string | null;
    toLocationId?: string | null;
    quantity: number;
    reservationId?: string | null;
    countId?: string | null;
    serial?: string | null;
  } & WorkRef,
) {
  const [row] = await tx
    .insert(stockMovements)
    .values({
      at: ctx.clock.now(),
      condition: 'good',
      actorId: ctx.principal.userId,
      actorLabel: ctx.principal.label,
      ...m,
      ticketId: m.ticketId ?? null,
      workOrderRef: m.workOrderRef ?? null,
      reason: m.reason ?? null,
    })
    .returning();
  return row!;
}

/** Runs a movement in one transaction; the database's CHECKs turn into a clear 409. */
async function moving<T>(ctx: Ctx, work: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (err) {
    const pg = postgresErrorOf(err);
    if (pg.code === '23514' && pg.constraint?.startsWith('stock_levels'))
      throw shortage('The movement would take more than the available stock');
    throw err;
  }
}

const expiredWarnings = (lots: Lot[], today: string) =>
  lots
    .filter((l) => l.shelfWarrantyEndsOn && l.shelfWarrantyEndsOn < today)
    .map((l) => ({ batchCode: l.batchCode, shelfWarrantyEndedOn: l.shelfWarrantyEndsOn! }));

// ---------- movements ----------

export async function receive(
  ctx: Ctx,
  input: {
    partId: string;
    locationId: string;
    quantity: number;
    batchCode?: string;
    receivedOn?: string;
  } & WorkRef,
) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  const receivedOn = input.receivedOn ?? toLocalDate(now, ZONE);
  if (receivedOn > toLocalDate(now, ZONE)) throw invalidField('receivedOn', 'cannot be in the future');
  return moving(ctx, async (tx) => {
    const part = await getPart(tx, input.partId);
    const code = input.batchCode ?? `R${receivedOn.replaceAll('-', '')}`;
    const batch = await batchOf(tx, part, code, receivedOn);
    await changeLevel(
      tx,
      { locationId: input.locationId, partId: part.id, batchId: batch.id, condition: 'good' },
      input.quantity,
      0,
      now,
    );
    const movement = await record(tx, ctx, {
      kind: 'receipt',
      partId: part.id,
      batchId: batch.id,
      toLocationId: input.locationId,
      quantity: input.quantity,
      ...ref(input),
    });
    await checkReorder(tx, ctx, part.id, input.locationId);
    return { movements: [movement], batch };
  });
}

async function batchOf(tx: Executor, part: typeof parts.$inferSelect, code: string, receivedOn: string) {
  const months = part.shelfLifeMonths ?? DEFAULT_SHELF_WARRANTY_MONTHS;
  await tx
    .insert(stockBatches)
    .values({ partId: part.id, code, receivedOn, shelfWarrantyEndsOn: addMonths(receivedOn, months) })
    .onConflictDoNothing();
  const [batch] = await tx
    .select()
    .from(stockBatches)
    .where(and(eq(stockBatches.partId, part.id), eq(stockBatches.code, code)));
  return batch!;
}

export async function transfer(
  ctx: Ctx,
  input: { partId: string; fromLocationId: string; toLocationId: string; quantity: number } & WorkRef,
) {
  if (input.fromLocationId === input.toLocationId) throw invalidField('toLocationId', 'same as the source');
  // A field engineer may send back what is in his van; bringing stock into it is the storekeeper's.
  await checkMove(ctx, input.fromLocationId, 'fromLocationId');
  const to = await getLocation(ctx, input.toLocationId, 'toLocationId');
  if (!to.active) throw invalidField('toLocationId', 'the location is closed');
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    await getPart(tx, input.partId);
    const lots = await lockLots(tx, input.partId, input.fromLocationId);
    const { takes, missing } = takeFifo(lots, input.quantity);
    if (missing > 0) throw shortage(`Only ${input.quantity - missing} available at the source`);
    const movements = [];
    for (const { lot, quantity } of takes) {
      const key = { partId: input.partId, batchId: lot.batchId, condition: 'good' as const };
      await changeLevel(tx, { ...key, locationId: input.fromLocationId }, -quantity, 0, now);
      await changeLevel(tx, { ...key, locationId: input.toLocationId }, quantity, 0, now);
      movements.push(
        await record(tx, ctx, {
          kind: 'transfer',
          ...key,
          fromLocationId: input.fromLocationId,
          toLocationId: input.toLocationId,
          quantity,
          ...ref(input),
        }),
      );
    }
    await checkReorder(tx, ctx, input.partId, input.fromLocationId);
    await checkReorder(tx, ctx, input.partId, input.toLocationId);
    return { movements };
  });
}

/**
 * Holds parts for a piece of work, oldest batches first. An emergency reservation that the chosen
 * location cannot cover is taken from the nearest location that can: the engineer's own van, then
 * locations of the same region, then the central warehouse, then any other (篇4 g.3 备件先行).
 */
export async function reserve(
  ctx: Ctx,
  input: { partId: string; locationId: string; quantity: number; emergency?: boolean } & WorkRef,
) {
  // Holding parts for a job (a ticket or work order) from any location is allowed to whoever moves
  // stock; taking them out of another's location stays with its keeper (or the reservation's maker).
  const forWork = Boolean(input.emergency || input.ticketId || input.workOrderRef);
  const loc = forWork ? await getLocation(ctx, input.locationId) : await checkMove(ctx, input.locationId);
  if (!loc.active) throw invalidField('locationId', 'the location is closed');
  const now = ctx.clock.now();
  const today = toLocalDate(now, ZONE);
  return moving(ctx, async (tx) => {
    await getPart(tx, input.partId);
    const candidates = input.emergency ? await nearestLocations(tx, ctx, loc) : [loc.id];
    for (const locationId of candidates) {
      const lots = await lockLots(tx, input.partId, locationId);
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
        const [r] = await tx
          .insert(stockReservations)
          .values({
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
          })
          .returning();
        await record(tx, ctx, {
          kind: 'reserve',
          partId: input.partId,
          batchId: lot.batchId,
          fromLocationId: locationId,
          quantity,
          reservationId: r!.id,
          ...ref(input),
        });
        reservations.push(r!);
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
        : `Only ${await availableAt(tx, input.partId, loc.id)} available at ${loc.name}`,
    );
  });
}

async function nearestLocations(tx: Executor, ctx: Ctx, first: typeof stockLocations.$inferSelect) {
  const all = await tx.select().from(stockLocations).where(eq(stockLocations.active, true));
  const rank = (l: typeof stockLocations.$inferSelect) =>
    l.id === first.id
      ? 0
      : l.kind === 'van' && l.keeperId === ctx.principal.userId
        ? 1
        : l.region && l.region === first.region
          ? 2
          : l.kind === 'central'
            ? 3
            : 4;
  return all.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code)).map((l) => l.id);
}

async function availableAt(tx: Executor, partId: string, locationId: string): Promise<number> {
  const [row] = (
    await tx.execute<{
      n: number;
    }>(sql`select coalesce(sum(on_hand - reserved), 0)::int as n from stock_levels
      where part_id = ${partId} and location_id = ${locationId} and condition = 'good'`)
  ).rows;
  return row?.n ?? 0;
}

async function lockReservation(tx: Executor, id: string) {
  const [r] = await tx.select().from(stockReservations).where(eq(stockReservations.id, id)).for('update');
  if (!r) throw notFound('Reservation');
  return r;
}

/** Gives back what a reservation still holds (all, or `quantity`). */
export async function release(ctx: Ctx, id: string, input: { quantity?: number } & WorkRef) {
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    const r = await lockReservation(tx, id);
    if (r.createdBy !== ctx.principal.userId) await checkMove(ctx, r.locationId);
    const quantity = input.quantity ?? r.open;
    if (quantity > r.open) throw invalidField('quantity', `only ${r.open} still reserved`);
    if (quantity === 0) return { reservation: r };
    await changeLevel(
      tx,
      { locationId: r.locationId, partId: r.partId, batchId: r.batchId, condition: 'good' },
      0,
      -quantity,
      now,
    );
    const [after] = await tx
      .update(stockReservations)
      .set({ open: sql`${stockReservations.open} - ${quantity}` })
      .where(eq(stockReservations.id, id))
      .returning();
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
    return { reservation: after! };
  });
}

/** Consumes reserved parts on the work (they leave stock). */
export async function issueReserved(ctx: Ctx, id: string, input: { quantity?: number } & WorkRef) {
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    const r = await lockReservation(tx, id);
    if (!r.emergency && r.createdBy !== ctx.principal.userId) await checkMove(ctx, r.locationId);
    if (r.open === 0)
      throw invalidField('quantity', 'this reservation was already issued or released: nothing is left');
    const quantity = input.quantity ?? r.open;
    if (quantity > r.open) throw invalidField('quantity', `only ${r.open} reserved`);
    await changeLevel(
      tx,
      { locationId: r.locationId, partId: r.partId, batchId: r.batchId, condition: 'good' },
      -quantity,
      -quantity,
      now,
    );
    const [after] = await tx
      .update(stockReservations)
      .set({ open: sql`${stockReservations.open} - ${quantity}` })
      .where(eq(stockReservations.id, id))
      .returning();
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
    });
    await checkReorder(tx, ctx, r.partId, r.locationId);
    return { reservation: after!, movements: [movement] };
  });
}

/** Consumes parts without a reservation, oldest batches first; warns of ended shelf warranties. */
export async function issue(
  ctx: Ctx,
  input: { partId: string; locationId: string; quantity: number } & WorkRef,
) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    await getPart(tx, input.partId);
    const lots = await lockLots(tx, input.partId, input.locationId);
    const { takes, missing } = takeFifo(lots, input.quantity);
    if (missing > 0) throw shortage(`Only ${input.quantity - missing} available`);
    const movements = [];
    for (const { lot, quantity } of takes) {
      await changeLevel(
        tx,
        { locationId: input.locationId, partId: input.partId, batchId: lot.batchId, condition: 'good' },
        -quantity,
        0,
        now,
      );
      movements.push(
        await record(tx, ctx, {
          kind: 'issue',
          partId: input.partId,
          batchId: lot.batchId,
          fromLocationId: input.locationId,
          quantity,
          ...ref(input),
        }),
      );
    }
    await checkReorder(tx, ctx, input.partId, input.locationId);
    return {
      movements,
      warnings: expiredWarnings(
        takes.map((t) => t.lot),
        toLocalDate(now, ZONE),
      ),
    };
  });
}

/** Unused parts come back into good stock, into the batch they left (or the newest one). */
export async function returnUnused(
  ctx: Ctx,
  input: { partId: string; locationId: string; quantity: number; batchId?: string } & WorkRef,
) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    const part = await getPart(tx, input.partId);
    let batchId = input.batchId;
    if (batchId) {
      const [b] = await tx.select().from(stockBatches).where(eq(stockBatches.id, batchId));
      if (b?.partId !== part.id) throw invalidField('batchId', 'not a batch of this part');
    } else {
      const [b] = await tx
        .select()
        .from(stockBatches)
        .where(eq(stockBatches.partId, part.id))
        .orderBy(sql`${stockBatches.receivedOn} desc`)
        .limit(1);
      if (!b) throw invalidField('batchId', 'this part was never received');
      batchId = b.id;
    }
    await changeLevel(
      tx,
      { locationId: input.locationId, partId: part.id, batchId, condition: 'good' },
      input.quantity,
      0,
      now,
    );
    const movement = await record(tx, ctx, {
      kind: 'return_unused',
      partId: part.id,
      batchId,
      toLocationId: input.locationId,
      quantity: input.quantity,
      ...ref(input),
    });
    await checkReorder(tx, ctx, part.id, input.locationId);
    return { movements: [movement] };
  });
}

/** A replaced part brought back (带回公司进行备案): defective stock, kept apart from good stock. */
export async function returnDefective(
  ctx: Ctx,
  input: { partId: string; locationId: string; quantity: number; serial?: string | null } & WorkRef,
) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  const today = toLocalDate(now, ZONE);
  return moving(ctx, async (tx) => {
    const part = await getPart(tx, input.partId);
    const batch = await batchOf(tx, part, `RET${today.replaceAll('-', '')}`, today);
    await changeLevel(
      tx,
      { locationId: input.locationId, partId: part.id, batchId: batch.id, condition: 'defective' },
      input.quantity,
      0,
      now,
    );
    const movement = await record(tx, ctx, {
      kind: 'return_defective',
      partId: part.id,
      batchId: batch.id,
      condition: 'defective',
      toLocationId: input.locationId,
      quantity: input.quantity,
      ...ref(input),
    });
    return { movements: [movement] };
  });
}

export async function scrap(
  ctx: Ctx,
  input: {
    partId: string;
    locationId: string;
    batchId: string;
    condition: Condition;
    quantity: number;
  } & WorkRef,
) {
  await checkMove(ctx, input.locationId);
  if (!input.reason) throw invalidField('reason', 'say why it is scrapped');
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    await getPart(tx, input.partId);
    const key = {
      locationId: input.locationId,
      partId: input.partId,
      batchId: input.batchId,
      condition: input.condition,
    };
    await changeLevel(tx, key, -input.quantity, 0, now);
    const movement = await record(tx, ctx, {
      kind: 'scrap',
      partId: input.partId,
      batchId: input.batchId,
      condition: input.condition,
      fromLocationId: input.locationId,
      quantity: input.quantity,
      ...ref(input),
    });
    await checkReorder(tx, ctx, input.partId, input.locationId);
    return { movements: [movement] };
  });
}

/** A count adjustment (from an approved stock-taking), in either direction. */
export async function adjust(
  tx: Executor,
  ctx: Ctx,
  line: {
    locationId: string;
    partId: string;
    batchId: string;
    condition: Condition;
    delta: number;
    countId: string;
  },
) {
  if (line.delta === 0) return;
  const { delta, countId, ...key } = line;
  await changeLevel(tx, key, delta, 0, ctx.clock.now());
  await record(tx, ctx, {
    kind: 'adjustment',
    partId: key.partId,
    batchId: key.batchId,
    condition: key.condition,
    fromLocationId: delta < 0 ? key.locationId : null,
    toLocationId: delta > 0 ? key.locationId : null,
    quantity: Math.abs(delta),
    countId,
    reason: 'stock count',
  });
}

export { moving };

// ---------- reorder points ----------

/**
 * Compares what is available at a location with its reorder point: at or below it, an alert is
 * raised (one open per part and location) and the storekeepers hear of it; above it, the open alert
 * is closed. Called in the transaction of every movement, and daily for every rule.
 */
export async function checkReorder(tx: Executor, ctx: Ctx, partId: string, locationId: string) {
  const [rule] = await tx
    .select()
    .from(reorderRules)
    .where(and(eq(reorderRules.partId, partId), eq(reorderRules.locationId, locationId)));
  if (!rule) return;
  const available = await availableAt(tx, partId, locationId);
  const now = ctx.clock.now();
  if (available > rule.reorderPoint) {
    await tx
      .update(replenishmentAlerts)
      .set({ status: 'done', closedAt: now })
      .where(
        and(
          eq(replenishmentAlerts.partId, partId),
          eq(replenishmentAlerts.locationId, locationId),
          eq(replenishmentAlerts.status, 'open'),
        ),
      );
    return;
  }
  const suggested = Math.max(rule.reorderQuantity, rule.reorderPoint - available + rule.reorderQuantity);
  const inserted = await tx
    .insert(replenishmentAlerts)
    .values({
      partId,
      locationId,
      available,
      reorderPoint: rule.reorderPoint,
      suggestedQuantity: suggested,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted.length) {
    await tx
      .update(replenishmentAlerts)
      .set({ available, suggestedQuantity: suggested })
      .where(
        and(
          eq(replenishmentAlerts.partId, partId),
          eq(replenishmentAlerts.locationId, locationId),
          eq(replenishmentAlerts.status, 'open'),
        ),
      );
    return;
  }
  const [part] = await tx
    .select({ number: parts.partNumber, name: parts.name })
    .from(parts)
    .where(eq(parts.id, partId));
  const [loc] = await tx.select().from(stockLocations).where(eq(stockLocations.id, locationId));
  const keepers = await tx.execute<{
    id: string;
  }>(sql`select id from users where kind = 'staff' and not disabled
    and ('storekeeper' = any(roles) or id = ${loc?.keeperId ?? null})`);
  for (const k of keepers.rows) {
    await enqueueMessage(
      tx,
      {
        channel: 'in_app',
        recipient: k.id,
        template: 'parts.reorder',
        payload: {
          partId,
          partNumber: part?.number,
          partName: part?.name,
          locationName: loc?.name,
          available,
          suggested,
        },
        dedupeKey: `reorder:${inserted[0]!.id}:${k.id}`,
      },
      now,
    );
  }
  await writeAudit(tx, ctx, {
    action: 'stock.reorder-alert',
    entityType: 'part',
    entityId: partId,
    after: { locationId, available, reorderPoint: rule.reorderPoint, suggested },
  });
}

/** The daily pass over every reorder rule (catches rules set or changed without a movement). */
export async function checkAllReorderRules(ctx: Ctx) {
  const rules = await ctx.db.select().from(reorderRules).orderBy(asc(reorderRules.partId));
  for (const r of rules) {
    await ctx.db.transaction((tx) => checkReorder(tx, ctx, r.partId, r.locationId));
  }
  return rules.length;
}

export async function reservationsOf(ctx: Ctx, ticketId: string) {
  return ctx.db
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.ticketId, ticketId), sql`${stockReservations.open} > 0`));
}
