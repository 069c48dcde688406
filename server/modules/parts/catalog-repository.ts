// The SQL of the catalogue and the locations, and of reading stock (by part, by location, the ledger).
// `visible` is the set of locations a reading may cover ('all' or ids, never empty).
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { parts, reorderRules, stockBatches, stockLevels, stockLocations, stockMovements } from './schema.ts';

export type Visible = string[] | 'all';
type PartInsert = typeof parts.$inferInsert;
type LocationInsert = typeof stockLocations.$inferInsert;

export function listParts(db: Executor, q: string | undefined, after: CursorKey | null, limit: number) {
  const where: (SQL | undefined)[] = [];
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(parts.partNumber, like), ilike(parts.name, like), ilike(parts.specification, like)));
  }
  if (after) where.push(sql`(${parts.partNumber}, ${parts.id}) > (${String(after.v)}, ${after.id})`);
  return db
    .select()
    .from(parts)
    .where(and(...where))
    .orderBy(asc(parts.partNumber), asc(parts.id))
    .limit(limit);
}

/** On hand, available and defective per part, over the visible locations. */
export function stockTotals(db: Executor, partIds: string[], visible: Visible) {
  return db
    .select({
      partId: stockLevels.partId,
      onHand: sql<number>`coalesce(sum(${stockLevels.onHand}) filter (where ${stockLevels.condition} = 'good'), 0)::int`,
      available: sql<number>`coalesce(sum(${stockLevels.onHand} - ${stockLevels.reserved}) filter (where ${stockLevels.condition} = 'good'), 0)::int`,
      defective: sql<number>`coalesce(sum(${stockLevels.onHand}) filter (where ${stockLevels.condition} = 'defective'), 0)::int`,
    })
    .from(stockLevels)
    .where(
      and(
        inArray(stockLevels.partId, partIds),
        visible === 'all' ? undefined : inArray(stockLevels.locationId, visible),
      ),
    )
    .groupBy(stockLevels.partId);
}

export async function findPart(db: Executor, id: string) {
  const [part] = await db.select().from(parts).where(eq(parts.id, id));
  return part;
}

/** A part's stock by location and batch, over the visible locations. */
export function stockLinesOfPart(db: Executor, partId: string, visible: Visible) {
  return db
    .select({
      locationId: stockLevels.locationId,
      locationName: stockLocations.name,
      locationKind: stockLocations.kind,
      batchId: stockLevels.batchId,
      batchCode: stockBatches.code,
      supplier: stockBatches.supplier,
      receivedOn: stockBatches.receivedOn,
      shelfWarrantyEndsOn: stockBatches.shelfWarrantyEndsOn,
      condition: stockLevels.condition,
      onHand: stockLevels.onHand,
      reserved: stockLevels.reserved,
    })
    .from(stockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .innerJoin(stockBatches, eq(stockBatches.id, stockLevels.batchId))
    .where(
      and(
        eq(stockLevels.partId, partId),
        sql`${stockLevels.onHand} > 0`,
        visible === 'all' ? undefined : inArray(stockLevels.locationId, visible),
      ),
    )
    .orderBy(asc(stockLocations.code), asc(stockBatches.receivedOn));
}

export function reorderRulesOfPart(db: Executor, partId: string) {
  return db
    .select({
      locationId: reorderRules.locationId,
      locationName: stockLocations.name,
      reorderPoint: reorderRules.reorderPoint,
      reorderQuantity: reorderRules.reorderQuantity,
    })
    .from(reorderRules)
    .innerJoin(stockLocations, eq(stockLocations.id, reorderRules.locationId))
    .where(eq(reorderRules.partId, partId));
}

/** Good stock available of a part per active location (where there is some). */
export function availabilityOfPart(db: Executor, partId: string) {
  return db
    .select({
      locationId: stockLocations.id,
      locationName: stockLocations.name,
      kind: stockLocations.kind,
      region: stockLocations.region,
      keeperId: stockLocations.keeperId,
      available: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})::int`,
    })
    .from(stockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .where(
      and(eq(stockLevels.partId, partId), eq(stockLevels.condition, 'good'), eq(stockLocations.active, true)),
    )
    .groupBy(stockLocations.id)
    .having(sql`sum(${stockLevels.onHand} - ${stockLevels.reserved}) > 0`);
}

export async function insertPart(tx: Executor, values: PartInsert) {
  const [row] = await tx.insert(parts).values(values).returning();
  return row!;
}

/** A part's ledger lines, newest first, touching the visible locations. */
export function movementsOfPart(
  db: Executor,
  partId: string,
  visible: Visible,
  page: { limit: number; before?: number },
) {
  const from = sql`${stockMovements.fromLocationId}`;
  const to = sql`${stockMovements.toLocationId}`;
  return db
    .select({
      id: stockMovements.id,
      at: stockMovements.at,
      kind: stockMovements.kind,
      quantity: stockMovements.quantity,
      condition: stockMovements.condition,
      batchCode: stockBatches.code,
      fromLocationId: stockMovements.fromLocationId,
      toLocationId: stockMovements.toLocationId,
      fromName: sql<string | null>`(select name from stock_locations where id = ${from})`,
      toName: sql<string | null>`(select name from stock_locations where id = ${to})`,
      ticketId: stockMovements.ticketId,
      workOrderRef: stockMovements.workOrderRef,
      serial: stockMovements.serial,
      reason: stockMovements.reason,
      actorLabel: stockMovements.actorLabel,
    })
    .from(stockMovements)
    .innerJoin(stockBatches, eq(stockBatches.id, stockMovements.batchId))
    .where(
      and(
        eq(stockMovements.partId, partId),
        page.before ? sql`${stockMovements.id} < ${page.before}` : undefined,
        visible === 'all'
          ? undefined
          : or(
              inArray(stockMovements.fromLocationId, visible),
              inArray(stockMovements.toLocationId, visible),
            ),
      ),
    )
    .orderBy(desc(stockMovements.id))
    .limit(page.limit);
}

export function listLocations(db: Executor) {
  return db.select().from(stockLocations).orderBy(asc(stockLocations.kind), asc(stockLocations.code));
}

export async function insertLocation(tx: Executor, values: LocationInsert) {
  const [row] = await tx.insert(stockLocations).values(values).returning();
  return row!;
}

/** Stock held at a location (good and defective), by part number and batch age. */
export function stockAtLocation(db: Executor, locationId: string) {
  return db
    .select({
      partId: parts.id,
      partNumber: parts.partNumber,
      partName: parts.name,
      unit: parts.unit,
      batchId: stockBatches.id,
      batchCode: stockBatches.code,
      supplier: stockBatches.supplier,
      shelfWarrantyEndsOn: stockBatches.shelfWarrantyEndsOn,
      condition: stockLevels.condition,
      onHand: stockLevels.onHand,
      reserved: stockLevels.reserved,
    })
    .from(stockLevels)
    .innerJoin(parts, eq(parts.id, stockLevels.partId))
    .innerJoin(stockBatches, eq(stockBatches.id, stockLevels.batchId))
    .where(and(eq(stockLevels.locationId, locationId), sql`${stockLevels.onHand} > 0`))
    .orderBy(asc(parts.partNumber), asc(stockBatches.receivedOn));
}

/** Ids of the parts with these numbers (lower-cased), by lower-cased number. */
export async function partIdsByNumber(tx: Executor, lowerNumbers: string[]): Promise<Map<string, string>> {
  if (!lowerNumbers.length) return new Map();
  const rows = await tx
    .select({ id: parts.id, key: sql<string>`lower(${parts.partNumber})` })
    .from(parts)
    .where(
      sql`lower(${parts.partNumber}) in (${sql.join(
        lowerNumbers.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function insertParts(tx: Executor, rows: PartInsert[]) {
  if (rows.length) await tx.insert(parts).values(rows);
}

/** Overwrites a part's fields (an import row), bumping its version. */
export async function overwritePart(tx: Executor, id: string, values: Partial<PartInsert>, at: Date) {
  await tx
    .update(parts)
    .set({ ...values, version: sql`${parts.version} + 1`, updatedAt: at })
    .where(eq(parts.id, id));
}
