// The SQL of reorder rules and replenishment alerts.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { parts, reorderRules, replenishmentAlerts, stockLocations } from './schema.ts';

export type ReorderRuleRow = typeof reorderRules.$inferSelect;
type AlertRow = typeof replenishmentAlerts.$inferSelect;

const ruleOf = (partId: string, locationId: string) =>
  and(eq(reorderRules.partId, partId), eq(reorderRules.locationId, locationId));
const openAlertOf = (partId: string, locationId: string) =>
  and(
    eq(replenishmentAlerts.partId, partId),
    eq(replenishmentAlerts.locationId, locationId),
    eq(replenishmentAlerts.status, 'open'),
  );

export async function findRule(db: Executor, partId: string, locationId: string) {
  const [rule] = await db.select().from(reorderRules).where(ruleOf(partId, locationId));
  return rule;
}

export function allRules(db: Executor): Promise<ReorderRuleRow[]> {
  return db.select().from(reorderRules).orderBy(asc(reorderRules.partId));
}

export async function upsertRule(
  tx: Executor,
  rule: { partId: string; locationId: string; reorderPoint: number; reorderQuantity: number },
  at: Date,
) {
  await tx
    .insert(reorderRules)
    .values({ ...rule, updatedAt: at })
    .onConflictDoUpdate({
      target: [reorderRules.partId, reorderRules.locationId],
      set: { reorderPoint: rule.reorderPoint, reorderQuantity: rule.reorderQuantity, updatedAt: at },
    });
}

export async function deleteRule(tx: Executor, partId: string, locationId: string) {
  const [row] = await tx.delete(reorderRules).where(ruleOf(partId, locationId)).returning();
  return row;
}

export async function closeOpenAlert(tx: Executor, partId: string, locationId: string, at: Date) {
  await tx
    .update(replenishmentAlerts)
    .set({ status: 'done', closedAt: at })
    .where(openAlertOf(partId, locationId));
}

/** Opens an alert unless one is open already (then undefined). */
export async function insertAlert(
  tx: Executor,
  alert: Pick<
    AlertRow,
    'partId' | 'locationId' | 'available' | 'reorderPoint' | 'suggestedQuantity' | 'createdAt'
  >,
): Promise<AlertRow | undefined> {
  const [row] = await tx.insert(replenishmentAlerts).values(alert).onConflictDoNothing().returning();
  return row;
}

export async function updateOpenAlert(
  tx: Executor,
  partId: string,
  locationId: string,
  values: { available: number; suggestedQuantity: number },
) {
  await tx.update(replenishmentAlerts).set(values).where(openAlertOf(partId, locationId));
}

/** What an alert's message names: the part and the location. */
export async function alertSubject(tx: Executor, partId: string, locationId: string) {
  const [part] = await tx
    .select({ number: parts.partNumber, name: parts.name })
    .from(parts)
    .where(eq(parts.id, partId));
  const [loc] = await tx
    .select({ name: stockLocations.name, keeperId: stockLocations.keeperId })
    .from(stockLocations)
    .where(eq(stockLocations.id, locationId));
  return { part, location: loc };
}

/** Open alerts with their part and location, by location code and part number. */
export function openAlerts(db: Executor) {
  return db
    .select({
      id: replenishmentAlerts.id,
      partId: parts.id,
      partNumber: parts.partNumber,
      partName: parts.name,
      specification: parts.specification,
      unit: parts.unit,
      costFen: parts.costFen,
      locationId: stockLocations.id,
      locationName: stockLocations.name,
      available: replenishmentAlerts.available,
      reorderPoint: replenishmentAlerts.reorderPoint,
      suggestedQuantity: replenishmentAlerts.suggestedQuantity,
      createdAt: replenishmentAlerts.createdAt,
    })
    .from(replenishmentAlerts)
    .innerJoin(parts, eq(parts.id, replenishmentAlerts.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, replenishmentAlerts.locationId))
    .where(eq(replenishmentAlerts.status, 'open'))
    .orderBy(asc(stockLocations.code), asc(parts.partNumber));
}
