// The SQL of stock: locations, batches, levels (locked oldest batch first), the ledger and
// reservations. No policy here; the services decide.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { TStockCondition } from '../../../common/parts-api.ts';
import type { Executor } from '../../db/pool.ts';
import {
  parts,
  stockBatches,
  stockLevels,
  stockLocations,
  stockMovements,
  stockReservations,
} from './schema.ts';
import type { Lot } from './stock-rules.ts';

export type PartRow = typeof parts.$inferSelect;
export type LocationRow = typeof stockLocations.$inferSelect;
export type BatchRow = typeof stockBatches.$inferSelect;
export type MovementRow = typeof stockMovements.$inferSelect;
export type ReservationRow = typeof stockReservations.$inferSelect;

export interface LevelKey {
  locationId: string;
  partId: string;
  batchId: string;
  condition: TStockCondition;
}

export async function findLocation(db: Executor, id: string): Promise<LocationRow | undefined> {
  const [loc] = await db.select().from(stockLocations).where(eq(stockLocations.id, id));
  return loc;
}

export async function locationIdsKeptBy(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(eq(stockLocations.keeperId, userId));
  return rows.map((r) => r.id);
}

export function activeLocations(db: Executor): Promise<LocationRow[]> {
  return db.select().from(stockLocations).where(eq(stockLocations.active, true));
}

export async function findPart(db: Executor, id: string): Promise<PartRow | undefined> {
  const [part] = await db.select().from(parts).where(eq(parts.id, id));
  return part;
}

/** The part with this part number (case-insensitive, the catalogue's unique index). */
export async function findPartByNumber(db: Executor, partNumber: string): Promise<PartRow | undefined> {
  const [part] = await db.select().from(parts).where(sql`lower(${parts.partNumber}) = lower(${partNumber})`);
  return part;
}

/** Stock of a part at a location in one condition, oldest batch first, locked for this transaction. */
export async function lockLots(
  tx: Executor,
  partId: string,
  locationId: string,
  condition: TStockCondition,
): Promise<Lot[]> {
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
  return rows.rows.map((r) => ({
    batchId: r.batch_id,
    batchCode: r.code,
    shelfWarrantyEndsOn: r.shelf_warranty_ends_on,
    onHand: r.on_hand,
    reserved: r.reserved,
  }));
}

/** Locks every level row of a location, in key order (before a count's adjustments are posted). */
export async function lockLocationLevels(tx: Executor, locationId: string) {
  await tx.execute(sql`select 1 from stock_levels where location_id = ${locationId}
    order by part_id, batch_id, condition for update`);
}

/** Adds to a level, creating its row if needed. */
export async function addToLevel(tx: Executor, key: LevelKey, onHand: number, at: Date) {
  await tx
    .insert(stockLevels)
    .values({ ...key, onHand, reserved: 0, updatedAt: at })
    .onConflictDoUpdate({
      target: [stockLevels.locationId, stockLevels.partId, stockLevels.batchId, stockLevels.condition],
      set: { onHand: sql`${stockLevels.onHand} + ${onHand}`, updatedAt: at },
    });
}

/** Changes an existing level by the deltas; false when there is no such row. */
export async function changeExistingLevel(
  tx: Executor,
  key: LevelKey,
  onHand: number,
  reserved: number,
  at: Date,
): Promise<boolean> {
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
  return rows.length > 0;
}

/** Good stock available (on hand − reserved) of a part at a location. */
export async function availableAt(db: Executor, partId: string, locationId: string): Promise<number> {
  const [row] = (
    await db.execute<{
      n: number;
    }>(sql`select coalesce(sum(on_hand - reserved), 0)::int as n from stock_levels
      where part_id = ${partId} and location_id = ${locationId} and condition = 'good'`)
  ).rows;
  return row?.n ?? 0;
}

export async function insertMovement(
  tx: Executor,
  values: typeof stockMovements.$inferInsert,
): Promise<MovementRow> {
  const [row] = await tx.insert(stockMovements).values(values).returning();
  return row!;
}

/** The batch of a part with this code, created (with its shelf-warranty end) when new. */
export async function ensureBatch(
  tx: Executor,
  values: {
    partId: string;
    code: string;
    receivedOn: string;
    shelfWarrantyEndsOn: string | null;
    supplier?: string | null;
  },
): Promise<BatchRow> {
  await tx.insert(stockBatches).values(values).onConflictDoNothing();
  const [batch] = await tx
    .select()
    .from(stockBatches)
    .where(and(eq(stockBatches.partId, values.partId), eq(stockBatches.code, values.code)));
  return batch!;
}

export async function findBatch(db: Executor, id: string): Promise<BatchRow | undefined> {
  const [b] = await db.select().from(stockBatches).where(eq(stockBatches.id, id));
  return b;
}

export async function newestBatchOf(db: Executor, partId: string): Promise<BatchRow | undefined> {
  const [b] = await db
    .select()
    .from(stockBatches)
    .where(eq(stockBatches.partId, partId))
    .orderBy(desc(stockBatches.receivedOn))
    .limit(1);
  return b;
}

export async function insertReservation(
  tx: Executor,
  values: typeof stockReservations.$inferInsert,
): Promise<ReservationRow> {
  const [r] = await tx.insert(stockReservations).values(values).returning();
  return r!;
}

export async function lockReservation(tx: Executor, id: string): Promise<ReservationRow | undefined> {
  const [r] = await tx.select().from(stockReservations).where(eq(stockReservations.id, id)).for('update');
  return r;
}

export async function reduceReservation(tx: Executor, id: string, quantity: number): Promise<ReservationRow> {
  const [after] = await tx
    .update(stockReservations)
    .set({ open: sql`${stockReservations.open} - ${quantity}` })
    .where(eq(stockReservations.id, id))
    .returning();
  return after!;
}

export function openReservationsOfTicket(db: Executor, ticketId: string): Promise<ReservationRow[]> {
  return db
    .select()
    .from(stockReservations)
    .where(and(eq(stockReservations.ticketId, ticketId), sql`${stockReservations.open} > 0`));
}
