// Stock-taking (盘点): a count of one location snapshots what the books expect; counted quantities
// are entered (on a phone, line by line); the variance report shows the differences and their value;
// a manager's approval posts them as adjustments to the ledger. Adjustments are counted − expected,
// applied on top of the current stock, so movements during the count are kept.
import { and, asc, eq, sql } from 'drizzle-orm';
import { toLocalDate } from '../../../common/calendar-dates.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { parts, stockBatches, stockCountLines, stockCounts } from './schema.ts';
import { adjust, checkMove, checkReorder, moving } from './stock.ts';

export async function openCount(ctx: Ctx, locationId: string) {
  await checkMove(ctx, locationId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: stockCounts.id })
      .from(stockCounts)
      .where(
        and(eq(stockCounts.locationId, locationId), sql`${stockCounts.status} in ('open', 'submitted')`),
      );
    if (open)
      throw conflict('This location already has a count in progress', [
        { field: 'locationId', message: open.id },
      ]);
    const [count] = await tx
      .insert(stockCounts)
      .values({ locationId, openedBy: ctx.principal.userId, openedAt: now })
      .returning();
    await tx.execute(sql`insert into stock_count_lines (count_id, part_id, batch_id, condition, expected)
      select ${count!.id}, part_id, batch_id, condition, on_hand from stock_levels
      where location_id = ${locationId} and on_hand > 0`);
    await writeAudit(tx, ctx, {
      action: 'stock-count.open',
      entityType: 'stock_count',
      entityId: count!.id,
      after: count,
    });
    return count!;
  });
}

export async function getCount(ctx: Ctx, id: string) {
  const [count] = await ctx.db.select().from(stockCounts).where(eq(stockCounts.id, id));
  if (!count) throw notFound('Count');
  await checkMove(ctx, count.locationId).catch(() => {
    throw notFound('Count');
  });
  const lines = await ctx.db
    .select({
      partId: stockCountLines.partId,
      partNumber: parts.partNumber,
      partName: parts.name,
      unit: parts.unit,
      costFen: parts.costFen,
      batchId: stockCountLines.batchId,
      batchCode: stockBatches.code,
      condition: stockCountLines.condition,
      expected: stockCountLines.expected,
      counted: stockCountLines.counted,
    })
    .from(stockCountLines)
    .innerJoin(parts, eq(parts.id, stockCountLines.partId))
    .innerJoin(stockBatches, eq(stockBatches.id, stockCountLines.batchId))
    .where(eq(stockCountLines.countId, id))
    .orderBy(asc(parts.partNumber), asc(stockBatches.code));
  const variance = lines
    .filter((l) => l.counted !== null && l.counted !== l.expected)
    .map((l) => ({
      ...l,
      variance: l.counted! - l.expected,
      valueFen: (l.counted! - l.expected) * (l.costFen ?? 0),
    }));
  return {
    ...count,
    openedAt: count.openedAt.toISOString(),
    submittedAt: count.submittedAt?.toISOString() ?? null,
    approvedAt: count.approvedAt?.toISOString() ?? null,
    lines,
    variance,
    uncounted: lines.filter((l) => l.counted === null).length,
  };
}

export async function listCounts(ctx: Ctx, locationId: string) {
  await checkMove(ctx, locationId);
  const rows = await ctx.db
    .select()
    .from(stockCounts)
    .where(eq(stockCounts.locationId, locationId))
    .orderBy(sql`${stockCounts.openedAt} desc`)
    .limit(50);
  return rows.map((c) => ({
    ...c,
    openedAt: c.openedAt.toISOString(),
    submittedAt: c.submittedAt?.toISOString() ?? null,
    approvedAt: c.approvedAt?.toISOString() ?? null,
  }));
}

/** Enters counted quantities; a part found that the books did not expect gets a line of its own. */
export async function enterCounts(
  ctx: Ctx,
  id: string,
  input: { lines: { partId: string; batchId?: string; condition?: 'good' | 'defective'; counted: number }[] },
) {
  const count = await getCount(ctx, id);
  if (count.status !== 'open') throw conflict('The count is no longer open');
  const today = toLocalDate(ctx.clock.now(), 'Asia/Shanghai');
  await ctx.db.transaction(async (tx) => {
    for (const [i, line] of input.lines.entries()) {
      const condition = line.condition ?? 'good';
      let batchId = line.batchId;
      if (!batchId) {
        const [part] = await tx.select().from(parts).where(eq(parts.id, line.partId));
        if (!part) throw invalidField(`lines.${i}.partId`, 'no such part');
        const code = `FOUND${today.replaceAll('-', '')}`;
        await tx
          .insert(stockBatches)
          .values({ partId: part.id, code, receivedOn: today })
          .onConflictDoNothing();
        const [b] = await tx
          .select()
          .from(stockBatches)
          .where(and(eq(stockBatches.partId, part.id), eq(stockBatches.code, code)));
        batchId = b!.id;
      }
      const [batch] = await tx.select().from(stockBatches).where(eq(stockBatches.id, batchId));
      if (batch?.partId !== line.partId) throw invalidField(`lines.${i}.batchId`, 'not a batch of this part');
      await tx
        .insert(stockCountLines)
        .values({ countId: id, partId: line.partId, batchId, condition, expected: 0, counted: line.counted })
        .onConflictDoUpdate({
          target: [
            stockCountLines.countId,
            stockCountLines.partId,
            stockCountLines.batchId,
            stockCountLines.condition,
          ],
          set: { counted: line.counted },
        });
    }
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
    await tx.execute(sql`select 1 from stock_levels where location_id = ${count.locationId}
      order by part_id, batch_id, condition for update`);
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
