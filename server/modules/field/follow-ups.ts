// Follow-up visits (回访) after completed work, and the delay after which one is due (篇1 四.3: 3
// days — the seed's number is the default; a manager changes it).
import {
  DEFAULT_FOLLOW_UP_DELAY_DAYS,
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

export async function getFieldSettings(ctx: Ctx): Promise<TFieldSettings> {
  const row = await repo.findSettings(ctx.db);
  return {
    followUpDelayDays: row?.followUpDelayDays ?? DEFAULT_FOLLOW_UP_DELAY_DAYS,
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
      { followUpDelayDays: input.followUpDelayDays, updatedBy: ctx.principal.userId },
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
