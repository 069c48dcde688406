// The maintenance record (保养记录): the customer signs on the engineer's screen once every required
// entry is answered; in the same transaction the work order is completed, the PDF (in the customer's
// language) stored as the customer's file, recorded in the service archive of the project and of each
// asset, and emailed to the customer's contact. The service centre then reviews it (a setting): a
// reviewer approves it or returns it to the engineer with a reason; the customer signs again after.
import type {
  TRecord,
  TRecordStatus,
  TReviewRecordRequest,
  TSignVisitRequest,
} from '../../../common/maintenance-visit-api.ts';
import { unanswered } from '../../../common/maintenance-visit-rules.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import { type Ctx, ctxInTransaction } from '../../platform/context.ts';
import { AppError, conflict, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { customerReaderLocale } from '../accounts/index.ts';
import { completePlannedWorkOrder } from '../field/index.ts';
import { findFile, storeFile, withFilesRemovedOnFailure } from '../files/index.ts';
import { customerFacts, recordArchiveEvents } from '../registry/index.ts';
import { recordPdf } from './record-pdf.ts';
import { recordView } from './record-view.ts';
import { settingsOf } from './service.ts';
import { assertOpen, visitAccess, visitItems } from './visit-checklist.ts';
import * as vrepo from './visit-repository.ts';

/** What a customer sees: records it has signed, not one returned for correction. */
const CUSTOMER_STATUSES: TRecordStatus[] = ['signed', 'approved'];

async function requireAnswered(ctx: Ctx, visitId: string) {
  const [items, answers] = await Promise.all([visitItems(ctx.db, visitId), vrepo.answersOf(ctx.db, visitId)]);
  const missing = items.flatMap((i) => {
    const answered = new Set(answers.filter((a) => a.visitItemId === i.id).map((a) => a.key));
    return unanswered(i.checklist, answered).map((c) => ({
      field: `answers.${i.id}.${c.key}`,
      message: `${i.assetLabel}: ${c.label} is not answered`,
    }));
  });
  if (missing.length)
    throw new AppError(
      422,
      'Validation failed',
      `Required checklist items are unanswered: ${missing.map((m) => m.message).join('; ')}`,
      missing,
    );
}

function signatureData(signature: string) {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(signature);
  if (!m?.[1] || m[1].length > 400_000) throw invalidField('signature', 'a PNG image of at most 300 KB');
  return Buffer.from(m[1], 'base64');
}

/** The customer signs the visit's record; all or nothing. */
export async function signVisit(ctx: Ctx, blobs: BlobStore, visitId: string, input: TSignVisitRequest) {
  const access = await visitAccess(ctx, await vrepo.findVisit(ctx.db, ctx.scope, visitId), true);
  const { visit, workOrder } = access;
  const at = new Date(input.at);
  const now = ctx.clock.now();
  if (at.getTime() > now.getTime() + 5 * 60_000) throw invalidField('at', 'cannot be in the future');
  await assertOpen(ctx, access);
  await requireAnswered(ctx, visitId);
  const png = signatureData(input.signature);
  const reviewRequired = (await settingsOf(ctx.db)).reviewRequired;
  const lang = (await customerReaderLocale(ctx.db, visit.customerId))?.startsWith('en') ? 'en' : 'zh-CN';
  const staff = { ...ctx, scope: { kind: 'all' as const } };
  await withFilesRemovedOnFailure(blobs, (tracked) =>
    ctx.db.transaction(async (tx) => {
      const txCtx = ctxInTransaction(staff, tx);
      await vrepo.lockVisit(tx, visitId);
      await assertOpen(ctx, access, tx);
      const before = await vrepo.findRecord(tx, { kind: 'all' }, visitId);
      const signatureFile = await storeFile(txCtx, tracked, {
        name: `${workOrder.number}-signature.png`,
        data: png,
        customerId: visit.customerId,
      });
      const fields = {
        status: (reviewRequired ? 'signed' : 'approved') as TRecordStatus,
        summary: input.summary,
        signedBy: input.signedBy,
        signedAt: at,
        signatureFileId: signatureFile.id,
        engineerId: workOrder.engineerId,
        reviewerId: null,
        reviewedAt: null,
        returnReason: null,
        updatedAt: now,
      };
      if (before) await vrepo.updateRecord(tx, visitId, before.version, fields);
      else await vrepo.insertRecord(tx, { visitId, customerId: visit.customerId, ...fields });
      await completePlannedWorkOrder(tx, ctx, visit.workOrderId, at, input.summary);
      const { number, pdf } = await recordPdf(txCtx, tracked, visitId, lang);
      const file = await storeFile(txCtx, tracked, {
        name: `${number}-${lang === 'en' ? 'maintenance-record' : '保养记录'}.pdf`,
        data: pdf,
        customerId: visit.customerId,
      });
      await vrepo.updateRecord(tx, visitId, null, { fileId: file.id });
      const items = await visitItems(tx, visitId);
      const event = {
        customerId: visit.customerId,
        projectId: visit.projectId,
        kind: 'maintenance.record',
        summary: `${number} 保养记录`,
        details: { number, fileId: file.id, signedBy: input.signedBy },
        refType: 'maintenance_visit',
        refId: visitId,
        occurredAt: at,
      };
      const assetIds = [...new Set(items.map((i) => i.assetId))];
      // The project's archive (no asset) and each asset's.
      await recordArchiveEvents(tx, ctx, [event, ...assetIds.map((assetId) => ({ ...event, assetId }))]);
      const email = (await customerFacts(tx, [visit.customerId])).get(visit.customerId)?.contactEmail;
      if (email) {
        const { storageKey } = await findFile(txCtx, file.id);
        await enqueueMessage(
          tx,
          {
            channel: 'email',
            recipient: email,
            template: 'maintenance.record',
            payload: {
              subject: lang === 'en' ? `Maintenance record ${number}` : `保养记录 ${number}`,
              text:
                lang === 'en'
                  ? `Hello,\n\nThe maintenance visit ${number} is complete. The maintenance record is attached and in the customer portal.\n\nAftercare`
                  : `您好：\n\n${number} 保养已完成，保养记录见附件，也可在客户门户查看。\n\nAftercare`,
              attachments: [{ filename: `${number}.pdf`, storageKey, contentType: 'application/pdf' }],
            },
            dedupeKey: `maintenance-record:${visitId}:${(before?.version ?? 0) + 1}`,
          },
          now,
        );
      }
      await writeAudit(tx, ctx, {
        action: 'maintenance-record.sign',
        entityType: 'maintenance_visit',
        entityId: visitId,
        before: before ?? null,
        after: { ...fields, fileId: file.id },
      });
    }),
  );
  return getRecord(ctx, visitId);
}

export async function getRecord(ctx: Ctx, visitId: string): Promise<TRecord> {
  const visit = await vrepo.findVisit(ctx.db, ctx.scope, visitId);
  const record = await vrepo.findRecord(ctx.db, ctx.scope, visitId);
  if (!visit || !record || (ctx.scope.kind === 'customer' && !CUSTOMER_STATUSES.includes(record.status)))
    throw notFound('Maintenance record');
  if (ctx.scope.kind !== 'customer') await visitAccess(ctx, visit, false);
  return (await recordView(ctx.db, [{ record, visit }]))[0]!;
}

/**
 * Records: a customer its own signed ones; staff who see all work orders every one (the reviewer's
 * queue with `status=signed`); an engineer his own.
 */
export async function listRecords(ctx: Ctx, filter: { status?: TRecordStatus; customerId?: string }) {
  const customer = ctx.scope.kind === 'customer';
  const statuses = customer
    ? CUSTOMER_STATUSES.filter((s) => !filter.status || s === filter.status)
    : filter.status
      ? [filter.status]
      : undefined;
  const engineerId =
    customer || ctx.principal.permissions.has('workorders.read_all')
      ? undefined
      : (ctx.principal.userId ?? '00000000-0000-0000-0000-000000000000');
  const rows = await vrepo.listRecords(ctx.db, ctx.scope, {
    statuses,
    customerId: filter.customerId,
    engineerId,
  });
  return recordView(ctx.db, rows);
}

/** The service centre's review: approve, or return to the engineer with the reason (he is told). */
export async function reviewRecord(
  ctx: Ctx,
  visitId: string,
  decision: 'approve' | 'return',
  input: TReviewRecordRequest,
) {
  if (decision === 'return' && !input.reason) throw invalidField('reason', 'say why the record goes back');
  const before = await vrepo.findRecord(ctx.db, ctx.scope, visitId);
  if (!before) throw notFound('Maintenance record');
  if (before.status !== 'signed')
    throw conflict(`The maintenance record is ${before.status}, not awaiting review`);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const after = await vrepo.updateRecord(tx, visitId, input.version, {
      status: decision === 'approve' ? 'approved' : 'returned',
      reviewerId: ctx.principal.userId,
      reviewedAt: now,
      returnReason: decision === 'return' ? input.reason! : null,
      updatedAt: now,
    });
    if (!after) throw staleVersion('Maintenance record');
    await writeAudit(tx, ctx, {
      action: `maintenance-record.${decision}`,
      entityType: 'maintenance_visit',
      entityId: visitId,
      before,
      after,
    });
    if (decision === 'return' && before.engineerId) {
      const visit = (await vrepo.findVisit(tx, { kind: 'all' }, visitId))!;
      await enqueueMessage(
        tx,
        {
          channel: 'in_app',
          recipient: before.engineerId,
          template: 'maintenance.record-returned',
          payload: { visitId, workOrderId: visit.workOrderId, reason: input.reason },
          dedupeKey: `maintenance-record-returned:${visitId}:${after.version}`,
        },
        now,
      );
    }
  });
  return getRecord(ctx, visitId);
}

/** The record's PDF, built afresh in the language asked for. */
export async function recordPdfOf(ctx: Ctx, blobs: BlobStore, visitId: string, lang: 'zh-CN' | 'en') {
  await getRecord(ctx, visitId); // 404 outside the caller's view
  return recordPdf({ ...ctx, scope: { kind: 'all' } }, blobs, visitId, lang);
}
