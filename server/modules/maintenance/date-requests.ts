// The customer's side of planned visits (篇4: the customer sees upcoming visits and can ask for another
// date): the portal lists its own organisation's upcoming visits; a date request is confirmed by the
// dispatcher — the visit and its work order move, while nobody has been dispatched — or declined with a
// reason. Dispatchers are told of a request (sendNotices), the customer of the decision (outbox).
import { addDays, toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TCreateDateRequest,
  TDateRequest,
  TDecideDateRequest,
  TUpcomingVisit,
} from '../../../common/maintenance-visits-api.ts';
import { ROLE_PERMISSIONS, STAFF_ROLES } from '../../../common/roles.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { replanWorkOrder, type WorkOrderState, workOrderStates } from '../field/index.ts';
import { sendNotices } from '../notifications/index.ts';
import { customerFacts, maintenanceAssetFacts, projectFacts, siteContacts } from '../registry/index.ts';
import { scheduledAt } from './generate.ts';
import * as repo from './visits-repository.ts';

const DISPATCHERS = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('workorders.dispatch'));
const isDone = (s: WorkOrderState | undefined) => s?.status === 'completed' || s?.status === 'cancelled';

async function toRequests(db: Executor, rows: repo.DateRequestRow[]): Promise<TDateRequest[]> {
  const visits = new Map(
    (
      await repo.findVisits(
        db,
        rows.map((r) => r.visitId),
      )
    ).map((v) => [v.id, v]),
  );
  const [customers, projects, states] = await Promise.all([
    customerFacts(
      db,
      rows.map((r) => r.customerId),
    ),
    projectFacts(
      db,
      [...visits.values()].map((v) => v.projectId),
    ),
    workOrderStates(
      db,
      [...visits.values()].map((v) => v.workOrderId),
    ),
  ]);
  return rows.map((r) => {
    const v = visits.get(r.visitId);
    return {
      id: r.id,
      visitId: r.visitId,
      customerId: r.customerId,
      customerName: customers.get(r.customerId)?.name ?? '',
      projectName: v ? (projects.get(v.projectId)?.name ?? '') : '',
      workOrderNumber: v ? (states.get(v.workOrderId)?.number ?? '') : '',
      currentOn: r.currentOn,
      requestedOn: r.requestedOn,
      reason: r.reason,
      status: r.status,
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

/** Upcoming visits of the caller's organisation (all, for staff), soonest first, with any date request. */
export async function upcomingVisits(ctx: Ctx): Promise<TUpcomingVisit[]> {
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  const visits = await repo.upcomingVisits(ctx.db, ctx.scope, today, 300);
  const states = await workOrderStates(
    ctx.db,
    visits.map((v) => v.workOrderId),
  );
  const open = visits.filter((v) => !isDone(states.get(v.workOrderId))).slice(0, 100);
  const assetIds = open.flatMap((v) => states.get(v.workOrderId)?.assetIds ?? []);
  const [projects, facts, requests] = await Promise.all([
    projectFacts(
      ctx.db,
      open.map((v) => v.projectId),
    ),
    maintenanceAssetFacts(ctx.db, assetIds),
    repo.listDateRequests(ctx.db, ctx.scope, { visitIds: open.map((v) => v.id) }, 500),
  ]);
  const latest = new Map<string, repo.DateRequestRow>();
  for (const r of requests) if (!latest.has(r.visitId)) latest.set(r.visitId, r);
  const shown = await toRequests(ctx.db, [...latest.values()]);
  const requestOf = new Map(shown.map((r) => [r.visitId, r]));
  return open.map((v) => {
    const s = states.get(v.workOrderId);
    return {
      id: v.id,
      kind: v.kind,
      dueOn: v.dueOn,
      projectId: v.projectId,
      projectName: projects.get(v.projectId)?.name ?? '',
      assets: (s?.assetIds ?? []).map((id) => {
        const f = facts.get(id);
        return { id, label: f ? (f.name ? `${f.serial} ${f.name}` : f.serial) : '' };
      }),
      dispatched: s?.status !== 'new',
      request: requestOf.get(v.id) ?? null,
    };
  });
}

/** A customer asks to move a visit; 4xx naming the field for another's visit, a done or dispatched one. */
export async function createDateRequest(
  ctx: Ctx,
  input: TCreateDateRequest & { visitId: string },
): Promise<TDateRequest> {
  const today = toLocalDate(ctx.clock.now(), ctx.timeZone);
  return ctx.db.transaction(async (tx) => {
    // Another organisation's visit is not found, the same answer as a missing one.
    const visit = await repo.findVisit(tx, ctx.scope, input.visitId);
    if (!visit) throw invalidField('visitId', 'no such maintenance visit');
    await repo.lockVisit(tx, visit.id);
    const state = (await workOrderStates(tx, [visit.workOrderId])).get(visit.workOrderId);
    if (isDone(state) || visit.dueOn < today)
      throw invalidField('visitId', 'the visit is already done or past; ask the service desk');
    if (state?.status !== 'new')
      throw invalidField('visitId', 'an engineer is already dispatched; call the service desk to change it');
    if (input.requestedOn <= today) throw invalidField('requestedOn', 'ask for a day after today');
    if (input.requestedOn === visit.dueOn)
      throw invalidField('requestedOn', 'the visit is on that day already');
    if (input.requestedOn > addDays(today, 366)) throw invalidField('requestedOn', 'more than a year ahead');
    const [pending] = await repo.listDateRequests(
      tx,
      ctx.scope,
      { status: 'pending', visitIds: [visit.id] },
      1,
    );
    if (pending)
      throw conflict('a request for this visit is waiting for the dispatcher', [
        { field: 'visitId', message: 'a request is already pending' },
      ]);
    const row = await repo.insertDateRequest(tx, {
      customerId: visit.customerId,
      visitId: visit.id,
      currentOn: visit.dueOn,
      requestedOn: input.requestedOn,
      reason: input.reason,
      createdBy: ctx.principal.userId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'maintenance-date-request.create',
      entityType: 'maintenance_date_request',
      entityId: row.id,
      after: row,
    });
    const [shown] = await toRequests(tx, [row]);
    await sendNotices(tx, ctx, [
      {
        kind: 'maintenance.date-request',
        userIds: await activeStaffIds(tx, DISPATCHERS),
        payload: {
          requestId: row.id,
          projectName: shown!.projectName,
          currentOn: row.currentOn,
          requestedOn: row.requestedOn,
        },
        render: (locale) =>
          locale.startsWith('zh')
            ? {
                subject: `客户请求改期：${shown!.projectName}`,
                text: `${shown!.customerName} 请求将 ${shown!.projectName} 的上门保养/巡检从 ${row.currentOn} 改到 ${row.requestedOn}。原因：${row.reason}`,
              }
            : {
                subject: `Date change requested: ${shown!.projectName}`,
                text: `${shown!.customerName} asks to move the visit at ${shown!.projectName} from ${row.currentOn} to ${row.requestedOn}. Reason: ${row.reason}`,
              },
        dedupeKey: `maintenance.date-request:${row.id}`,
      },
    ]);
    return shown!;
  });
}

export async function listDateRequests(ctx: Ctx, filter: { status?: TDateRequest['status'] }) {
  return toRequests(ctx.db, await repo.listDateRequests(ctx.db, ctx.scope, filter, 500));
}

/**
 * The dispatcher's decision. Confirming moves the visit (generation no longer moves it) and its work
 * order while it is new; a planned visit cannot land on a day the project has another planned visit.
 */
export async function decideDateRequest(ctx: Ctx, id: string, input: TDecideDateRequest) {
  if (input.decision === 'decline' && !input.reason)
    throw invalidField('reason', 'say why the date is declined; the customer is told');
  return ctx.db.transaction(async (tx) => {
    const request = await repo.findDateRequest(tx, ctx.scope, id);
    if (!request) throw notFound('Date request');
    if (request.status !== 'pending')
      throw conflict('the request was decided already', [{ field: 'version', message: 'decided' }]);
    const visit = (await repo.findVisit(tx, { kind: 'all' }, request.visitId))!;
    await repo.lockVisit(tx, visit.id);
    if (input.decision === 'confirm') {
      if (visit.kind === 'planned' && (await repo.plannedVisitOn(tx, visit.projectId, request.requestedOn)))
        throw conflict('the project has another planned visit on that day; decline and suggest it', [
          { field: 'requestedOn', message: 'another visit that day' },
        ]);
      const state = (await workOrderStates(tx, [visit.workOrderId])).get(visit.workOrderId)!;
      const moved = await replanWorkOrder(tx, ctx, visit.workOrderId, {
        assetIds: state.assetIds,
        summary: state.summary,
        scheduledAt: scheduledAt(request.requestedOn, null, ctx.timeZone),
      });
      if (!moved)
        throw conflict(
          'an engineer has been dispatched meanwhile; decline and arrange it with the engineer',
          [{ field: 'decision', message: 'already dispatched' }],
        );
      await repo.moveVisit(tx, visit.id, request.requestedOn, ctx.clock.now());
    }
    const after = await repo.decideDateRequest(tx, id, input.version, {
      status: input.decision === 'confirm' ? 'confirmed' : 'declined',
      decisionReason: input.reason ?? null,
      decidedBy: ctx.principal.userId,
      decidedAt: ctx.clock.now(),
    });
    if (!after) throw staleVersion('Date request');
    await writeAudit(tx, ctx, {
      action: `maintenance-date-request.${input.decision}`,
      entityType: 'maintenance_date_request',
      entityId: id,
      before: request,
      after,
    });
    const [shown] = await toRequests(tx, [after]);
    await tellCustomer(tx, ctx, visit, shown!);
    return shown!;
  });
}

/** The requester in the app, and the site's contact by email, in both languages. */
async function tellCustomer(tx: Executor, ctx: Ctx, visit: repo.VisitRow, r: TDateRequest) {
  const confirmed = r.status === 'confirmed';
  const subject = confirmed
    ? `上门日期已改为 ${r.requestedOn} / Visit moved to ${r.requestedOn}`
    : `改期请求未获同意 / Date request declined`;
  const text = confirmed
    ? `${r.projectName}：上门保养/巡检已由 ${r.currentOn} 改到 ${r.requestedOn}。\nThe visit at ${r.projectName} has moved from ${r.currentOn} to ${r.requestedOn}.`
    : `${r.projectName}：改期到 ${r.requestedOn} 的请求未获同意，原定 ${r.currentOn} 不变。原因：${r.decisionReason}\nThe request to move the visit at ${r.projectName} to ${r.requestedOn} was declined; it stays on ${r.currentOn}. Reason: ${r.decisionReason}`;
  const payload = {
    requestId: r.id,
    projectName: r.projectName,
    currentOn: r.currentOn,
    requestedOn: r.requestedOn,
    status: r.status,
    reason: r.decisionReason,
    subject,
    text,
  };
  const now = ctx.clock.now();
  const requester = (await repo.findDateRequest(tx, { kind: 'all' }, r.id))?.createdBy;
  if (requester)
    await enqueueMessage(
      tx,
      {
        channel: 'in_app',
        recipient: requester,
        template: 'maintenance.date-decided',
        payload,
        dedupeKey: `maintenance.date-decided:${r.id}:in_app`,
      },
      now,
    );
  const contact = (await siteContacts(tx, [visit.projectId])).get(visit.projectId);
  if (contact?.email)
    await enqueueMessage(
      tx,
      {
        channel: 'email',
        recipient: contact.email,
        template: 'maintenance.date-decided',
        payload,
        dedupeKey: `maintenance.date-decided:${r.id}:email`,
      },
      now,
    );
}
