// Field service: work orders created from a ticket in one click, dispatched to an engineer, and the
// visit recorded stage by stage from the engineer's phone — each stage at the moment it happened on
// the phone (offline actions sync later with their own time), each emitting the SLA milestone the
// service desk counts, the last one resolving the ticket. An engineer sees only his own work.

import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { SlaEvent } from '../../../common/sla-rules.ts';
import { type Executor, uuidArray } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { storeFile } from '../files/index.ts';
import { postDepositEntry, recordArchiveEvents, recordRepairs } from '../registry/index.ts';
import { getTicket, workMilestone } from '../tickets/index.ts';
import { type ChargeSheet, chargeSheet } from './charges.ts';
import { publishReport, reportPdf } from './report.ts';
import {
  followUps,
  type VISIT_STAGES,
  type WORK_ORDER_KINDS,
  workOrderEvents,
  workOrders,
} from './schema.ts';

type Stage = (typeof VISIT_STAGES)[number];
type Status = (typeof workOrders.$inferSelect)['status'];
type WorkOrderRow = typeof workOrders.$inferSelect;

/** What each stage means for the work order's status and for the ticket's SLA. */
const STAGE_EFFECT: Record<Stage, { status?: Status; sla?: SlaEvent }> = {
  remote_guidance: { sla: 'remote_fix_attempted' },
  accepted: { status: 'accepted' },
  departed: { status: 'travelling' },
  arrived: { status: 'on_site', sla: 'arrived_on_site' },
  credentials_shown: {},
  diagnosed: { status: 'diagnosed', sla: 'onsite_diagnosed' },
  plan_agreed: { status: 'repairing' },
  repair_started: { status: 'repairing' },
  tested: {},
  temporary_solution: { sla: 'temporary_solution' },
  completed: { status: 'completed', sla: 'resolved' },
};

const seesAll = (ctx: Ctx) => ctx.principal.permissions.has('workorders.read_all');

function view(w: WorkOrderRow & { engineerName?: string | null; customerName?: string | null }) {
  return {
    ...w,
    scheduledAt: w.scheduledAt?.toISOString() ?? null,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    completedAt: w.completedAt?.toISOString() ?? null,
  };
}

async function load(ctx: Ctx, id: string) {
  const [w] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, id));
  // Another engineer's work order does not exist for him.
  if (!w || (!seesAll(ctx) && w.engineerId !== ctx.principal.userId)) throw notFound('Work order');
  return w;
}

export async function createFromTicket(
  ctx: Ctx,
  ticketId: string,
  input: {
    kind: (typeof WORK_ORDER_KINDS)[number];
    summary?: string;
    engineerId?: string | null;
    scheduledAt?: string | null;
  },
) {
  const ticket = await getTicket(ctx, ticketId);
  const now = ctx.clock.now();
  if (input.engineerId) await checkEngineer(ctx, input.engineerId);
  const id = await ctx.db.transaction(async (tx) => {
    const number = await nextDocumentNumber(tx, 'WO', now, ctx.timeZone);
    const [w] = await tx
      .insert(workOrders)
      .values({
        number,
        kind: input.kind,
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
      })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'work-order.create',
      entityType: 'work_order',
      entityId: w!.id,
      after: w,
    });
    if (w!.engineerId) await dispatched(tx, ctx, w!, now);
    return w!.id;
  });
  return getWorkOrder(ctx, id);
}

async function checkEngineer(ctx: Ctx, engineerId: string) {
  const r = await ctx.db.execute<{ roles: string[] }>(
    sql`select roles from users where id = ${engineerId} and kind = 'staff' and not disabled`,
  );
  if (!r.rows[0]?.roles.includes('field_engineer'))
    throw invalidField('engineerId', 'not an active field engineer');
}

/** Telling the engineer, and the ticket's SLA: the work is dispatched. */
async function dispatched(tx: Executor, ctx: Ctx, w: WorkOrderRow, at: Date) {
  await enqueueMessage(
    tx,
    {
      channel: 'in_app',
      recipient: w.engineerId!,
      template: 'field.assigned',
      payload: { workOrderId: w.id, number: w.number, summary: w.summary, emergency: w.emergency },
      dedupeKey: `wo-assigned:${w.id}:${w.engineerId}:${w.version}`,
    },
    at,
  );
  if (w.ticketId) await workMilestone(tx, ctx, w.ticketId, 'dispatched', at);
}

export async function listWorkOrders(
  ctx: Ctx,
  query: { queue: 'mine' | 'open' | 'unassigned' | 'all'; ticketId?: string; limit: number },
) {
  const where: (SQL | undefined)[] = [];
  const open = sql`${workOrders.status} not in ('completed', 'cancelled')`;
  if (!seesAll(ctx) || query.queue === 'mine')
    where.push(
      eq(workOrders.engineerId, ctx.principal.userId ?? '00000000-0000-0000-0000-000000000000'),
      open,
    );
  else if (query.queue === 'open') where.push(open);
  else if (query.queue === 'unassigned') where.push(isNull(workOrders.engineerId), open);
  if (query.ticketId) where.push(eq(workOrders.ticketId, query.ticketId));
  const rows = await ctx.db
    .select({
      w: workOrders,
      // Subqueries name the outer table's columns in full: inside them, a bare customer_id is ambiguous.
      engineerName: sql<string | null>`(select display_name from users where id = work_orders.engineer_id)`,
      customerName: sql<string>`(select name from customers where id = work_orders.customer_id)`,
      address: sql<string | null>`(select coalesce(p.address, c.address) from customers c
        left join projects p on p.id = work_orders.project_id where c.id = work_orders.customer_id)`,
      onSiteDueAt: sql<Date | null>`(select due_at from sla_targets where ticket_id = work_orders.ticket_id
        and metric = 'on_site' and state in ('running', 'paused'))`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(workOrders)
    .where(and(...where))
    .orderBy(desc(workOrders.emergency), asc(workOrders.scheduledAt), desc(workOrders.createdAt))
    .limit(query.limit);
  return rows.map((r) => ({
    ...view(r.w),
    engineerName: r.engineerName,
    customerName: r.customerName,
    address: r.address,
    onSiteDueAt: r.onSiteDueAt?.toISOString() ?? null,
  }));
}

export async function getWorkOrder(ctx: Ctx, id: string) {
  const w = await load(ctx, id);
  const events = await ctx.db
    .select()
    .from(workOrderEvents)
    .where(eq(workOrderEvents.workOrderId, id))
    .orderBy(asc(workOrderEvents.at), asc(workOrderEvents.id));
  const [info] = (
    await ctx.db.execute<{
      customer_name: string;
      contact_name: string | null;
      contact_phone: string | null;
      address: string | null;
      project_name: string | null;
      emergency_plan_file_id: string | null;
      ticket_number: string | null;
    }>(sql`select c.name as customer_name, c.contact_name, c.contact_phone,
        coalesce(p.address, c.address) as address, p.name as project_name,
        p.emergency_plan_file_id, t.number as ticket_number
      from customers c left join projects p on p.id = ${w.projectId}
      left join tickets t on t.id = ${w.ticketId}
      where c.id = ${w.customerId}`)
  ).rows;
  return {
    ...view(w),
    customerName: info?.customer_name ?? '',
    contactName: info?.contact_name ?? null,
    contactPhone: info?.contact_phone ?? null,
    address: info?.address ?? null,
    projectName: info?.project_name ?? null,
    emergencyPlanFileId: info?.emergency_plan_file_id ?? null,
    ticketNumber: info?.ticket_number ?? null,
    events: events.map((e) => ({
      ...e,
      at: e.at.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
    })),
  };
}

/** Dispatch: assign (or reassign) the engineer and the time; audited, the engineer is told. */
export async function dispatch(
  ctx: Ctx,
  id: string,
  input: { version: number; engineerId?: string | null; scheduledAt?: string | null; summary?: string },
) {
  const before = await load(ctx, id);
  if (before.status === 'completed' || before.status === 'cancelled')
    throw conflict('The work order is closed');
  if (input.engineerId) await checkEngineer(ctx, input.engineerId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const engineerChanged = input.engineerId !== undefined && input.engineerId !== before.engineerId;
    const after = await updateVersioned(tx, workOrders, 'Work order', id, input.version, {
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
  return getWorkOrder(ctx, id);
}

export interface StageInput {
  clientEventId: string;
  stage: Stage;
  at: string;
  lat?: number | null;
  lng?: number | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
}

/**
 * The engineer records a stage of his visit. Idempotent by the phone's event id (an action resent
 * after a lost answer is recorded once); `at` is the phone's time of the action, not of the sync.
 */
export async function recordStage(ctx: Ctx, blobs: BlobStore, id: string, input: StageInput) {
  const w = await load(ctx, id);
  if (w.engineerId !== ctx.principal.userId && !ctx.principal.permissions.has('workorders.dispatch'))
    throw forbidden('Only the assigned engineer records the visit');
  const [dup] = await ctx.db
    .select()
    .from(workOrderEvents)
    .where(eq(workOrderEvents.clientEventId, input.clientEventId));
  if (dup) {
    if (dup.workOrderId !== id) throw invalidField('clientEventId', 'already used for another work order');
    return getWorkOrder(ctx, id);
  }
  const now = ctx.clock.now();
  const at = new Date(input.at);
  if (at.getTime() > now.getTime() + 5 * 60_000) throw invalidField('at', 'cannot be in the future');
  if (at < w.createdAt) throw invalidField('at', 'before the work order was created');
  if (w.status === 'cancelled') throw conflict('The work order is cancelled');
  if (w.status === 'completed' && input.stage !== 'completed') throw conflict('The work order is completed');
  const data = { ...(input.data ?? {}) };
  if (input.stage === 'diagnosed' && !data.faultLocation)
    throw invalidField('data.faultLocation', 'where is the fault?');
  if (input.stage === 'plan_agreed' && !data.consent)
    throw invalidField('data.consent', 'the customer’s consent');
  if (input.stage === 'temporary_solution' && !data.plannedFix)
    throw invalidField('data.plannedFix', 'the planned permanent fix');
  const effect = STAGE_EFFECT[input.stage];
  // At completion the charge sheet is fixed (what the warranty does not cover, at the fee schedule).
  const sheet =
    input.stage === 'completed'
      ? await chargeSheet(ctx, {
          ...w,
          timeSpentMinutes:
            typeof data.timeSpentMinutes === 'number' ? data.timeSpentMinutes : w.timeSpentMinutes,
        })
      : null;
  // The customer's signature arrives as a PNG drawn on the phone: it becomes a file of the customer,
  // stored once the stage has passed its checks (a refused stage leaves no file behind).
  if (typeof data.signature === 'string') {
    const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(data.signature);
    if (!m || m[1]!.length > 400_000) throw invalidField('data.signature', 'a PNG image of at most 300 KB');
    const file = await storeFile({ ...ctx, scope: { kind: 'all' } }, blobs, {
      name: `${w.number}-signature.png`,
      data: Buffer.from(m[1]!, 'base64'),
      customerId: w.customerId,
    });
    delete data.signature;
    data.signatureFileId = file.id;
  }
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(workOrderEvents)
      .values({
        workOrderId: id,
        stage: input.stage,
        at,
        recordedAt: now,
        actorId: ctx.principal.userId,
        clientEventId: input.clientEventId,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        note: input.note ?? null,
        data,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) return; // the same action arrived twice at once
    // Stages can arrive out of order after a sync: the status only moves forward.
    const order = (s: Status) =>
      ['new', 'assigned', 'accepted', 'travelling', 'on_site', 'diagnosed', 'repairing', 'completed'].indexOf(
        s,
      );
    const status = effect.status && order(effect.status) > order(w.status) ? effect.status : undefined;
    await tx
      .update(workOrders)
      .set({
        ...(status ? { status } : {}),
        ...(input.stage === 'diagnosed'
          ? { diagnosis: { faultLocation: data.faultLocation, cause: data.cause ?? 'unknown' } }
          : {}),
        ...(input.stage === 'plan_agreed'
          ? {
              plan: {
                text: data.plan ?? null,
                estimatedMinutes: data.estimatedMinutes ?? null,
                consent: { ...(data.consent as object), signatureFileId: data.signatureFileId ?? null },
              },
            }
          : {}),
        ...(input.stage === 'temporary_solution'
          ? { temporary: { solution: data.solution ?? input.note, plannedFix: data.plannedFix } }
          : {}),
        ...(input.stage === 'completed'
          ? {
              report: {
                process: data.process ?? null,
                result: data.result ?? null,
                tests: data.tests ?? null,
                prevention: data.prevention ?? null,
              },
              timeSpentMinutes: typeof data.timeSpentMinutes === 'number' ? data.timeSpentMinutes : null,
              travelKm: typeof data.travelKm === 'number' ? data.travelKm : null,
              completedAt: at,
            }
          : {}),
        version: sql`${workOrders.version} + 1`,
        updatedAt: now,
      })
      .where(eq(workOrders.id, id));
    await writeAudit(tx, ctx, {
      action: `work-order.${input.stage}`,
      entityType: 'work_order',
      entityId: id,
      after: { at, lat: input.lat, lng: input.lng, data },
    });
    if (effect.sla && w.ticketId) await workMilestone(tx, ctx, w.ticketId, effect.sla, at);
    if (input.stage === 'completed' && sheet) await completeWork(tx, ctx, w, sheet, at);
    if (input.stage === 'arrived' || input.stage === 'completed') {
      const event = {
        customerId: w.customerId,
        projectId: w.projectId,
        kind: `field.${input.stage}`,
        summary: `${w.number} ${input.stage === 'arrived' ? '到达现场' : '维修完成'}`,
        details: { number: w.number, stage: input.stage },
        refType: 'work_order',
        refId: w.id,
        occurredAt: at,
      };
      await recordArchiveEvents(
        tx,
        ctx,
        w.assetIds.length ? w.assetIds.map((assetId) => ({ ...event, assetId })) : [event],
      );
    }
    await publishLive(tx, { type: 'work_order', id, customerId: w.customerId });
  });
  if (input.stage === 'completed') {
    // The signed report: stored, archived and emailed. It can always be rebuilt on download.
    await publishReport(ctx, blobs, id).catch(() => null);
  }
  return getWorkOrder(ctx, id);
}

/** The report of a completed work order, for its engineer, staff who see all, or its customer. */
export async function reportOf(ctx: Ctx, blobs: BlobStore, id: string, lang: 'zh-CN' | 'en') {
  const [w] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, id));
  const allowed =
    w &&
    (ctx.scope.kind === 'customer'
      ? w.customerId === ctx.scope.customerId && w.status === 'completed'
      : seesAll(ctx) || w.engineerId === ctx.principal.userId);
  if (!allowed) throw notFound('Work order');
  return { number: w.number, pdf: await reportPdf(ctx, blobs, id, lang) };
}

/** A customer's completed work (the reports it can download), by ticket. */
export async function customerReports(ctx: Ctx, ticketId: string) {
  if (ctx.scope.kind !== 'customer') return [];
  const rows = await ctx.db
    .select({ id: workOrders.id, number: workOrders.number, completedAt: workOrders.completedAt })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.ticketId, ticketId),
        eq(workOrders.customerId, ctx.scope.customerId),
        eq(workOrders.status, 'completed'),
      ),
    );
  return rows.map((r) => ({ ...r, completedAt: r.completedAt?.toISOString() ?? null }));
}

/**
 * What completion sets going: the receipt number when something is charged, the repair counts of
 * the equipment (a 4th repair calls for replacement: engineer and managers are told), and the
 * follow-up visit due in 3 days (篇1 四.3).
 */
async function completeWork(tx: Executor, ctx: Ctx, w: WorkOrderRow, sheet: ChargeSheet, at: Date) {
  const receiptNumber = sheet.totalFen > 0 ? await nextDocumentNumber(tx, 'SF', at, ctx.timeZone) : null;
  await tx.update(workOrders).set({ charges: sheet, receiptNumber }).where(eq(workOrders.id, w.id));
  const repairs = await recordRepairs(tx, ctx, w.assetIds);
  const replace = repairs.filter((r) => r.decision !== 'repair');
  if (replace.length) {
    const people = await tx.execute<{
      id: string;
    }>(sql`select id from users where kind = 'staff' and not disabled
      and (id = ${w.engineerId} or 'manager' = any(roles))`);
    for (const r of replace)
      for (const p of people.rows)
        await enqueueMessage(
          tx,
          {
            channel: 'in_app',
            recipient: p.id,
            template: 'field.replace-required',
            payload: { assetId: r.assetId, serial: r.serial, decision: r.decision, number: w.number },
            dedupeKey: `replace:${w.id}:${r.assetId}:${p.id}`,
          },
          at,
        );
  }
  await tx
    .insert(followUps)
    .values({
      customerId: w.customerId,
      ticketId: w.ticketId,
      workOrderId: w.id,
      dueAt: new Date(at.getTime() + 3 * 86_400_000),
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing();
}

/** The charge sheet of a work order as it stands (before the work: for the customer's consent). */
export async function chargesOf(ctx: Ctx, id: string) {
  const w = await load(ctx, id);
  if (w.status === 'completed' && w.charges)
    return { ...(w.charges as ChargeSheet), receiptNumber: w.receiptNumber };
  return { ...(await chargeSheet(ctx, w)), receiptNumber: null };
}

/**
 * 篇4 f.3: when the on-site deadline was missed and the customer had a third party do the repair,
 * a manager deducts its cost from the warranty deposit, with evidence.
 */
export async function thirdPartyDeduction(
  ctx: Ctx,
  id: string,
  input: { amountFen: number; reason: string; evidenceFileId: string },
) {
  const w = await load(ctx, id);
  if (!w.ticketId) throw invalidField('id', 'the work order has no ticket');
  const [row] = (
    await ctx.db.execute<{ breached: boolean; number: string; contract_id: string | null }>(sql`select
      coalesce((select breached from sla_targets where ticket_id = ${w.ticketId} and metric = 'on_site'), false) as breached,
      (select number from tickets where id = ${w.ticketId}) as number,
      (select id from contracts where project_id = ${w.projectId} and deposit_balance_fen > 0
        order by start_date desc limit 1) as contract_id`)
  ).rows;
  if (!row?.breached) throw conflict('The on-site deadline of this ticket was not missed');
  if (!row.contract_id) throw invalidField('id', "the project's contracts hold no warranty deposit");
  const entry = await postDepositEntry(ctx, row.contract_id, {
    kind: 'deduction',
    amountFen: input.amountFen,
    reason: `第三方维修（${w.number}）：${input.reason}`,
    evidenceFileId: input.evidenceFileId,
    ticketRef: row.number,
  });
  return entry;
}

/** Follow-up visits due (the customer-care module works them). */
export async function openFollowUps(ctx: Ctx) {
  const rows = await ctx.db.execute<{
    id: string;
    due_at: Date;
    number: string;
    customer: string;
    ticket_id: string | null;
  }>(
    sql`select f.id, f.due_at, w.number, c.name as customer, f.ticket_id from follow_ups f
      join work_orders w on w.id = f.work_order_id join customers c on c.id = f.customer_id
      where f.status = 'open' order by f.due_at limit 200`,
  );
  return rows.rows.map((r) => ({
    id: r.id,
    dueAt: new Date(r.due_at).toISOString(),
    workOrderNumber: r.number,
    customerName: r.customer,
    ticketId: r.ticket_id,
  }));
}

/** Photos of the work: before and after (files of the customer, uploaded from the phone). */
export async function setPhotos(ctx: Ctx, id: string, input: { before?: string[]; after?: string[] }) {
  const w = await load(ctx, id);
  if (w.engineerId !== ctx.principal.userId && !ctx.principal.permissions.has('workorders.dispatch'))
    throw forbidden('Only the assigned engineer adds photos');
  const ids = [...(input.before ?? []), ...(input.after ?? [])];
  if (ids.length) {
    const found = await ctx.db.execute<{ id: string }>(
      sql`select id from files where id = any(${uuidArray(ids)}) and (customer_id = ${w.customerId} or customer_id is null)`,
    );
    if (found.rows.length !== new Set(ids).size) throw invalidField('before', 'unknown files');
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(workOrders)
      .set({
        ...(input.before ? { photoIds: input.before } : {}),
        ...(input.after ? { afterPhotoIds: input.after } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(workOrders.id, id));
    await writeAudit(tx, ctx, {
      action: 'work-order.photos',
      entityType: 'work_order',
      entityId: id,
      after: input,
    });
  });
  return getWorkOrder(ctx, id);
}
