// The SQL of stock-taking: counts, their lines (snapshot of the books, counted quantities) and the
// "found" batches of parts the books did not expect.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { parts, stockBatches, stockCountLines, stockCounts, stockLocations } from './schema.ts';

export type CountRow = typeof stockCounts.$inferSelect;
export type CountLineInsert = typeof stockCountLines.$inferInsert;

export async function findCountInProgress(tx: Executor, locationId: string) {
  const [open] = await tx
    .select({ id: stockCounts.id })
    .from(stockCounts)
    .where(and(eq(stockCounts.locationId, locationId), sql`${stockCounts.status} in ('open', 'submitted')`));
  return open;
}

export async function insertCount(tx: Executor, values: typeof stockCounts.$inferInsert) {
  const [count] = await tx.insert(stockCounts).values(values).returning();
  return count!;
}

/** The expected lines of a count: what the books hold at its location now. */
export async function snapshotExpected(tx: Executor, countId: string, locationId: string) {
  await tx.execute(sql`insert into stock_count_lines (count_id, part_id, batch_id, condition, expected)
    select ${countId}, part_id, batch_id, condition, on_hand from stock_levels
    where location_id = ${locationId} and on_hand > 0`);
}

export async function findCount(db: Executor, id: string): Promise<CountRow | undefined> {
  const [count] = await db.select().from(stockCounts).where(eq(stockCounts.id, id));
  return count;
}

export function linesOfCount(db: Executor, countId: string) {
  return db
    .select({
      partId: stockCountLines.partId,
      partNumber: parts.partNumber,
      partName: parts.name,
      unit: parts.unit,
      costFen: parts.costFen,
      batchId: stockCountLines.batchId,
      batchCode: stockBatches.code,
      condition: stockCountLines.condition,
      expected: stockCountLines.expected,
      counted: stockCountLines.counted,
    })
    .from(stockCountLines)
    .innerJoin(parts, eq(parts.id, stockCountLines.partId))
    .innerJoin(stockBatches, eq(stockBatches.id, stockCountLines.batchId))
    .where(eq(stockCountLines.countId, countId))
    .orderBy(asc(parts.partNumber), asc(stockBatches.code));
}

export function countsOfLocation(db: Executor, locationId: string, limit: number) {
  return db
    .select()
    .from(stockCounts)
    .where(eq(stockCounts.locationId, locationId))
    .orderBy(desc(stockCounts.openedAt))
    .limit(limit);
}

export async function existingPartIds(tx: Executor, ids: string[]): Promise<Set<string>> {
  const rows = await tx.select({ id: parts.id }).from(parts).where(inArray(parts.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function insertFoundBatches(tx: Executor, partIds: string[], code: string, receivedOn: string) {
  await tx
    .insert(stockBatches)
    .values(partIds.map((partId) => ({ partId, code, receivedOn })))
    .onConflictDoNothing();
}

/** The batches with these ids, and the batches of `code` of these parts. */
export function batchesByIdOrCode(tx: Executor, ids: string[], partIds: string[], code: string) {
  return tx
    .select()
    .from(stockBatches)
    .where(
      or(
        ids.length ? inArray(stockBatches.id, ids) : undefined,
        partIds.length ? and(inArray(stockBatches.partId, partIds), eq(stockBatches.code, code)) : undefined,
      ),
    );
}

/** Writes counted quantities, one statement (a line already there takes the new count). */
export async function upsertCountLines(tx: Executor, rows: CountLineInsert[]) {
  await tx
    .insert(stockCountLines)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        stockCountLines.countId,
        stockCountLines.partId,
        stockCountLines.batchId,
        stockCountLines.condition,
      ],
      set: { counted: sql`excluded.counted` },
    });
}

export async function locationName(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ name: stockLocations.name })
    .from(stockLocations)
    .where(eq(stockLocations.id, id));
  return row?.name;
}
