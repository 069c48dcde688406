// What the labels module asks of field: how the visit for a ticket stands (the reporter's tracking
// page: engineer, on the way, arrived, done, report) and a scan of an asset's label at the visit.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { workOrderEvents, workOrders } from './schema.ts';

export interface VisitProgress {
  engineerId: string | null;
  assignedAt: Date | null;
  departedAt: Date | null;
  arrivedAt: Date | null;
  completedAt: Date | null;
  reportAvailable: boolean;
}

/** The newest work order of the ticket that is not cancelled, as the steps a reporter follows. */
export async function ticketVisitProgress(db: Executor, ticketId: string): Promise<VisitProgress | null> {
  const [wo] = await db
    .select({
      id: workOrders.id,
      engineerId: workOrders.engineerId,
      updatedAt: workOrders.updatedAt,
      completedAt: workOrders.completedAt,
      reportFileId: workOrders.reportFileId,
    })
    .from(workOrders)
    .where(and(eq(workOrders.ticketId, ticketId), ne(workOrders.status, 'cancelled')))
    .orderBy(desc(workOrders.createdAt))
    .limit(1);
  if (!wo) return null;
  const events = await db
    .select({ stage: workOrderEvents.stage, at: workOrderEvents.at })
    .from(workOrderEvents)
    .where(
      and(
        eq(workOrderEvents.workOrderId, wo.id),
        inArray(workOrderEvents.stage, ['accepted', 'departed', 'arrived']),
        sql`${workOrderEvents.skipReason} is null`,
      ),
    )
    .orderBy(asc(workOrderEvents.at));
  const first = (stage: string) => events.find((e) => e.stage === stage)?.at ?? null;
  return {
    engineerId: wo.engineerId,
    assignedAt: wo.engineerId ? (first('accepted') ?? null) : null,
    departedAt: first('departed'),
    arrivedAt: first('arrived'),
    completedAt: wo.completedAt,
    reportAvailable: wo.reportFileId !== null,
  };
}

/**
 * The engineer scanned an asset's label during the visit: kept on the work order next to the
 * check-in as evidence of presence on site (whether the asset is one of the job's is told back).
 */
export async function recordEquipmentScan(ctx: Ctx, workOrderId: string, assetId: string) {
  const [wo] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, workOrderId));
  if (!wo) throw notFound('Work order');
  const mine = wo.engineerId !== null && wo.engineerId === ctx.principal.userId;
  if (!mine && !ctx.principal.permissions.has('workorders.dispatch')) throw forbidden();
  const at = ctx.clock.now();
  const scan = { assetId, at: at.toISOString(), by: ctx.principal.userId };
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(workOrders)
      .set({ equipmentScans: sql`${workOrders.equipmentScans} || ${JSON.stringify([scan])}::jsonb` })
      .where(eq(workOrders.id, workOrderId));
    await writeAudit(tx, ctx, {
      action: 'work_order.scan',
      entityType: 'work_order',
      entityId: workOrderId,
      after: scan,
    });
  });
  return { assetId, onThisWorkOrder: wo.assetIds.includes(assetId), at: scan.at };
}

/**
 * The engineer's open job on this equipment (the newest), for the scan page: an engineer who scans a
 * label is taken to his job there. Read by his own jobs (`work_orders_engineer_idx`), so it costs what he has.
 */
export async function openJobOfEngineerForAsset(
  db: Executor,
  engineerId: string,
  assetId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.engineerId, engineerId),
        sql`${workOrders.status} not in ('completed', 'cancelled')`,
        sql`${assetId}::uuid = any(${workOrders.assetIds})`,
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(1);
  return row?.id ?? null;
}
