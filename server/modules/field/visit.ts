// The engineer's visit, recorded stage by stage from his phone — each stage at the moment it happened
// on the phone (offline actions sync later with their own time), each emitting the SLA milestone the
// service desk counts, the last one resolving the ticket and setting off what completion brings.

import {
  isSkippable,
  type TRecordStageRequest,
  type TStoredStageData,
  type TVisitStage,
  type TWorkOrderStatus,
} from '../../../common/field-api.ts';
import type { SlaEvent } from '../../../common/sla-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/deps.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { publishLive } from '../../platform/live.ts';
import { nextDocumentNumber } from '../../platform/number-series.ts';
import { activeStaffIds } from '../accounts/index.ts';
import { storeFile, withFilesRemovedOnFailure } from '../files/index.ts';
import { sendNotices } from '../notifications/index.ts';
import { recordArchiveEvents, recordRepairs } from '../registry/index.ts';
import { workMilestone } from '../tickets/index.ts';
import { type ChargeSheet, chargeSheet } from './charges.ts';
import { publishReportJob } from './report-job.ts';
import type { WorkOrderRow } from './repository.ts';
import * as repo from './repository.ts';
import { assertWorker, getWorkOrder, load } from './service.ts';

type WorkOrderChanges = Partial<Omit<WorkOrderRow, 'id'>>;

interface Stage {
  status?: TWorkOrderStatus;
  sla?: SlaEvent;
  /** The archive's summary of the stage, for the stages the service archive keeps. */
  archive?: string;
  /** What the stage records on the work order; throws when the stage lacks what it needs. */
  changes?: (data: TStoredStageData, input: TRecordStageRequest, at: Date) => WorkOrderChanges;
}

const diagnosed: Stage['changes'] = (data) => {
  if (!data.faultLocation) throw invalidField('data.faultLocation', 'where is the fault?');
  return { diagnosis: { faultLocation: data.faultLocation, cause: data.cause ?? 'unknown' } };
};

const planAgreed: Stage['changes'] = (data) => {
  if (!data.consent) throw invalidField('data.consent', 'the customer’s consent');
  return {
    plan: {
      text: data.plan ?? null,
      estimatedMinutes: data.estimatedMinutes ?? null,
      consent: { ...data.consent, signatureFileId: data.signatureFileId ?? null },
    },
    // The travel shown to the customer with the plan is what completion charges, unless re-entered.
    ...(data.travelKm != null ? { travelKm: data.travelKm } : {}),
  };
};

const temporarySolution: Stage['changes'] = (data, input) => {
  if (!data.plannedFix) throw invalidField('data.plannedFix', 'the planned permanent fix');
  return { temporary: { solution: data.solution ?? input.note ?? null, plannedFix: data.plannedFix } };
};

const completed: Stage['changes'] = (data, _input, at) => ({
  report: {
    process: data.process ?? null,
    result: data.result ?? null,
    tests: data.tests ?? null,
    prevention: data.prevention ?? null,
  },
  // What was entered before (the kilometres at the plan) stays unless entered again.
  ...(data.timeSpentMinutes != null ? { timeSpentMinutes: data.timeSpentMinutes } : {}),
  ...(data.travelKm != null ? { travelKm: data.travelKm } : {}),
  completedAt: at,
  reportDelivery: { state: 'pending', attempts: 0, error: null, at: at.toISOString() },
});

/** What each stage means for the work order, its status and the ticket's SLA. */
const STAGES: Record<TVisitStage, Stage> = {
  remote_guidance: { sla: 'remote_fix_attempted' },
  accepted: { status: 'accepted' },
  departed: { status: 'travelling' },
  arrived: { status: 'on_site', sla: 'arrived_on_site', archive: '到达现场' },
  credentials_shown: {},
  diagnosed: { status: 'diagnosed', sla: 'onsite_diagnosed', changes: diagnosed },
  plan_agreed: { status: 'repairing', changes: planAgreed },
  repair_started: { status: 'repairing' },
  tested: {},
  temporary_solution: { sla: 'temporary_solution', changes: temporarySolution },
  completed: { status: 'completed', sla: 'resolved', archive: '维修完成', changes: completed },
};

// Stages can arrive out of order after a sync: the status only moves forward.
const STATUS_ORDER: TWorkOrderStatus[] = [
  'new',
  'assigned',
  'accepted',
  'travelling',
  'on_site',
  'diagnosed',
  'repairing',
  'completed',
];
const forward = (from: TWorkOrderStatus, to: TWorkOrderStatus | undefined) =>
  to && STATUS_ORDER.indexOf(to) > STATUS_ORDER.indexOf(from) ? to : undefined;

export interface VisitDeps {
  blobStore: BlobStore;
  jobs: JobQueue;
}

/**
 * The engineer records a stage of his visit. Idempotent by the phone's event id (an action resent
 * after a lost answer is recorded once); `at` is the phone's time of the action, not of the sync.
 */
export async function recordStage(ctx: Ctx, deps: VisitDeps, id: string, input: TRecordStageRequest) {
  const w = await load(ctx, id);
  assertWorker(ctx, w, 'records the visit');
  const dup = await repo.findEventByClientId(ctx.db, input.clientEventId);
  if (dup) {
    if (dup.workOrderId !== id) throw invalidField('clientEventId', 'already used for another work order');
    // A resent completion makes sure the report is on its way (the job is keyed: sent once).
    if (dup.stage === 'completed' && w.reportDelivery?.state === 'pending') await sendReport(deps, id);
    return getWorkOrder(ctx, id);
  }
  const now = ctx.clock.now();
  const at = new Date(input.at);
  checkMoment(w, input, at, now);
  if (input.skipReason !== undefined) {
    await skipStage(ctx, w, input, at, now);
    return getWorkOrder(ctx, id);
  }
  const stage = STAGES[input.stage];
  // The signature's file is stored in the stage's transaction: a refused stage leaves no file behind.
  const recorded = await withFilesRemovedOnFailure(deps.blobStore, (blobs) =>
    ctx.db.transaction(async (tx) => {
      const data = await storeSignature(ctxInTransaction(ctx, tx), blobs, w, input.data ?? {});
      const changes = stage.changes?.(data, input, at) ?? {};
      // At completion the charge sheet is fixed (what the warranty does not cover, at the fee schedule).
      const sheet =
        input.stage === 'completed'
          ? await chargeSheet(ctx, w, { timeSpentMinutes: data.timeSpentMinutes, travelKm: data.travelKm })
          : null;
      const event = await repo.insertEvent(tx, {
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
      });
      if (!event) return false; // the same action arrived twice at once
      const status = forward(w.status, stage.status);
      await repo.updateWorkOrder(tx, id, { ...(status ? { status } : {}), ...changes, updatedAt: now });
      await writeAudit(tx, ctx, {
        action: `work-order.${input.stage}`,
        entityType: 'work_order',
        entityId: id,
        after: { at, lat: input.lat, lng: input.lng, data },
      });
      if (stage.sla && w.ticketId) await workMilestone(tx, ctx, w.ticketId, stage.sla, at);
      if (sheet) await completeWork(tx, ctx, w, sheet, at);
      if (stage.archive) await archiveStage(tx, ctx, w, input.stage, stage.archive, at);
      await publishLive(tx, { type: 'work_order', id, customerId: w.customerId });
      return true;
    }),
  );
  // The signed report: stored, archived and emailed by a job that retries. It can always be rebuilt
  // on download.
  if (recorded && input.stage === 'completed') await sendReport(deps, id);
  return getWorkOrder(ctx, id);
}

/**
 * A stage that does not apply to this visit (no credentials asked for, nothing to test) is recorded
 * as skipped with the engineer's reason: it moves nothing (status, SLA, archive) and is audited.
 */
async function skipStage(ctx: Ctx, w: WorkOrderRow, input: TRecordStageRequest, at: Date, now: Date) {
  if (!isSkippable(input.stage)) throw invalidField('stage', 'this stage cannot be skipped');
  if (input.data) throw invalidField('data', 'a skipped stage records no data');
  const events = await repo.eventsOf(ctx.db, w.id);
  if (events.some((e) => e.stage === input.stage))
    throw conflict('The stage is already recorded (done or skipped)');
  await ctx.db.transaction(async (tx) => {
    const event = await repo.insertEvent(tx, {
      workOrderId: w.id,
      stage: input.stage,
      at,
      recordedAt: now,
      actorId: ctx.principal.userId,
      clientEventId: input.clientEventId,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      note: input.note ?? null,
      data: null,
      skipReason: input.skipReason,
    });
    if (!event) return;
    await repo.updateWorkOrder(tx, w.id, { updatedAt: now });
    await writeAudit(tx, ctx, {
      action: 'work-order.skip',
      entityType: 'work_order',
      entityId: w.id,
      after: { stage: input.stage, reason: input.skipReason, at },
    });
    await publishLive(tx, { type: 'work_order', id: w.id, customerId: w.customerId });
  });
}

function checkMoment(w: WorkOrderRow, input: TRecordStageRequest, at: Date, now: Date) {
  if (at.getTime() > now.getTime() + 5 * 60_000) throw invalidField('at', 'cannot be in the future');
  if (at < w.createdAt) throw invalidField('at', 'before the work order was created');
  if (w.status === 'cancelled') throw conflict('The work order is cancelled');
  if (w.status === 'completed' && input.stage !== 'completed') throw conflict('The work order is completed');
  // A planned maintenance visit ends with its maintenance record signed by the customer (maintenance).
  if (input.stage === 'completed' && w.kind === 'maintenance' && w.ticketId === null)
    throw conflict('A planned maintenance visit is completed by the customer signing its maintenance record');
}

/** The customer's signature arrives as a PNG drawn on the phone: it becomes a file of the customer. */
async function storeSignature(
  ctx: Ctx,
  blobs: BlobStore,
  w: WorkOrderRow,
  input: NonNullable<TRecordStageRequest['data']>,
): Promise<TStoredStageData> {
  const { signature, ...data } = input;
  if (signature === undefined) return data;
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(signature);
  if (!m?.[1] || m[1].length > 400_000) throw invalidField('data.signature', 'a PNG image of at most 300 KB');
  const file = await storeFile({ ...ctx, scope: { kind: 'all' } }, blobs, {
    name: `${w.number}-signature.png`,
    data: Buffer.from(m[1], 'base64'),
    customerId: w.customerId,
  });
  return { ...data, signatureFileId: file.id };
}

async function sendReport(deps: VisitDeps, workOrderId: string) {
  await deps.jobs.send(publishReportJob, { workOrderId }, workOrderId);
}

async function archiveStage(
  tx: Executor,
  ctx: Ctx,
  w: WorkOrderRow,
  stage: TVisitStage,
  summary: string,
  at: Date,
) {
  const event = {
    customerId: w.customerId,
    projectId: w.projectId,
    kind: `field.${stage}`,
    summary: `${w.number} ${summary}`,
    details: { number: w.number, stage },
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

/**
 * What completion sets going: the receipt number when something is charged, the repair counts of
 * the equipment (a 4th repair calls for replacement: engineer and managers are told). The follow-up
 * (回访, 篇1 四.3) is the followups module's: its job reads the completed repairs (`repairsCompleted`).
 */
async function completeWork(tx: Executor, ctx: Ctx, w: WorkOrderRow, sheet: ChargeSheet, at: Date) {
  const receiptNumber = sheet.totalFen > 0 ? await nextDocumentNumber(tx, 'SF', at, ctx.timeZone) : null;
  await repo.updateWorkOrder(tx, w.id, { charges: sheet, receiptNumber }, false);
  const repairs = await recordRepairs(tx, ctx, w.assetIds);
  const replace = repairs.filter((r) => r.decision !== 'repair');
  if (replace.length) {
    const people = await activeStaffIds(tx, ['manager'], [w.engineerId]);
    await sendNotices(
      tx,
      { clock: { now: () => at } },
      replace.map((r) => ({
        kind: 'field.replace-required' as const,
        userIds: people,
        payload: { assetId: r.assetId, serial: r.serial, decision: r.decision, number: w.number },
        render: (locale: string) => {
          const line = locale.startsWith('en')
            ? `Equipment ${r.serial} is due for replacement after repeated repairs (${w.number})`
            : `设备 ${r.serial} 多次维修，应予更换（${w.number}）`;
          return { subject: line, text: line };
        },
        dedupeKey: `replace:${w.id}:${r.assetId}`,
      })),
    );
  }
}
