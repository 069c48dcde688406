// Who may touch which location: storekeepers and managers move stock anywhere (`stock.move_any`);
// a field engineer only in the locations he keeps; `stock.read_all` sees every location.
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField } from '../../platform/errors.ts';
import * as repo from './stock-repository.ts';

const canSeeAll = (ctx: Ctx) => ctx.principal.permissions.has('stock.read_all');
const canMoveAny = (ctx: Ctx) => ctx.principal.permissions.has('stock.move_any');

export async function getLocation(ctx: Ctx, id: string, field = 'locationId') {
  const loc = await repo.findLocation(ctx.db, id);
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
  if (!ctx.principal.userId) return [];
  return repo.locationIdsKeptBy(ctx.db, ctx.principal.userId);
}
