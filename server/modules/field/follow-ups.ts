// Follow-up visits (回访) after completed work, and the delay after which one is due (篇1 四.3: 3
// days — the seed's number is the default; a manager changes it).
import {
  DEFAULT_FOLLOW_UP_DELAY_DAYS,
  DEFAULT_TRAVEL_COST_RATE_PER_KM_FEN,
  DEFAULT_TRAVEL_RATE_PER_KM_FEN,
  type TFieldSettings,
  type TFollowUp,
  type TUpdateFieldSettingsRequest,
} from '../../../common/field-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { staleVersion } from '../../platform/errors.ts';
import { customerFacts } from '../registry/index.ts';
import * as repo from './repository.ts';

export async function followUpDelayDays(db: Executor): Promise<number> {
  return (await repo.findSettings(db))?.followUpDelayDays ?? DEFAULT_FOLLOW_UP_DELAY_DAYS;
}

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
    followUpDelayDays: row?.followUpDelayDays ?? DEFAULT_FOLLOW_UP_DELAY_DAYS,
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
        followUpDelayDays: input.followUpDelayDays ?? before.followUpDelayDays,
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

/** Follow-up visits due (the customer-care module works them). */
export async function openFollowUps(ctx: Ctx): Promise<TFollowUp[]> {
  const rows = await repo.openFollowUps(ctx.db, 200);
  const customers = await customerFacts(
    ctx.db,
    rows.map((r) => r.customerId),
  );
  return rows.flatMap((r) => {
    const customer = customers.get(r.customerId);
    if (!customer) return [];
    return [
      {
        id: r.id,
        dueAt: r.dueAt.toISOString(),
        workOrderNumber: r.number,
        customerName: customer.name,
        ticketId: r.ticketId,
      },
    ];
  });
}
