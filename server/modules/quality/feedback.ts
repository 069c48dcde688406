// The field feedback form (售后信息反馈意见表, 篇3 二) after every trip: the engineer of a completed work
// order fills it on the phone — the fault found, its cause, the customer's opinion, suggestions, photos
// and videos —; the quality engineers read them and may open a quality case from one.
import type { TFeedbackForm, TSubmitFeedbackRequest } from '../../../common/quality-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageFrom } from '../../platform/pagination.ts';
import { assertReferences } from '../../platform/references.ts';
import { workOrderOwners, workOrderStates } from '../field/index.ts';
import * as repo from './repository.ts';

function toFeedback(row: repo.FeedbackRow): TFeedbackForm {
  return {
    id: row.id,
    workOrderId: row.workOrderId,
    workOrderNumber: row.workOrderNumber,
    customerId: row.customerId,
    engineerName: row.engineerName,
    faultFound: row.faultFound,
    cause: row.cause,
    customerOpinion: row.customerOpinion,
    suggestions: row.suggestions,
    fileIds: row.fileIds,
    caseId: row.caseId,
    submittedAt: row.submittedAt.toISOString(),
  };
}

/** The work order's form, or 404 (the phone asks whether it is filled yet). */
export async function feedbackOfWorkOrder(ctx: Ctx, workOrderId: string) {
  const state = (await workOrderStates(ctx.db, [workOrderId])).get(workOrderId);
  if (!state) throw notFound('Work order');
  if (!ctx.principal.permissions.has('quality.read') && state.engineerId !== ctx.principal.userId)
    throw notFound('Work order');
  const row = await repo.feedbackOfWorkOrder(ctx.db, workOrderId);
  if (!row) throw notFound('Feedback form');
  return toFeedback(row);
}

export async function submitFeedback(ctx: Ctx, workOrderId: string, input: TSubmitFeedbackRequest) {
  const state = (await workOrderStates(ctx.db, [workOrderId])).get(workOrderId);
  const owner = (await workOrderOwners(ctx.db, [workOrderId])).get(workOrderId);
  if (!state || !owner) throw notFound('Work order');
  if (state.engineerId !== ctx.principal.userId)
    throw forbidden('Only the engineer of the work order fills its feedback form');
  if (state.status !== 'completed')
    throw conflict('The feedback form is filled after the work order is completed');
  await assertReferences(ctx, owner.customerId, [{ field: 'fileIds', kind: 'file', ids: input.fileIds }]);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertFeedback(tx, {
      workOrderId,
      workOrderNumber: owner.number,
      customerId: owner.customerId,
      engineerId: ctx.principal.userId!,
      engineerName: ctx.principal.displayName,
      faultFound: input.faultFound,
      cause: input.cause,
      customerOpinion: input.customerOpinion,
      suggestions: input.suggestions ?? null,
      fileIds: input.fileIds,
      submittedAt: ctx.clock.now(),
    });
    if (!row) throw conflict('The feedback form of this work order is already filled');
    await writeAudit(tx, ctx, {
      action: 'quality_feedback.submit',
      entityType: 'quality_feedback_form',
      entityId: row.id,
      before: null,
      after: row,
    });
    return toFeedback(row);
  });
}

export async function listFeedback(ctx: Ctx, query: { cursor?: string; limit: number }) {
  const rows = await repo.listFeedback(ctx.db, decodeCursor(query.cursor), query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.submittedAt.toISOString(), id: r.id }));
  return { items: page.items.map(toFeedback), nextCursor: page.nextCursor };
}
