// Stock movements: receipts, transfers, issues, returns and scrap. Each one locks the level rows it
// takes from (oldest batch first — a fixed order, so concurrent movements queue instead of
// deadlocking), changes on-hand, appends to the ledger and checks the reorder point, in one
// transaction. The database's CHECKs refuse any negative quantity whatever the code does.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TDefectiveReturnRequest,
  TIssueRequest,
  TReceiptRequest,
  TReturnRequest,
  TScrapRequest,
  TTransferRequest,
} from '../../../common/parts-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { checkMove, getLocation } from './access.ts';
import {
  batchOf,
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
import { expiredWarnings, takeFifo } from './stock-rules.ts';

export async function receive(ctx: Ctx, input: TReceiptRequest) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  const today = toLocalDate(now, ctx.timeZone);
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today) throw invalidField('receivedOn', 'cannot be in the future');
  return moving(ctx, async (tx) => {
    const part = await requirePart(tx, input.partId);
    const batch = await batchOf(
      tx,
      part,
      input.batchCode ?? `R${receivedOn.replaceAll('-', '')}`,
      receivedOn,
      input.supplier ?? null,
    );
    // A batch comes from one supplier: the supplier of an existing batch code is not rewritten.
    if (input.supplier && batch.supplier !== input.supplier)
      throw invalidField('supplier', `batch ${batch.code} was received from another supplier`);
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
      ...workRefOf(input),
    });
    await checkReorder(tx, ctx, part.id, input.locationId);
    return {
      movements: [movementOut(movement)],
      batch: { ...batch, createdAt: batch.createdAt.toISOString() },
    };
  });
}

export async function transfer(ctx: Ctx, input: TTransferRequest) {
  if (input.fromLocationId === input.toLocationId) throw invalidField('toLocationId', 'same as the source');
  // A field engineer may send back what is in his van; bringing stock into it is the storekeeper's.
  await checkMove(ctx, input.fromLocationId, 'fromLocationId');
  const to = await getLocation(ctx, input.toLocationId, 'toLocationId');
  if (!to.active) throw invalidField('toLocationId', 'the location is closed');
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    await requirePart(tx, input.partId);
    const lots = await repo.lockLots(tx, input.partId, input.fromLocationId, 'good');
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
          ...workRefOf(input),
        }),
      );
    }
    await checkReorder(tx, ctx, input.partId, input.fromLocationId);
    await checkReorder(tx, ctx, input.partId, input.toLocationId);
    return { movements: movements.map(movementOut) };
  });
}

/** Consumes parts without a reservation, oldest batches first; warns of ended shelf warranties. */
export async function issue(ctx: Ctx, input: TIssueRequest) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    await requirePart(tx, input.partId);
    const assetId = await fittedAsset(tx, ctx, input.assetId);
    const lots = await repo.lockLots(tx, input.partId, input.locationId, 'good');
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
          ...workRefOf(input),
          assetId,
        }),
      );
    }
    await checkReorder(tx, ctx, input.partId, input.locationId);
    return {
      movements: movements.map(movementOut),
      warnings: expiredWarnings(
        takes.map((t) => t.lot),
        toLocalDate(now, ctx.timeZone),
      ),
    };
  });
}

/** Unused parts come back into good stock, into the batch they left (or the newest one). */
export async function returnUnused(ctx: Ctx, input: TReturnRequest) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    const part = await requirePart(tx, input.partId);
    let batchId = input.batchId;
    if (batchId) {
      const b = await repo.findBatch(tx, batchId);
      if (b?.partId !== part.id) throw invalidField('batchId', 'not a batch of this part');
    } else {
      const b = await repo.newestBatchOf(tx, part.id);
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
      ...workRefOf(input),
    });
    await checkReorder(tx, ctx, part.id, input.locationId);
    return { movements: [movementOut(movement)] };
  });
}

/** A replaced part brought back (带回公司进行备案): defective stock, kept apart from good stock. */
export async function returnDefective(ctx: Ctx, input: TDefectiveReturnRequest) {
  await checkMove(ctx, input.locationId);
  const now = ctx.clock.now();
  const today = toLocalDate(now, ctx.timeZone);
  return moving(ctx, async (tx) => {
    const part = await requirePart(tx, input.partId);
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
      serial: input.serial ?? null,
      ...workRefOf(input),
    });
    return { movements: [movementOut(movement)] };
  });
}

export async function scrap(ctx: Ctx, input: TScrapRequest) {
  await checkMove(ctx, input.locationId);
  if (!input.reason) throw invalidField('reason', 'say why it is scrapped');
  const now = ctx.clock.now();
  return moving(ctx, async (tx) => {
    await requirePart(tx, input.partId);
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
      ...workRefOf(input),
    });
    await checkReorder(tx, ctx, input.partId, input.locationId);
    return { movements: [movementOut(movement)] };
  });
}
