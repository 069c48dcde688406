// Field service: work orders created from a ticket in one click, dispatched to an engineer, and seen
// by the dispatcher with their customer, site and on-site deadline. An engineer sees only his own
// work. The visit itself is recorded in visit.ts.

import type {
  TCreateWorkOrderRequest,
  TDispatchRequest,
  TDispatchResponse,
  TDueWindow,
  TListWorkOrdersQuery,
  TSetPhotosRequest,
  TWorkOrder,
  TWorkOrderDetail,
  TWorkOrderListItem,
} from '../../../common/field-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { definedOnly } from '../../platform/versioned.ts';
import { findActiveStaff, userNames } from '../accounts/index.ts';
import { sendNotices } from '../notifications/index.ts';
import { customerFacts, equipmentFacts, projectFacts } from '../registry/index.ts';
import { onSiteTargets } from '../sla/index.ts';
import { getTicket, ticketRefs, workMilestone } from '../tickets/index.ts';
import { dueWindowsOf, windowClosesAt, windowOpensAt } from './due-window-port.ts';
import type { WorkOrderRow } from './repository.ts';
import * as repo from './repository.ts';

const NO_USER = '00000000-0000-0000-0000-000000000000';

export const seesAll = (ctx: Ctx) => ctx.principal.permissions.has('workorders.read_all');

export function view(w: WorkOrderRow): TWorkOrder {
  return {
    ...w,
    scheduledAt: w.scheduledAt?.toISOString() ?? null,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    completedAt: w.completedAt?.toISOString() ?? null,
  };
}

export async function load(ctx: Ctx, id: string) {
  const w = await repo.findWorkOrder(ctx.db, id);
  // Another engineer's work order does not exist for him.
  if (!w || (!seesAll(ctx) && w.engineerId !== ctx.principal.userId)) throw notFound('Work order');
  return w;
}

/** Only the assigned engineer (or a dispatcher) works on the visit. */
export function assertWorker(ctx: Ctx, w: WorkOrderRow, what: string) {
  if (w.engineerId !== ctx.principal.userId && !ctx.principal.permissions.has('workorders.dispatch'))
    throw forbidden(`Only the assigned engineer ${what}`);
}

export async function createFromTicket(ctx: Ctx, ticketId: string, input: TCreateWorkOrderRequest) {
  const ticket = await getTicket(ctx, ticketId);
  const now = ctx.clock.now();
  if (input.engineerId) await checkEngineer(ctx, input.engineerId);
  const id = await ctx.db.transaction(async (tx) => {
    const number = await nextDocumentNumber(tx, 'WO', now, ctx.timeZone);
    const w = await repo.insertWorkOrder(tx, {
      number,
      kind: input.kind ?? 'repair',
      status: input.engineerId ? 'assigned' : 'new',
      ticketId: ticket.id,
      customerId: ticket.customerId,
      projectId: ticket.projectId,
      assetIds: ticket.assetIds,
      engineerId: input.engineerId ?? null,
      emergency: ticket.emergency,
      summary: input.summary ?? ticket.subject,
      scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null,
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
    if (w.engineerId) await dispatched(tx, ctx, w, now);
    return w.id;
  });
  return getWorkOrder(ctx, id);
}

async function checkEngineer(ctx: Ctx, engineerId: string) {
  const staff = await findActiveStaff(ctx.db, engineerId);
  if (!staff?.roles.includes('field_engineer'))
    throw invalidField('engineerId', 'not an active field engineer');
}

/** Telling the engineer, and the ticket's SLA: the work is dispatched. */
async function dispatched(tx: Executor, ctx: Ctx, w: WorkOrderRow, at: Date) {
  if (!w.engineerId) return;
  await sendNotices(tx, { clock: { now: () => at } }, [
    {
      kind: 'field.assigned',
      userIds: [w.engineerId],
      payload: { workOrderId: w.id, number: w.number, summary: w.summary, emergency: w.emergency },
      render: (locale) => {
        const line = locale.startsWith('en')
          ? `${w.emergency ? 'Emergency: w' : 'W'}ork order ${w.number} was assigned to you: ${w.summary}`
          : `${w.emergency ? '紧急：' : ''}派工单 ${w.number}「${w.summary}」已派给你`;
        return { subject: line, text: line };
      },
      dedupeKey: `wo-assigned:${w.id}:${w.engineerId}:${w.version}`,
    },
  ]);
  if (w.ticketId) await workMilestone(tx, ctx, w.ticketId, 'dispatched', at);
}

/** The list's filter: an engineer gets his own open work; dispatchers any queue. */
export function workOrderFilter(ctx: Ctx, query: Omit<TListWorkOrdersQuery, 'limit'>): repo.WorkOrderFilter {
  const filter: repo.WorkOrderFilter = { ticketId: query.ticketId };
  if (!seesAll(ctx) || query.queue === 'mine') {
    filter.engineerId = ctx.principal.userId ?? NO_USER;
    filter.open = true;
  } else if (query.queue === 'open') filter.open = true;
  else if (query.queue === 'unassigned') {
    filter.unassigned = true;
    filter.open = true;
  }
  return filter;
}

export async function listWorkOrders(ctx: Ctx, query: TListWorkOrdersQuery): Promise<TWorkOrderListItem[]> {
  return listItems(ctx, await repo.listWorkOrders(ctx.db, workOrderFilter(ctx, query), query.limit));
}

/** Work orders with their engineer's and customer's names, address and on-site deadline. */
export async function listItems(ctx: Ctx, rows: WorkOrderRow[]): Promise<TWorkOrderListItem[]> {
  const ids = (pick: (w: WorkOrderRow) => string | null) =>
    rows.map(pick).filter((x): x is string => x !== null);
  const [names, customers, projects, targets, windows] = await Promise.all([
    userNames(
      ctx.db,
      ids((w) => w.engineerId),
    ),
    customerFacts(
      ctx.db,
      ids((w) => w.customerId),
    ),
    projectFacts(
      ctx.db,
      ids((w) => w.projectId),
    ),
    onSiteTargets(
      ctx.db,
      ids((w) => w.ticketId),
    ),
    dueWindowsOf(ctx.db, rows, ctx.timeZone),
  ]);
  return rows.map((w) => {
    const customer = customers.get(w.customerId);
    const project = w.projectId ? projects.get(w.projectId) : undefined;
    const target = w.ticketId ? targets.get(w.ticketId) : undefined;
    const running = target && (target.state === 'running' || target.state === 'paused');
    return {
      ...view(w),
      engineerName: (w.engineerId && names.get(w.engineerId)) || null,
      customerName: customer?.name ?? '',
      address: customer ? (project?.address ?? customer.address) : null,
      onSiteDueAt: running ? (target.dueAt?.toISOString() ?? null) : null,
      dueWindow: windows.get(w.id) ?? null,
    };
  });
}

/** A piece of equipment as the engineer reads it: serial and name (else the product). */
export function equipmentLabel(f: { serial: string; name: string | null; productName: string } | undefined) {
  return f ? `${f.serial} ${f.name ?? f.productName}` : '';
}

export async function getWorkOrder(ctx: Ctx, id: string): Promise<TWorkOrderDetail> {
  const w = await load(ctx, id);
  const [events, customers, projects, tickets, due, equipment, windows] = await Promise.all([
    repo.eventsOf(ctx.db, id),
    customerFacts(ctx.db, [w.customerId]),
    projectFacts(ctx.db, w.projectId ? [w.projectId] : []),
    ticketRefs(ctx.db, w.ticketId ? [w.ticketId] : []),
    onSiteDueOf(ctx, w),
    equipmentFacts(ctx.db, w.assetIds),
    dueWindowsOf(ctx.db, [w], ctx.timeZone),
  ]);
  const customer = customers.get(w.customerId);
  const project = w.projectId ? projects.get(w.projectId) : undefined;
  return {
    ...view(w),
    customerName: customer?.name ?? '',
    contactName: customer?.contactName ?? null,
    contactPhone: customer?.contactPhone ?? null,
    address: customer ? (project?.address ?? customer.address) : null,
    projectName: customer ? (project?.name ?? null) : null,
    emergencyPlanFileId: customer ? (project?.emergencyPlanFileId ?? null) : null,
    ticketNumber: customer && w.ticketId ? (tickets.get(w.ticketId)?.number ?? null) : null,
    onSiteDueAt: due?.toISOString() ?? null,
    dueWindow: windows.get(w.id) ?? null,
    assets: w.assetIds.map((assetId) => ({ id: assetId, label: equipmentLabel(equipment.get(assetId)) })),
    events: events.map((e) => ({
      ...e,
      at: e.at.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
    })),
    equipmentScans: w.equipmentScans.map((scan) => ({
      at: scan.at,
      onThisWorkOrder: w.assetIds.includes(scan.assetId),
    })),
  };
}

/** The ticket's on-site deadline while it runs (or is paused), null otherwise. */
async function onSiteDueOf(ctx: Ctx, w: WorkOrderRow): Promise<Date | null> {
  if (!w.ticketId) return null;
  const target = (await onSiteTargets(ctx.db, [w.ticketId])).get(w.ticketId);
  return target && (target.state === 'running' || target.state === 'paused') ? (target.dueAt ?? null) : null;
}

/**
 * What the dispatcher should know about the time he set: a visit scheduled after the ticket's on-site
 * deadline misses it, a planned visit set outside its due window is early or late (allowed — he may
 * have no one else — but said).
 */
export function dispatchWarnings(
  scheduledAt: Date | null,
  due: Date | null,
  window: TDueWindow | null,
  timeZone: string,
): TDispatchResponse['warnings'] {
  const out: TDispatchResponse['warnings'] = [];
  if (!scheduledAt) return out;
  if (due && scheduledAt > due) out.push({ code: 'after_on_site_deadline', dueAt: due.toISOString() });
  if (window && scheduledAt < windowOpensAt(window, timeZone))
    out.push({ code: 'before_due_window', window });
  if (window && scheduledAt >= windowClosesAt(window, timeZone))
    out.push({ code: 'after_due_window', window });
  return out;
}

/** Dispatch: assign (or reassign) the engineer and the time; audited, the engineer is told. */
export async function dispatch(ctx: Ctx, id: string, input: TDispatchRequest): Promise<TDispatchResponse> {
  const before = await load(ctx, id);
  if (before.status === 'completed' || before.status === 'cancelled')
    throw conflict('The work order is closed');
  if (input.engineerId) await checkEngineer(ctx, input.engineerId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const engineerChanged = input.engineerId !== undefined && input.engineerId !== before.engineerId;
    const after = await repo.updateWorkOrderVersioned(tx, id, input.version, {
      ...definedOnly({ summary: input.summary, engineerId: input.engineerId }),
      scheduledAt:
        input.scheduledAt === undefined ? undefined : input.scheduledAt ? new Date(input.scheduledAt) : null,
      status: engineerChanged ? (input.engineerId ? 'assigned' : 'new') : undefined,
    });
    await writeAudit(tx, ctx, {
      action: 'work-order.dispatch',
      entityType: 'work_order',
      entityId: id,
      before,
      after,
    });
    if (engineerChanged && after.engineerId) await dispatched(tx, ctx, after, now);
  });
  const detail = await getWorkOrder(ctx, id);
  const timeSet = input.scheduledAt !== undefined || input.engineerId !== undefined;
  const warnings = timeSet
    ? dispatchWarnings(
        detail.scheduledAt ? new Date(detail.scheduledAt) : null,
        detail.onSiteDueAt ? new Date(detail.onSiteDueAt) : null,
        detail.dueWindow,
        ctx.timeZone,
      )
    : [];
  return { ...detail, warnings };
}

/** Photos of the work: before and after (files of the customer, uploaded from the phone). */
export async function setPhotos(ctx: Ctx, id: string, input: TSetPhotosRequest) {
  const w = await load(ctx, id);
  assertWorker(ctx, w, 'adds photos');
  const ids = [...(input.before ?? []), ...(input.after ?? [])];
  if (ids.length && (await repo.countUsableFiles(ctx.db, ids, w.customerId)) !== new Set(ids).size)
    throw invalidField('before', 'unknown files');
  await ctx.db.transaction(async (tx) => {
    await repo.updateWorkOrder(
      tx,
      id,
      {
        ...(input.before ? { photoIds: input.before } : {}),
        ...(input.after ? { afterPhotoIds: input.after } : {}),
        updatedAt: ctx.clock.now(),
      },
      false,
    );
    await writeAudit(tx, ctx, {
      action: 'work-order.photos',
      entityType: 'work_order',
      entityId: id,
      after: input,
    });
  });
  return getWorkOrder(ctx, id);
}
