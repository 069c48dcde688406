// The primitives every movement is made of: change a level, append a ledger line, all in one
// transaction whose CHECK refusals become a 409 naming the shortage. Increments are upserts;
// decrements and reservations are updates of existing rows (an upsert's proposed row would be
// checked on its own).
import { addMonths } from '../../../common/calendar-dates.ts';
import type { TStockMovement, TWorkRef } from '../../../common/parts-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalidField, postgresErrorOf } from '../../platform/errors.ts';
import { assertReferences } from '../../platform/references.ts';
import type { stockMovements } from './schema.ts';
import * as repo from './stock-repository.ts';

/** The spare-parts shelf-warranty limit when the part sets none (篇4 c.1: 5 years). */
export const DEFAULT_SHELF_WARRANTY_MONTHS = 60;

export const shortage = (message: string) => new AppError(409, 'Not enough stock', message);

/** Only the work reference of an input goes into the ledger line (never its quantities). */
export const workRefOf = (w: TWorkRef): TWorkRef => ({
  ticketId: w.ticketId,
  workOrderRef: w.workOrderRef,
  reason: w.reason,
});

/** The equipment a part is fitted to: on record and within the caller's reach, else 422 naming `assetId`. */
export async function fittedAsset(tx: Executor, ctx: Ctx, assetId: string | null | undefined) {
  if (!assetId) return null;
  await assertReferences(ctx, null, [{ field: 'assetId', kind: 'asset', ids: assetId }], tx);
  return assetId;
}

export async function requirePart(tx: Executor, id: string) {
  const part = await repo.findPart(tx, id);
  if (!part) throw invalidField('partId', 'no such part');
  return part;
}

/** Changes on hand and reserved of a level; taking away or reserving needs the row to exist. */
export async function changeLevel(
  tx: Executor,
  key: repo.LevelKey,
  onHand: number,
  reserved: number,
  at: Date,
) {
  if (onHand >= 0 && reserved === 0) return repo.addToLevel(tx, key, onHand, at);
  if (!(await repo.changeExistingLevel(tx, key, onHand, reserved, at)))
    throw shortage('There is no such stock at this location');
}

type MovementInput = Omit<
  typeof stockMovements.$inferInsert,
  'id' | 'at' | 'actorId' | 'actorLabel' | 'condition' | 'ticketId' | 'workOrderRef' | 'reason'
> & { condition?: 'good' | 'defective' } & TWorkRef;

/** Appends a ledger line by the caller, now. */
export async function record(tx: Executor, ctx: Ctx, m: MovementInput) {
  return repo.insertMovement(tx, {
    at: ctx.clock.now(),
    condition: 'good',
    actorId: ctx.principal.userId,
    actorLabel: ctx.principal.label,
    ...m,
    ticketId: m.ticketId ?? null,
    workOrderRef: m.workOrderRef ?? null,
    reason: m.reason ?? null,
  });
}

export const movementOut = (m: repo.MovementRow): TStockMovement => ({ ...m, at: m.at.toISOString() });

/** Runs a movement in one transaction; the database's CHECKs turn into a clear 409. */
export async function moving<T>(ctx: Ctx, work: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (err) {
    const pg = postgresErrorOf(err);
    if (pg.code === '23514' && pg.constraint?.startsWith('stock_levels'))
      throw shortage('The movement would take more than the available stock');
    throw err;
  }
}

/** The part's batch with this code, received on `receivedOn` (its shelf warranty runs from then). */
export async function batchOf(
  tx: Executor,
  part: repo.PartRow,
  code: string,
  receivedOn: string,
  supplier: string | null = null,
) {
  const months = part.shelfLifeMonths ?? DEFAULT_SHELF_WARRANTY_MONTHS;
  return repo.ensureBatch(tx, {
    partId: part.id,
    code,
    receivedOn,
    shelfWarrantyEndsOn: addMonths(receivedOn, months),
    supplier,
  });
}

/** A count adjustment (from an approved stock-taking), in either direction. */
export async function adjust(
  tx: Executor,
  ctx: Ctx,
  line: repo.LevelKey & { delta: number; countId: string },
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
