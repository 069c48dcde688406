// Stock-taking (盘点): a count of one location snapshots what the books expect; counted quantities
// are entered (on a phone, line by line); the variance report shows the differences and their value;
// a manager's approval posts them as adjustments to the ledger. Adjustments are counted − expected,
// applied on top of the current stock, so movements during the count are kept.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
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
  const code = `FOUND${today.replaceAll('-', '')}`;
  await ctx.db.transaction(async (tx) => {
    // A part found that the books did not expect gets a "found" batch of today: one insert for all.
    const found = [...new Set(input.lines.filter((l) => !l.batchId).map((l) => l.partId))];
    if (found.length) {
      const known = new Set(
        (await tx.select({ id: parts.id }).from(parts).where(inArray(parts.id, found))).map((r) => r.id),
      );
      const unknown = input.lines.findIndex((l) => !l.batchId && !known.has(l.partId));
      if (unknown >= 0) throw invalidField(`lines.${unknown}.partId`, 'no such part');
      await tx
        .insert(stockBatches)
        .values(found.map((partId) => ({ partId, code, receivedOn: today })))
        .onConflictDoNothing();
    }
    const given = input.lines.flatMap((l) => (l.batchId ? [l.batchId] : []));
    const batches = await tx
      .select()
      .from(stockBatches)
      .where(
        or(
          given.length ? inArray(stockBatches.id, given) : undefined,
          found.length ? and(inArray(stockBatches.partId, found), eq(stockBatches.code, code)) : undefined,
        ),
      );
    // One row per line key (the last entry wins), written in one statement.
    const rows = new Map<string, typeof stockCountLines.$inferInsert>();
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
    await tx
      .insert(stockCountLines)
      .values([...rows.values()])
      .onConflictDoUpdate({
        target: [
          stockCountLines.countId,
          stockCountLines.partId,
          stockCountLines.batchId,
          stockCountLines.condition,
        ],
        set: { counted: sql`excluded.counted` },
      });
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
