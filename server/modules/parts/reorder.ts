// Reorder points and the replenishment list. Each movement checks its location in its transaction
// (at or below the point: an alert, one open per part and location, storekeepers notified through
// the outbox; above it: the alert is closed); the daily job checks every rule.
import type { TReorderRuleRequest, TReplenishmentSuggestion } from '../../../common/parts-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound, postgresErrorOf } from '../../platform/errors.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { sendNotices } from '../notifications/index.ts';
import * as repo from './reorder-repository.ts';
import { availableAt } from './stock-repository.ts';
import { suggestedQuantity } from './stock-rules.ts';

/**
 * Compares what is available at a location with its reorder point: at or below it, an alert is
 * raised (one open per part and location) and the storekeepers hear of it; above it, the open alert
 * is closed. Called in the transaction of every movement, and daily for every rule.
 */
export async function checkReorder(tx: Executor, ctx: Ctx, partId: string, locationId: string) {
  const rule = await repo.findRule(tx, partId, locationId);
  if (!rule) return;
  const available = await availableAt(tx, partId, locationId);
  const now = ctx.clock.now();
  if (available > rule.reorderPoint) return repo.closeOpenAlert(tx, partId, locationId, now);
  const suggested = suggestedQuantity(available, rule);
  const alert = await repo.insertAlert(tx, {
    partId,
    locationId,
    available,
    reorderPoint: rule.reorderPoint,
    suggestedQuantity: suggested,
    createdAt: now,
  });
  if (!alert)
    return repo.updateOpenAlert(tx, partId, locationId, { available, suggestedQuantity: suggested });
  const { part, location } = await repo.alertSubject(tx, partId, locationId);
  // Storekeepers and the location's keeper, on the channels each chose for reorder alerts.
  const partLabel = `${part?.number ?? ''} ${part?.name ?? ''}`.trim();
  await sendNotices(tx, ctx, [
    {
      kind: 'parts.reorder',
      userIds: await activeStaffIds(tx, ['storekeeper'], [location?.keeperId]),
      payload: {
        partId,
        partNumber: part?.number,
        partName: part?.name,
        locationName: location?.name,
        available,
        suggested,
      },
      render: (locale) =>
        locale.startsWith('en')
          ? {
              subject: `Reorder ${partLabel}`,
              text: `${partLabel}: ${available} left at ${location?.name ?? ''}; reorder ${suggested}.`,
            }
          : {
              subject: `补货提醒：${partLabel}`,
              text: `${partLabel} 在 ${location?.name ?? ''} 仅剩 ${available}，建议补货 ${suggested}。`,
            },
      dedupeKey: `reorder:${alert.id}`,
    },
  ]);
  await writeAudit(tx, ctx, {
    action: 'stock.reorder-alert',
    entityType: 'part',
    entityId: partId,
    after: { locationId, available, reorderPoint: rule.reorderPoint, suggested },
  });
}

/** The daily pass over every reorder rule (catches rules set or changed without a movement). */
export async function checkAllReorderRules(ctx: Ctx) {
  const rules = await repo.allRules(ctx.db);
  for (const r of rules) {
    await ctx.db.transaction((tx) => checkReorder(tx, ctx, r.partId, r.locationId));
  }
  return rules.length;
}

export async function setReorderRule(ctx: Ctx, input: TReorderRuleRequest) {
  return ctx.db.transaction(async (tx) => {
    await repo.upsertRule(tx, input, ctx.clock.now()).catch((err) => {
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
    const before = await repo.deleteRule(tx, partId, locationId);
    if (!before) throw notFound('Reorder rule');
    await repo.closeOpenAlert(tx, partId, locationId, ctx.clock.now());
    await writeAudit(tx, ctx, {
      action: 'stock.reorder-rule-delete',
      entityType: 'part',
      entityId: partId,
      before,
    });
  });
}

/** Open replenishment suggestions, by location: what to order or transfer, and how much. */
export async function replenishmentList(ctx: Ctx): Promise<TReplenishmentSuggestion[]> {
  const rows = await repo.openAlerts(ctx.db);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
