// A unit a customer returned (退货, 篇3 5) enters the stock through the ledger: defective stock kept
// apart, or restocked as good, one movement of kind `customer_return` that names the RMA. The
// returns module asks in its own transaction, after its own permission check (a manager deciding a
// return need not keep the warehouse), so this checks the location and the part only.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { batchOf, changeLevel, movementOut, record } from './ledger.ts';
import { checkReorder } from './reorder.ts';
import * as repo from './stock-repository.ts';

/**
 * The catalogue part a returned product is stocked as: the part named, or else the active part
 * whose part number is the product's model (a unit sold as it is kept). Null: the product is not stocked.
 */
export async function partForReturnedProduct(
  db: Executor,
  input: { partId?: string | null; productModel: string },
): Promise<{ id: string; partNumber: string; name: string } | null> {
  const part = input.partId
    ? await repo.findPart(db, input.partId)
    : await repo.findPartByNumber(db, input.productModel);
  if (!part?.active) return null;
  return { id: part.id, partNumber: part.partNumber, name: part.name };
}

export async function receiveCustomerReturn(
  tx: Executor,
  ctx: Ctx,
  input: {
    partId: string;
    locationId: string;
    condition: 'good' | 'defective';
    serial: string;
    rmaNumber: string;
    field?: string;
  },
) {
  const field = input.field ?? 'locationId';
  const location = await repo.findLocation(tx, input.locationId);
  if (!location) throw invalidField(field, 'no such stock location');
  if (!location.active) throw invalidField(field, 'the location is closed');
  const part = await repo.findPart(tx, input.partId);
  if (!part) throw invalidField('partId', 'no such part');
  const now = ctx.clock.now();
  const today = toLocalDate(now, ctx.timeZone);
  const batch = await batchOf(tx, part, `RMA${today.replaceAll('-', '')}`, today);
  const key = { locationId: location.id, partId: part.id, batchId: batch.id, condition: input.condition };
  await changeLevel(tx, key, 1, 0, now);
  const movement = await record(tx, ctx, {
    kind: 'customer_return',
    partId: part.id,
    batchId: batch.id,
    condition: input.condition,
    toLocationId: location.id,
    quantity: 1,
    serial: input.serial,
    workOrderRef: input.rmaNumber,
  });
  if (input.condition === 'good') await checkReorder(tx, ctx, part.id, location.id);
  return { ...movementOut(movement), locationName: location.name, partNumber: part.partNumber };
}
