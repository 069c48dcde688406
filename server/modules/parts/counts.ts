// Stock-taking (盘点): a count of one location snapshots what the books expect; counted quantities
// are entered (on a phone, line by line); the variance report shows the differences and their value;
// a manager's approval posts them as adjustments to the ledger. Adjustments are counted − expected,
// applied on top of the current stock, so movements during the count are kept.
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type { TEnterCountsRequest, TStockCount, TStockCountDetail } from '../../../common/parts-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { checkMove } from './access.ts';
import { notifyCountApprovers } from './count-notices.ts';
import * as repo from './count-repository.ts';
import { adjust, moving } from './ledger.ts';
import { checkReorder } from './reorder.ts';
import { stockCounts } from './schema.ts';
import { lockLocationLevels } from './stock-repository.ts';

const countOut = (c: repo.CountRow): TStockCount => ({
  ...c,
  openedAt: c.openedAt.toISOString(),
  submittedAt: c.submittedAt?.toISOString() ?? null,
  approvedAt: c.approvedAt?.toISOString() ?? null,
  updatedAt: c.updatedAt.toISOString(),
});

export async function openCount(ctx: Ctx, locationId: string) {
  await checkMove(ctx, locationId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await repo.findCountInProgress(tx, locationId);
    if (open)
      throw conflict('This location already has a count in progress', [
        { field: 'locationId', message: open.id },
      ]);
    const count = await repo.insertCount(tx, { locationId, openedBy: ctx.principal.userId, openedAt: now });
    await repo.snapshotExpected(tx, count.id, locationId);
    await writeAudit(tx, ctx, {
      action: 'stock-count.open',
      entityType: 'stock_count',
      entityId: count.id,
      after: count,
    });
    return countOut(count);
  });
}

export async function getCount(ctx: Ctx, id: string): Promise<TStockCountDetail> {
  const count = await repo.findCount(ctx.db, id);
  if (!count) throw notFound('Count');
  await checkMove(ctx, count.locationId).catch(() => {
    throw notFound('Count');
  });
  const lines = await repo.linesOfCount(ctx.db, id);
  const variance = lines.flatMap((l) => {
    if (l.counted === null || l.counted === l.expected) return [];
    const delta = l.counted - l.expected;
    return [{ ...l, variance: delta, valueFen: delta * (l.costFen ?? 0) }];
  });
  return {
    ...countOut(count),
    lines,
    variance,
    uncounted: lines.filter((l) => l.counted === null).length,
  };
}

export async function listCounts(ctx: Ctx, locationId: string): Promise<TStockCount[]> {
  await checkMove(ctx, locationId);
  return (await repo.countsOfLocation(ctx.db, locationId, 50)).map(countOut);
}

/** Enters counted quantities; a part found that the books did not expect gets a line of its own. */
export async function enterCounts(ctx: Ctx, id: string, input: TEnterCountsRequest) {
  const count = await getCount(ctx, id);
  if (count.status !== 'open') throw conflict('The count is no longer open');
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  const code = `FOUND${today.replaceAll('-', '')}`;
  await ctx.db.transaction(async (tx) => {
    // A part found that the books did not expect gets a "found" batch of today: one insert for all.
    const found = [...new Set(input.lines.filter((l) => !l.batchId).map((l) => l.partId))];
    if (found.length) {
      const known = await repo.existingPartIds(tx, found);
      const unknown = input.lines.findIndex((l) => !l.batchId && !known.has(l.partId));
      if (unknown >= 0) throw invalidField(`lines.${unknown}.partId`, 'no such part');
      await repo.insertFoundBatches(tx, found, code, today);
    }
    const given = input.lines.flatMap((l) => (l.batchId ? [l.batchId] : []));
    const batches = await repo.batchesByIdOrCode(tx, given, found, code);
    // One row per line key (the last entry wins), written in one statement.
    const rows = new Map<string, repo.CountLineInsert>();
    input.lines.forEach((line, i) => {
      const batch = line.batchId
        ? batches.find((b) => b.id === line.batchId)
        : batches.find((b) => b.partId === line.partId && b.code === code);
      if (batch?.partId !== line.partId) throw invalidField(`lines.${i}.batchId`, 'not a batch of this part');
      const condition = line.condition ?? 'good';
      rows.set(`${line.partId}:${batch.id}:${condition}`, {
        countId: id,
        partId: line.partId,
        batchId: batch.id,
        condition,
        expected: 0,
        counted: line.counted,
      });
    });
    await repo.upsertCountLines(tx, [...rows.values()]);
  });
  return getCount(ctx, id);
}

export async function submitCount(ctx: Ctx, id: string, version: number) {
  const count = await getCount(ctx, id);
  if (count.status !== 'open') throw conflict('The count is no longer open');
  if (count.uncounted > 0) throw invalidField('lines', `${count.uncounted} lines are not counted yet`);
  await ctx.db.transaction(async (tx) => {
    await updateVersioned(tx, stockCounts, 'Count', id, version, {
      status: 'submitted',
      submittedAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, { action: 'stock-count.submit', entityType: 'stock_count', entityId: id });
    await notifyCountApprovers(tx, ctx, {
      id,
      locationId: count.locationId,
      version,
      variances: count.variance.length,
    });
  });
  return getCount(ctx, id);
}

/** A manager approves: each variance becomes an adjustment in the ledger, in one transaction. */
export async function approveCount(ctx: Ctx, id: string, version: number) {
  const count = await getCount(ctx, id);
  if (count.status !== 'submitted') throw conflict('Only a submitted count can be approved');
  await moving(ctx, async (tx) => {
    await updateVersioned(tx, stockCounts, 'Count', id, version, {
      status: 'approved',
      approvedBy: ctx.principal.userId,
      approvedAt: ctx.clock.now(),
    });
    // Lock the location's levels first, in key order, then post.
    await lockLocationLevels(tx, count.locationId);
    for (const v of count.variance) {
      await adjust(tx, ctx, {
        locationId: count.locationId,
        partId: v.partId,
        batchId: v.batchId,
        condition: v.condition,
        delta: v.variance,
        countId: id,
      });
    }
    for (const partId of new Set(count.variance.map((v) => v.partId))) {
      await checkReorder(tx, ctx, partId, count.locationId);
    }
    await writeAudit(tx, ctx, {
      action: 'stock-count.approve',
      entityType: 'stock_count',
      entityId: id,
      after: { adjustments: count.variance.length },
    });
  });
  return getCount(ctx, id);
}

export async function cancelCount(ctx: Ctx, id: string, version: number) {
  const count = await getCount(ctx, id);
  if (count.status === 'approved') throw conflict('An approved count cannot be cancelled');
  await ctx.db.transaction(async (tx) => {
    await updateVersioned(tx, stockCounts, 'Count', id, version, { status: 'cancelled' });
    await writeAudit(tx, ctx, { action: 'stock-count.cancel', entityType: 'stock_count', entityId: id });
  });
  return getCount(ctx, id);
}
