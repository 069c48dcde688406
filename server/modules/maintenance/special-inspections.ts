// 特殊巡查: a special inspection when something is abnormal, started from a ticket. It is a visit of
// kind special at the ticket's project, backed by a field work order of kind inspection linked to the
// ticket, covering the ticket's equipment (or, when it names none, the project as a whole) with a
// checklist per asset (inspection-items.ts).
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TCreateSpecialInspectionRequest,
  TVisitWorkOrder,
} from '../../../common/maintenance-visits-api.ts';
import type { Executor, Tx } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { createPlannedWorkOrder, workOrderStates } from '../field/index.ts';
import { maintenanceAssetFacts, projectFacts } from '../registry/index.ts';
import { getTicket } from '../tickets/index.ts';
import { scheduledAt } from './generate.ts';
import { addInspectionItems } from './inspection-items.ts';
import * as repo from './visits-repository.ts';

export async function createSpecialInspection(
  ctx: Ctx,
  input: TCreateSpecialInspectionRequest,
): Promise<TVisitWorkOrder> {
  // 404 for a ticket the caller cannot see, as for a missing one.
  const ticket = await getTicket(ctx, input.ticketId);
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  const dueOn = input.dueOn ?? today;
  checkInspectionDay(dueOn, today);
  const facts = await maintenanceAssetFacts(ctx.db, ticket.assetIds);
  const projectId = ticket.projectId ?? facts.values().next().value?.projectId ?? null;
  if (!projectId) throw invalidField('ticketId', 'the ticket names no project or equipment to inspect');
  const assetIds = ticket.assetIds.filter((id) => facts.get(id)?.projectId === projectId);
  const summary = `特殊巡查 Special inspection · ${ticket.number} · ${input.note ?? ticket.subject}`.slice(
    0,
    200,
  );
  return ctx.db.transaction(async (tx) => {
    const { visit, wo } = await insertSpecialVisit(tx, ctx, {
      customerId: ticket.customerId,
      projectId,
      assetIds,
      dueOn,
      summary,
      ticketId: ticket.id,
      note: input.note,
    });
    const project = (await projectFacts(tx, [projectId])).get(projectId);
    return {
      visitId: visit.id,
      kind: 'special',
      dueOn,
      projectId,
      projectName: project?.name ?? '',
      workOrderId: wo.id,
      workOrderNumber: wo.number,
      workOrderStatus: 'new',
      ticketId: ticket.id,
      alertId: null,
      assetIds,
    };
  });
}

/** The inspection day: not before the organisation's today, not more than a year ahead. */
export function checkInspectionDay(dueOn: string, today: string) {
  if (dueOn < today) throw invalidField('dueOn', 'the inspection day is in the past');
  if (dueOn > addDays(today, 366))
    throw invalidField('dueOn', 'the inspection day is more than a year ahead');
}

/**
 * One special visit at a site, in the caller's transaction: the inspection work order (field), the
 * visit (kind special, with the ticket or alert that started it), the checklist per asset — each asset's
 * matching template, else the special-inspection one — and the audit entry.
 */
export async function insertSpecialVisit(
  tx: Tx,
  ctx: Ctx,
  v: {
    customerId: string;
    projectId: string;
    assetIds: string[];
    dueOn: string;
    summary: string;
    ticketId?: string;
    alertId?: string;
    note?: string | undefined;
  },
) {
  const wo = await createPlannedWorkOrder(tx, ctx, {
    kind: 'inspection',
    customerId: v.customerId,
    projectId: v.projectId,
    assetIds: v.assetIds,
    summary: v.summary,
    scheduledAt: scheduledAt(v.dueOn, null, ctx.timeZone),
    ...(v.ticketId ? { ticketId: v.ticketId } : {}),
  });
  const [visit] = await repo.insertVisits(tx, [
    {
      customerId: v.customerId,
      projectId: v.projectId,
      dueOn: v.dueOn,
      workOrderId: wo.id,
      kind: 'special',
      ...(v.ticketId ? { ticketId: v.ticketId } : {}),
      ...(v.alertId ? { alertId: v.alertId } : {}),
      createdAt: ctx.clock.now(),
    },
  ]);
  await addInspectionItems(tx, [
    { visitId: visit!.id, customerId: v.customerId, dueOn: v.dueOn, assetIds: v.assetIds },
  ]);
  await writeAudit(tx, ctx, {
    action: 'maintenance-visit.special',
    entityType: 'maintenance_visit',
    entityId: visit!.id,
    after: { ...visit, workOrderNumber: wo.number, note: v.note ?? null },
  });
  return { visit: visit!, wo };
}

/** The inspections started from a ticket (the ticket page lists them). */
export async function specialInspectionsOf(ctx: Ctx, ticketId: string): Promise<TVisitWorkOrder[]> {
  const ticket = await getTicket(ctx, ticketId);
  return visitWorkOrders(ctx.db, await repo.visitsOfTicket(ctx.db, ticket.id));
}

/** Visits as their work orders stand now, with their project's name. */
export async function visitWorkOrders(db: Executor, visits: repo.VisitRow[]): Promise<TVisitWorkOrder[]> {
  const [states, projects] = await Promise.all([
    workOrderStates(
      db,
      visits.map((v) => v.workOrderId),
    ),
    projectFacts(
      db,
      visits.map((v) => v.projectId),
    ),
  ]);
  return visits.map((v) => {
    const s = states.get(v.workOrderId);
    return {
      visitId: v.id,
      kind: v.kind,
      dueOn: v.dueOn,
      projectId: v.projectId,
      projectName: projects.get(v.projectId)?.name ?? '',
      workOrderId: v.workOrderId,
      workOrderNumber: s?.number ?? '',
      workOrderStatus: s?.status ?? 'new',
      ticketId: v.ticketId,
      alertId: v.alertId,
      assetIds: s?.assetIds ?? [],
    };
  });
}
