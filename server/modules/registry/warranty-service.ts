// Warranty questions asked of the registry: coverage of an asset on a date, and the warranty window a
// replacement carries. The rules themselves are pure, in common/warranty.ts.
import type { Ctx } from '../../platform/context.ts';
import { getAssetRow } from './asset-service.ts';

/** Placeholder until the rules engine lands: the replacement keeps the old unit's window. */
export async function replacementWindow(ctx: Ctx, assetId: string, _replacedOn: string) {
  const old = await getAssetRow(ctx, assetId);
  return { start: old.warrantyStart ?? old.acceptanceDate, end: old.warrantyEnd };
}
