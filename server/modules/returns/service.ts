// Returns (退货 / RMA, 篇3 5) as the seed's process: (1) the customer objects to the product and asks
// within the days its contract allows; (3) staff inspect it — quality, packaging, whether it is intact,
// human damage excluded, a customer who could not use it offered a free training (2); (4) the return
// form (退货单: the product, the reason, the opinion); (5) management decides: refund, exchange or
// repair, or not; the unit enters the stock as defective or good. Each step is one transaction with
// its audit entry, timeline event, archive event and the customer's email.

import { toLocalDate } from '../../../common/calendar-dates.ts';
import {
  DEFAULT_RETURN_SETTINGS,
  type RETURN_EVENT_KINDS,
  type TCreateReturnRequest,
  type TDecideReturnRequest,
  type TInspectReturnRequest,
  type TReceiveReturnRequest,
  type TReturn,
  type TReturnDetail,
  type TReturnListQuery,
  type TReturnSettings,
  type TUpdateReturnSettingsRequest,
} from '../../../common/returns-api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import {
  AppError,
  conflict,
  forbidden,
  invalidField,
  notFound,
  staleVersion,
} from '../../platform/errors.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import { assertReferences } from '../../platform/references.ts';
import { updateVersioned } from '../../platform/versioned.ts';
import { partForReturnedProduct, receiveCustomerReturn } from '../parts/index.ts';
import {
  customerAssetForReturn,
  customerFacts,
  findGoverningTerms,
  recordAssetReturn,
} from '../registry/index.ts';
import { createTicket } from '../tickets/index.ts';
import { tellCustomer } from './customer-mail.ts';
import * as repo from './repository.ts';
import { assetStatusAfter, returnWindow, statusAfterInspection, windowStartOf } from './rules.ts';
import { returnRequests } from './schema.ts';

// ---------- settings ----------
export async function settingsOf(db: Executor): Promise<TReturnSettings> {
  const row = await repo.findSettings(db);
  if (!row) return { ...DEFAULT_RETURN_SETTINGS, version: 0, updatedAt: null };
  return {
    defaultReturnDays: row.defaultReturnDays,
    windowFrom: row.windowFrom,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const getSettings = (ctx: Ctx) => settingsOf(ctx.db);

export async function updateSettings(ctx: Ctx, input: TUpdateReturnSettingsRequest) {
  const before = await settingsOf(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const { version, ...values } = input;
    const row = await repo.upsertSettings(
      tx,
      version,
      { ...values, updatedBy: ctx.principal.userId },
      ctx.clock.now(),
    );
    if (!row || (before.version === 0 && version !== 0)) throw staleVersion('Return settings');
    await writeAudit(tx, ctx, {
      action: 'return.settings',
      entityType: 'return_settings',
      entityId: null,
      before,
      after: row,
    });
  });
  return settingsOf(ctx.db);
}

// ---------- views ----------
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toReturn(row: repo.ReturnRow, ctx: Ctx): TReturn {
  const stock =
    row.stockLocationId && row.stockPartId && row.stockCondition && row.stockMovementId
      ? {
          locationId: row.stockLocationId,
          locationName: row.stockLocationName ?? '',
          partId: row.stockPartId,
          partNumber: row.stockPartNumber ?? '',
          condition: row.stockCondition,
          movementId: row.stockMovementId,
        }
      : null;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    customerId: row.customerId,
    customerName: row.customerName,
    projectId: row.projectId,
    projectName: row.projectName,
    assetId: row.assetId,
    serial: row.serial,
    productId: row.productId,
    productModel: row.productModel,
    productName: row.productName,
    reason: row.reason,
    photoFileIds: row.photoFileIds,
    requestedVia: row.requestedVia,
    requestedByName: row.requestedByName,
    windowStart: row.windowStart,
    allowedDays: row.allowedDays,
    deadline: row.deadline,
    withinWindow: row.withinWindow,
    overrideReason: row.overrideReason,
    overrideByName: row.overrideByName,
    inspection: row.inspection,
    outcome: row.outcome,
    decisionReason: row.decisionReason,
    decidedByName: row.decidedByName,
    decidedAt: iso(row.decidedAt),
    // Where the unit lies in the warehouse is the company's business, not the customer's.
    stock: ctx.scope.kind === 'customer' ? null : stock,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getReturn(ctx: Ctx, id: string): Promise<TReturnDetail> {
  const row = await repo.findReturn(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Return');
  const events = await repo.eventsOf(ctx.db, id);
  return {
    ...toReturn(row, ctx),
    events: events.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      actorName: e.actorName,
      status: e.status,
      note: e.note,
    })),
  };
}

export async function listReturns(ctx: Ctx, query: TReturnListQuery) {
  const { cursor, limit, ...filter } = query;
  const rows = await repo.listReturns(ctx.db, ctx.scope, filter, decodeCursor(cursor), limit);
  const page = pageFrom(rows, limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return { items: page.items.map((r) => toReturn(r, ctx)), nextCursor: page.nextCursor };
}

// ---------- request ----------
function outsideWindow(w: { start: string | null; deadline: string | null }, days: number) {
  return new AppError(
    422,
    'Outside the return period',
    `The return period ended on ${w.deadline}: the contract allows ${days} days from delivery (${w.start}). A service manager may accept it with a reason.`,
    [
      {
        field: 'overrideReason',
        message: `outside the ${days} days the contract allows (until ${w.deadline})`,
      },
    ],
  );
}

export async function createReturn(ctx: Ctx, input: TCreateReturnRequest): Promise<TReturnDetail> {
  const customerId = ctx.scope.kind === 'customer' ? ctx.scope.customerId : input.customerId;
  if (!customerId) throw invalidField('customerId', 'name the customer the return is for');
  if (ctx.scope.kind === 'customer' && input.customerId && input.customerId !== customerId)
    throw invalidField('customerId', 'no such customer');
  if (input.overrideReason && !ctx.principal.permissions.has('returns.approve'))
    throw forbidden('Only a service manager may accept a return outside the allowed days (returns.approve)');
  await assertReferences(ctx, customerId, [
    { field: 'customerId', kind: 'customer', ids: customerId },
    { field: 'photoFileIds', kind: 'file', ids: input.photoFileIds },
  ]);
  if (!input.assetId && !input.serial)
    throw invalidField('serial', 'give the serial number of the equipment');
  const field = input.assetId ? 'assetId' : 'serial';
  const asset = await customerAssetForReturn(ctx.db, customerId, {
    assetId: input.assetId,
    serial: input.serial,
  });
  if (!asset) throw invalidField(field, "not the customer's equipment");
  if (asset.status === 'retired' || asset.status === 'replaced')
    throw invalidField(field, 'the equipment is already out of service');

  const now = ctx.clock.now();
  const today = toLocalDate(now, asset.timeZone ?? ctx.timeZone);
  const settings = await settingsOf(ctx.db);
  const start = windowStartOf(asset, settings.windowFrom);
  const terms = await findGoverningTerms(ctx.db, asset.projectId, start ?? today);
  const days = terms?.returnDays ?? settings.defaultReturnDays;
  const window = returnWindow(start, days, today);
  if (!window.within && !input.overrideReason) throw outsideWindow(window, days);
  const overridden = !window.within && input.overrideReason ? input.overrideReason : null;

  const id = await ctx.db.transaction(async (tx) => {
    const open = await repo.openReturnOf(tx, asset.assetId);
    if (open) throw conflict(`Return ${open.number} of this equipment is still open`);
    const customer = (await customerFacts(tx, [customerId])).get(customerId);
    const actor = ctx.principal.displayName || ctx.principal.label;
    const row = await repo.insertReturn(tx, {
      number: await nextDocumentNumber(tx, 'RMA', now, ctx.timeZone, 5),
      customerId,
      projectId: asset.projectId,
      assetId: asset.assetId,
      productId: asset.productId,
      customerName: customer?.name ?? '',
      projectName: asset.projectName,
      serial: asset.serial,
      productModel: asset.productModel,
      productName: asset.productName,
      reason: input.reason,
      photoFileIds: input.photoFileIds,
      requestedVia: ctx.scope.kind === 'customer' ? 'portal' : 'staff',
      requestedBy: ctx.principal.userId,
      requestedByName: actor,
      windowStart: window.start,
      allowedDays: days,
      deadline: window.deadline,
      withinWindow: window.within,
      overrideReason: overridden,
      overrideBy: overridden ? ctx.principal.userId : null,
      overrideByName: overridden ? actor : null,
      createdAt: now,
      updatedAt: now,
    });
    await event(tx, ctx, row, 'requested', null);
    if (overridden) await event(tx, ctx, row, 'overridden', overridden);
    await writeAudit(tx, ctx, {
      action: overridden ? 'return.create-override' : 'return.create',
      entityType: 'return',
      entityId: row.id,
      after: row,
    });
    await recordAssetReturn(tx, ctx, {
      assetId: row.assetId,
      status: null,
      kind: 'returns.requested',
      summary: `Return ${row.number} requested`,
      details: { number: row.number },
      returnId: row.id,
    });
    await tellCustomer(tx, ctx, row, 'requested');
    return row.id;
  });
  return getReturn(ctx, id);
}

async function event(
  tx: Executor,
  ctx: Ctx,
  row: repo.ReturnRow,
  kind: (typeof RETURN_EVENT_KINDS)[number],
  note: string | null,
) {
  await repo.insertEvent(tx, {
    returnId: row.id,
    customerId: row.customerId,
    kind,
    status: row.status,
    note,
    actorId: ctx.principal.userId,
    actorName: ctx.principal.displayName || ctx.principal.label,
    at: ctx.clock.now(),
  });
}

/** The return in this status, or 409 saying what it is now. */
async function inStatus(tx: Executor, ctx: Ctx, id: string, status: TReturn['status'], step: string) {
  const row = await repo.findReturn(tx, ctx.scope, id);
  if (!row) throw notFound('Return');
  if (row.status !== status)
    throw conflict(
      `The return is ${row.status.replaceAll('_', ' ')}; ${step} needs it ${status.replaceAll('_', ' ')}`,
    );
  return row;
}

const scoped = (ctx: Ctx) => ({ column: returnRequests.customerId, scope: ctx.scope });

// ---------- inspection ----------
export async function inspectReturn(ctx: Ctx, id: string, input: TInspectReturnRequest) {
  await ctx.db.transaction(async (tx) => {
    const before = await inStatus(tx, ctx, id, 'requested', 'an inspection');
    await assertReferences(
      ctx,
      before.customerId,
      [{ field: 'photoFileIds', kind: 'file', ids: input.photoFileIds }],
      tx,
    );
    const { version, ...fields } = input;
    const status = statusAfterInspection(fields);
    const after = await updateVersioned(
      tx,
      returnRequests,
      'Return',
      id,
      version,
      {
        status,
        inspection: {
          ...fields,
          inspectedByName: ctx.principal.displayName || ctx.principal.label,
          inspectedAt: ctx.clock.now().toISOString(),
        },
      },
      scoped(ctx),
    );
    await event(tx, ctx, after, 'inspected', input.opinion);
    await writeAudit(tx, ctx, {
      action: 'return.inspect',
      entityType: 'return',
      entityId: id,
      before,
      after,
    });
    if (status !== 'awaiting_approval') {
      await recordAssetReturn(tx, ctx, {
        assetId: after.assetId,
        status: null,
        kind: 'returns.refused',
        summary: `Return ${after.number} ${status === 'training' ? 'closed with a free training' : 'refused: human damage'}`,
        details: { number: after.number, ...(status === 'training' ? { outcome: 'training' } : {}) },
        returnId: id,
      });
    }
    if (status === 'training') {
      // 篇3 5(2): one free training instead — a training request on the service desk for the trainers.
      const ticket = await createTicket(ctxInTransaction(ctx, tx as never), {
        kind: 'training_request',
        customerId: after.customerId,
        projectId: after.projectId,
        assetIds: [after.assetId],
        priority: 'normal',
        emergency: false,
        complexity: 'general',
        attachmentIds: [],
        subject: `免费培训 / Free training: ${after.productName} ${after.serial} (${after.number})`,
        description: `${after.number}\n${input.opinion}`,
      });
      await event(tx, ctx, after, 'training_requested', ticket.number);
    }
    await tellCustomer(
      tx,
      ctx,
      after,
      status === 'refused' ? 'refused' : status === 'training' ? 'training' : 'inspected',
    );
  });
  return getReturn(ctx, id);
}

// ---------- approval ----------
export async function decideReturn(ctx: Ctx, id: string, input: TDecideReturnRequest) {
  const approve = input.decision === 'approve';
  if (approve && !input.outcome) throw invalidField('outcome', 'choose refund, exchange or repair');
  if (!approve && !input.reason) throw invalidField('reason', 'say why the return is rejected');
  await ctx.db.transaction(async (tx) => {
    const before = await inStatus(tx, ctx, id, 'awaiting_approval', 'a decision');
    const after = await updateVersioned(
      tx,
      returnRequests,
      'Return',
      id,
      input.version,
      {
        status: approve ? 'approved' : 'rejected',
        outcome: approve ? input.outcome : null,
        decisionReason: input.reason ?? null,
        decidedBy: ctx.principal.userId,
        decidedByName: ctx.principal.displayName || ctx.principal.label,
        decidedAt: ctx.clock.now(),
      },
      scoped(ctx),
    );
    await event(tx, ctx, after, approve ? 'approved' : 'rejected', input.reason ?? null);
    await writeAudit(tx, ctx, {
      action: approve ? 'return.approve' : 'return.reject',
      entityType: 'return',
      entityId: id,
      before,
      after,
    });
    await recordAssetReturn(tx, ctx, {
      assetId: after.assetId,
      status: approve && after.outcome ? assetStatusAfter(after.outcome) : null,
      kind: 'returns.decided',
      summary: `Return ${after.number} ${approve ? `approved: ${after.outcome}` : 'rejected'}`,
      details: { number: after.number, outcome: approve ? after.outcome : 'rejected' },
      returnId: id,
    });
    await tellCustomer(tx, ctx, after, approve ? 'approved' : 'rejected');
  });
  return getReturn(ctx, id);
}

// ---------- the unit into stock ----------
export async function receiveReturn(ctx: Ctx, id: string, input: TReceiveReturnRequest) {
  await ctx.db.transaction(async (tx) => {
    const before = await inStatus(tx, ctx, id, 'approved', 'receiving the unit');
    const part = await partForReturnedProduct(tx, {
      partId: input.partId,
      productModel: before.productModel,
    });
    if (!part)
      throw invalidField(
        'partId',
        input.partId
          ? 'no such active part'
          : `the product ${before.productModel} is not a stocked part: add it to the catalogue under part number ${before.productModel}, or choose the part it is kept as`,
      );
    const movement = await receiveCustomerReturn(tx, ctx, {
      partId: part.id,
      locationId: input.locationId,
      condition: input.condition,
      serial: before.serial,
      rmaNumber: before.number,
    });
    const after = await updateVersioned(
      tx,
      returnRequests,
      'Return',
      id,
      input.version,
      {
        status: 'completed',
        stockLocationId: input.locationId,
        stockLocationName: movement.locationName,
        stockPartId: part.id,
        stockPartNumber: part.partNumber,
        stockCondition: input.condition,
        stockMovementId: movement.id,
      },
      scoped(ctx),
    );
    await event(tx, ctx, after, 'received', null);
    await writeAudit(tx, ctx, {
      action: 'return.receive',
      entityType: 'return',
      entityId: id,
      before,
      after,
    });
    await recordAssetReturn(tx, ctx, {
      assetId: after.assetId,
      status: null,
      kind: 'returns.received',
      summary: `Return ${after.number}: unit received into stock (${input.condition})`,
      details: { number: after.number, condition: input.condition },
      returnId: id,
    });
    await tellCustomer(tx, ctx, after, 'received');
  });
  return getReturn(ctx, id);
}
