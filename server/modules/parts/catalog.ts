// The parts catalogue and the stock locations; reading stock (by part, by location), the ledger,
// reorder rules and the replenishment list.
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidField, notFound, postgresErrorOf } from '../../platform/errors.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import {
  parts,
  reorderRules,
  replenishmentAlerts,
  stockBatches,
  stockLevels,
  stockLocations,
  stockMovements,
} from './schema.ts';
import { checkReorder, visibleLocationIds } from './stock.ts';

export type PartInput = Omit<typeof parts.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type LocationInput = Omit<
  typeof stockLocations.$inferInsert,
  'id' | 'version' | 'createdAt' | 'updatedAt'
>;

const iso = <T extends { createdAt: Date; updatedAt: Date }>(r: T) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

function duplicate(err: unknown, field: string, what: string): never {
  if (postgresErrorOf(err).code === '23505')
    throw conflict(`${what} already exists`, [{ field, message: 'already used' }]);
  throw err;
}

// ---------- parts ----------

export async function listParts(ctx: Ctx, query: { q?: string; limit: number }, after: CursorKey | null) {
  const where: (SQL | undefined)[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(parts.partNumber, like), ilike(parts.name, like), ilike(parts.specification, like)));
  }
  if (after) where.push(sql`(${parts.partNumber}, ${parts.id}) > (${String(after.v)}, ${after.id})`);
  const rows = await ctx.db
    .select()
    .from(parts)
    .where(and(...where))
    .orderBy(asc(parts.partNumber), asc(parts.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (p) => ({ v: p.partNumber, id: p.id }));
  const totals = await stockTotals(
    ctx,
    page.items.map((p) => p.id),
  );
  return {
    items: page.items.map((p) => ({
      ...iso(p),
      stock: totals.get(p.id) ?? { onHand: 0, available: 0, defective: 0 },
    })),
    nextCursor: page.nextCursor,
  };
}

/** On hand, available and defective per part, over the locations the caller may see. */
async function stockTotals(ctx: Ctx, partIds: string[]) {
  const out = new Map<string, { onHand: number; available: number; defective: number }>();
  if (!partIds.length) return out;
  const visible = await visibleLocationIds(ctx);
  if (visible !== 'all' && !visible.length) return out;
  const rows = await ctx.db
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
  for (const { partId, ...r } of rows) out.set(partId, r);
  return out;
}

export async function getPart(ctx: Ctx, id: string) {
  const [part] = await ctx.db.select().from(parts).where(eq(parts.id, id));
  if (!part) throw notFound('Part');
  const visible = await visibleLocationIds(ctx);
  const stock =
    visible !== 'all' && !visible.length
      ? []
      : await ctx.db
          .select({
            locationId: stockLevels.locationId,
            locationName: stockLocations.name,
            locationKind: stockLocations.kind,
            batchId: stockLevels.batchId,
            batchCode: stockBatches.code,
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
              eq(stockLevels.partId, id),
              sql`${stockLevels.onHand} > 0`,
              visible === 'all' ? undefined : inArray(stockLevels.locationId, visible),
            ),
          )
          .orderBy(asc(stockLocations.code), asc(stockBatches.receivedOn));
  const rules = await ctx.db
    .select({
      locationId: reorderRules.locationId,
      locationName: stockLocations.name,
      reorderPoint: reorderRules.reorderPoint,
      reorderQuantity: reorderRules.reorderQuantity,
    })
    .from(reorderRules)
    .innerJoin(stockLocations, eq(stockLocations.id, reorderRules.locationId))
    .where(eq(reorderRules.partId, id));
  return { ...iso(part), stockLines: stock, reorderRules: rules };
}

/**
 * Where a part is available, every location (quantities only): the engineer's own van first, then
 * by how much is there. For finding a part in an emergency.
 */
export async function availability(ctx: Ctx, partId: string) {
  const rows = await ctx.db
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
  const mine = (r: (typeof rows)[number]) => r.keeperId === ctx.principal.userId;
  return rows
    .sort((a, b) => Number(mine(b)) - Number(mine(a)) || b.available - a.available)
    .map(({ keeperId: _, ...r }) => ({ ...r, mine: _ === ctx.principal.userId }));
}

export async function createPart(ctx: Ctx, input: PartInput) {
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx.insert(parts).values(input).returning();
      await writeAudit(tx, ctx, { action: 'part.create', entityType: 'part', entityId: row!.id, after: row });
      return iso(row!);
    })
    .catch((err) => duplicate(err, 'partNumber', 'A part with this number'));
}

export async function updatePart(ctx: Ctx, id: string, input: Partial<PartInput> & { version: number }) {
  return ctx.db
    .transaction(async (tx) => {
      const { version, ...changes } = input;
      const [before] = await tx.select().from(parts).where(eq(parts.id, id));
      if (!before) throw notFound('Part');
      const after = await updateVersioned(tx, parts, 'Part', id, version, definedOnly(changes));
      await writeAudit(tx, ctx, { action: 'part.update', entityType: 'part', entityId: id, before, after });
      return iso(after);
    })
    .catch((err) => duplicate(err, 'partNumber', 'A part with this number'));
}

/** The ledger of a part (newest first), limited to the locations the caller may see. */
export async function partMovements(ctx: Ctx, partId: string, query: { limit: number; before?: number }) {
  const visible = await visibleLocationIds(ctx);
  if (visible !== 'all' && !visible.length) return { items: [], nextBefore: null };
  const from = sql`${stockMovements.fromLocationId}`;
  const to = sql`${stockMovements.toLocationId}`;
  const rows = await ctx.db
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
        query.before ? sql`${stockMovements.id} < ${query.before}` : undefined,
        visible === 'all'
          ? undefined
          : or(
              inArray(stockMovements.fromLocationId, visible),
              inArray(stockMovements.toLocationId, visible),
            ),
      ),
    )
    .orderBy(desc(stockMovements.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => ({ ...r, at: r.at.toISOString() }));
  return { items, nextBefore: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}

// ---------- locations ----------

export async function listLocations(ctx: Ctx) {
  const visible = await visibleLocationIds(ctx);
  const rows = await ctx.db
    .select()
    .from(stockLocations)
    .orderBy(asc(stockLocations.kind), asc(stockLocations.code));
  return rows.map(iso).map((l) => ({ ...l, visible: visible === 'all' || visible.includes(l.id) }));
}

export async function createLocation(ctx: Ctx, input: LocationInput) {
  await checkKeeper(ctx, input);
  return ctx.db
    .transaction(async (tx) => {
      const [row] = await tx.insert(stockLocations).values(input).returning();
      await writeAudit(tx, ctx, {
        action: 'stock-location.create',
        entityType: 'stock_location',
        entityId: row!.id,
        after: row,
      });
      return iso(row!);
    })
    .catch((err) => duplicate(err, 'code', 'A location with this code'));
}

export async function updateLocation(
  ctx: Ctx,
  id: string,
  input: Partial<LocationInput> & { version: number },
) {
  await checkKeeper(ctx, input);
  return ctx.db
    .transaction(async (tx) => {
      const { version, ...changes } = input;
      const after = await updateVersioned(tx, stockLocations, 'Location', id, version, definedOnly(changes));
      await writeAudit(tx, ctx, {
        action: 'stock-location.update',
        entityType: 'stock_location',
        entityId: id,
        after,
      });
      return iso(after);
    })
    .catch((err) => duplicate(err, 'code', 'A location with this code'));
}

async function checkKeeper(ctx: Ctx, input: Partial<LocationInput>) {
  if (!input.keeperId) return;
  const r = await ctx.db.execute<{ roles: string[] }>(
    sql`select roles from users where id = ${input.keeperId} and kind = 'staff' and not disabled`,
  );
  const roles = r.rows[0]?.roles;
  if (!roles) throw invalidField('keeperId', 'not an active staff member');
  if (input.kind === 'van' && !roles.includes('field_engineer'))
    throw invalidField('keeperId', "a van's keeper is a field engineer");
}

/** Stock held at a location (good and defective), for its keeper or those who see all. */
export async function locationStock(ctx: Ctx, locationId: string) {
  const visible = await visibleLocationIds(ctx);
  if (visible !== 'all' && !visible.includes(locationId)) throw forbidden('You see only the stock you keep');
  const rows = await ctx.db
    .select({
      partId: parts.id,
      partNumber: parts.partNumber,
      partName: parts.name,
      unit: parts.unit,
      batchId: stockBatches.id,
      batchCode: stockBatches.code,
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
  return rows;
}

// ---------- reorder rules and the replenishment list ----------

export async function setReorderRule(
  ctx: Ctx,
  input: { partId: string; locationId: string; reorderPoint: number; reorderQuantity: number },
) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await tx
      .insert(reorderRules)
      .values({ ...input, updatedAt: now })
      .onConflictDoUpdate({
        target: [reorderRules.partId, reorderRules.locationId],
        set: { reorderPoint: input.reorderPoint, reorderQuantity: input.reorderQuantity, updatedAt: now },
      })
      .catch((err) => {
        if (postgresErrorOf(err).code === '23503') throw invalidField('partId', 'no such part or location');
        throw err;
      });
    await writeAudit(tx, ctx, {
      action: 'stock.reorder-rule',
      entityType: 'part',
      entityId: input.partId,
      after: input,
    });
    // A rule set below what is there now raises its alert at once.
    await checkReorder(tx, ctx, input.partId, input.locationId);
    return input;
  });
}

export async function deleteReorderRule(ctx: Ctx, partId: string, locationId: string) {
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .delete(reorderRules)
      .where(and(eq(reorderRules.partId, partId), eq(reorderRules.locationId, locationId)))
      .returning();
    if (!rows.length) throw notFound('Reorder rule');
    await tx
      .update(replenishmentAlerts)
      .set({ status: 'done', closedAt: ctx.clock.now() })
      .where(
        and(
          eq(replenishmentAlerts.partId, partId),
          eq(replenishmentAlerts.locationId, locationId),
          eq(replenishmentAlerts.status, 'open'),
        ),
      );
    await writeAudit(tx, ctx, {
      action: 'stock.reorder-rule-delete',
      entityType: 'part',
      entityId: partId,
      before: rows[0],
    });
  });
}

/** Open replenishment suggestions, by location: what to order or transfer, and how much. */
export async function replenishmentList(ctx: Ctx) {
  const rows = await ctx.db
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
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
