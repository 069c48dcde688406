// The field settings: travel rates per km (the follow-up delay after a repair moved to the followups
// module, which owns follow-ups).
import {
  DEFAULT_TRAVEL_COST_RATE_PER_KM_FEN,
  DEFAULT_TRAVEL_RATE_PER_KM_FEN,
  type TFieldSettings,
  type TUpdateFieldSettingsRequest,
} from '../../../common/field-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { staleVersion } from '../../platform/errors.ts';
import * as repo from './repository.ts';

/** Fen per km of travel: by the fee schedule, and at cost (篇4 g.7–8). */
export async function travelRatesPerKm(db: Executor): Promise<{ standard: number; atCost: number }> {
  const row = await repo.findSettings(db);
  return {
    standard: row?.travelRatePerKmFen ?? DEFAULT_TRAVEL_RATE_PER_KM_FEN,
    atCost: row?.travelCostRatePerKmFen ?? DEFAULT_TRAVEL_COST_RATE_PER_KM_FEN,
  };
}

export async function getFieldSettings(ctx: Ctx): Promise<TFieldSettings> {
  const row = await repo.findSettings(ctx.db);
  return {
    travelRatePerKmFen: row?.travelRatePerKmFen ?? DEFAULT_TRAVEL_RATE_PER_KM_FEN,
    travelCostRatePerKmFen: row?.travelCostRatePerKmFen ?? DEFAULT_TRAVEL_COST_RATE_PER_KM_FEN,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function updateFieldSettings(ctx: Ctx, input: TUpdateFieldSettingsRequest) {
  const before = await getFieldSettings(ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.upsertSettings(
      tx,
      input.version,
      {
        travelRatePerKmFen: input.travelRatePerKmFen ?? before.travelRatePerKmFen,
        travelCostRatePerKmFen: input.travelCostRatePerKmFen ?? before.travelCostRatePerKmFen,
        updatedBy: ctx.principal.userId,
      },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && input.version !== 0)) throw staleVersion('Field settings');
    await writeAudit(tx, ctx, {
      action: 'field.settings',
      entityType: 'field_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return getFieldSettings(ctx);
}
