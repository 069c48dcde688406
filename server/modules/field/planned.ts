// Work orders that other modules plan (the maintenance module's visits): created without a ticket,
// re-planned or cancelled only while nobody has been dispatched, and their state read back.
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { type Executor, type Tx, uuidArray } from '../../db/pool.ts';
import { writeAudit, writeAudits } from '../../platform/audit.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import { localYear, nextDocumentNumber, nextSequenceBlock } from '../../platform/number-series.ts';
import { chargeSheet } from './charges.ts';
import * as repo from './repository.ts';
import { workOrders } from './schema.ts';

export interface PlannedWorkOrderInput {
  kind: 'maintenance' | 'inspection';
  customerId: string;
  projectId: string;
  assetIds: string[];
  summary: string;
  scheduledAt: Date;
  /** The ticket behind a special inspection (特殊巡查). */
  ticketId?: string | null;
}

/** A new (undispatched) work order, numbered in the WO series; it shows on the dispatch board. */
export async function createPlannedWorkOrder(tx: Executor, ctx: Ctx, input: PlannedWorkOrderInput) {
  const now = ctx.clock.now();
  const number = await nextDocumentNumber(tx, 'WO', now, ctx.timeZone);
  const w = await repo.insertWorkOrder(tx, {
    number,
    kind: input.kind,
    status: 'new',
    ticketId: input.ticketId ?? null,
    customerId: input.customerId,
    projectId: input.projectId,
    assetIds: input.assetIds,
    summary: input.summary,
    scheduledAt: input.scheduledAt,
    createdBy: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  });
  await writeAudit(tx, ctx, {
    action: 'work-order.create',
    entityType: 'work_order',
    entityId: w.id,
    after: w,
  });
  return { id: w.id, number: w.number };
}

/**
 * Many planned work orders at once (maintenance generation), with the ids the caller chose: numbered as
 * one block of the WO series, inserted and audited in a few statements. Call it last in the
 * transaction: the series' counter row stays locked until the commit.
 */
export async function createPlannedWorkOrders(
  tx: Executor,
  ctx: Ctx,
  inputs: readonly (PlannedWorkOrderInput & { id: string })[],
) {
  if (!inputs.length) return;
  const now = ctx.clock.now();
  const year = localYear(now, ctx.timeZone);
  const first = await nextSequenceBlock(tx, 'WO', year, inputs.length);
  const rows = inputs.map((input, i) => ({
    id: input.id,
    number: `WO-${year}-${String(first + i).padStart(6, '0')}`,
    kind: input.kind,
    status: 'new' as const,
    ticketId: null,
    customerId: input.customerId,
    projectId: input.projectId,
    assetIds: input.assetIds,
    summary: input.summary,
    scheduledAt: input.scheduledAt,
    createdBy: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  }));
  // Set-based: one insert … select from unnest per 5,000 (an array of equipment travels as its literal).
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const col = (f: (r: (typeof part)[number]) => unknown) => sql.param(part.map(f));
    await tx.execute(
      sql`insert into work_orders (id, number, kind, status, customer_id, project_id, asset_ids, summary,
                                   scheduled_at, created_by, created_at, updated_at)
          select i, n, k, 'new', c, p, a::uuid[], s, t, ${ctx.principal.userId}::uuid, ${now.toISOString()}::timestamptz,
                 ${now.toISOString()}::timestamptz
            from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.number)}::text[], ${col((r) => r.kind)}::text[],
                        ${col((r) => r.customerId)}::uuid[], ${col((r) => r.projectId)}::uuid[],
                        ${col((r) => `{${r.assetIds.join(',')}}`)}::text[], ${col((r) => r.summary)}::text[],
                        ${col((r) => r.scheduledAt.toISOString())}::timestamptz[]) as u(i, n, k, c, p, a, s, t)`,
    );
  }
  await writeAudits(
    tx,
    ctx,
    rows.map((w) => ({ action: 'work-order.create', entityType: 'work_order', entityId: w.id, after: w })),
  );
}

/** Changes the equipment, time and summary of a planned work order still new; false once dispatched. */
export async function replanWorkOrder(
  tx: Executor,
  ctx: Ctx,
  id: string,
  change: { assetIds: string[]; scheduledAt: Date; summary: string },
): Promise<boolean> {
  const now = ctx.clock.now();
  const [row] = await tx
    .update(workOrders)
    .set({ ...change, updatedAt: now, version: sql`${workOrders.version} + 1` })
    .where(and(eq(workOrders.id, id), eq(workOrders.status, 'new')))
    .returning({ id: workOrders.id });
  if (row)
    await writeAudit(tx, ctx, {
      action: 'work-order.replan',
      entityType: 'work_order',
      entityId: id,
      after: change,
    });
  return Boolean(row);
}

/** Cancels a planned work order still new (its plan no longer needs it); false once dispatched. */
export async function cancelPlannedWorkOrder(tx: Executor, ctx: Ctx, id: string): Promise<boolean> {
  const [row] = await tx
    .update(workOrders)
    .set({ status: 'cancelled', updatedAt: ctx.clock.now(), version: sql`${workOrders.version} + 1` })
    .where(and(eq(workOrders.id, id), eq(workOrders.status, 'new')))
    .returning({ id: workOrders.id });
  if (row)
    await writeAudit(tx, ctx, {
      action: 'work-order.cancel',
      entityType: 'work_order',
      entityId: id,
      after: { status: 'cancelled', reason: 'no longer planned' },
    });
  return Boolean(row);
}

export interface WorkOrderState {
  number: string;
  status: (typeof workOrders.$inferSelect)['status'];
  engineerId: string | null;
  completedAt: Date | null;
  kind: (typeof workOrders.$inferSelect)['kind'];
  assetIds: string[];
  summary: string;
  scheduledAt: Date | null;
  /** The engineer recorded a diagnosis (a fault found on the visit). */
  diagnosed: boolean;
}

/** Only the status and completion time of work orders (maintenance generation reads thousands). */
export async function workOrderStatuses(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, Pick<WorkOrderState, 'status' | 'completedAt'>>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: workOrders.id, status: workOrders.status, completedAt: workOrders.completedAt })
    .from(workOrders)
    .where(sql`${workOrders.id} = any(${uuidArray([...new Set(ids)])})`);
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

export async function workOrderStates(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, WorkOrderState>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      status: workOrders.status,
      engineerId: workOrders.engineerId,
      completedAt: workOrders.completedAt,
      kind: workOrders.kind,
      assetIds: workOrders.assetIds,
      summary: workOrders.summary,
      scheduledAt: workOrders.scheduledAt,
      diagnosed: sql<boolean>`${workOrders.diagnosis} is not null`,
    })
    .from(workOrders)
    .where(inArray(workOrders.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/**
 * Completes a planned work order when its own module closes the visit (the maintenance record signed
 * by the customer): status and completion time from the phone, a `completed` event (once), audited.
 * Its charge sheet is fixed as a repair's is (parts replaced, the warranty engine's coverage); no repair
 * report or follow-up — the maintenance record takes their place. False when the
 * work order is cancelled; a second call changes nothing.
 */
export async function completePlannedWorkOrder(
  tx: Executor,
  ctx: Ctx,
  id: string,
  at: Date,
  note: string | null,
): Promise<boolean> {
  const w = await repo.findWorkOrder(tx, id);
  if (!w || w.status === 'completed' || w.status === 'cancelled') return false;
  // As at a repair's completion, the charge sheet is fixed: parts replaced with the customer's consent
  // outside the warranty are charged, and a receipt number is taken when something is charged.
  const sheet = await chargeSheet(ctxInTransaction(ctx, tx as Tx), w);
  const receiptNumber = sheet.totalFen > 0 ? await nextDocumentNumber(tx, 'SF', at, ctx.timeZone) : null;
  const [row] = await tx
    .update(workOrders)
    .set({
      status: 'completed',
      completedAt: at,
      charges: sheet,
      receiptNumber,
      updatedAt: ctx.clock.now(),
      version: sql`${workOrders.version} + 1`,
    })
    .where(and(eq(workOrders.id, id), notInArray(workOrders.status, ['completed', 'cancelled'])))
    .returning({ id: workOrders.id });
  if (!row) return false;
  await repo.insertEvent(tx, {
    workOrderId: id,
    stage: 'completed',
    at,
    recordedAt: ctx.clock.now(),
    actorId: ctx.principal.userId,
    clientEventId: `planned-completed:${id}`,
    note,
  });
  await writeAudit(tx, ctx, {
    action: 'work-order.completed',
    entityType: 'work_order',
    entityId: id,
    after: { status: 'completed', at },
  });
  return true;
}
