// The repair report after completion: stored as a file of the customer, recorded in the service
// archive of the equipment and emailed to the customer's contact — by the `field.publish-report` job,
// which retries; the work order shows where delivery stands. Also who may download it.
import type { TCustomerReport, TReportDelivery } from '../../../common/field-api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { customerReaderLocale } from '../accounts/index.ts';
import { findFile, storeFile } from '../files/index.ts';
import { contactEmail, customerFacts, recordArchiveEvents } from '../registry/index.ts';
import { getTicket, ticketRefs } from '../tickets/index.ts';
import { reportPdf } from './report.ts';
import type { WorkOrderRow } from './repository.ts';
import * as repo from './repository.ts';
import { seesAll } from './service.ts';

/** The report of a completed work order, for its engineer, staff who see all, or its customer. */
export async function reportOf(ctx: Ctx, blobs: BlobStore, id: string, lang: 'zh-CN' | 'en') {
  const w = await repo.findWorkOrder(ctx.db, id);
  const allowed =
    w &&
    (ctx.scope.kind === 'customer'
      ? w.customerId === ctx.scope.customerId && w.status === 'completed'
      : seesAll(ctx) || w.engineerId === ctx.principal.userId);
  if (!allowed) throw notFound('Work order');
  return { number: w.number, pdf: await reportPdf(ctx, blobs, id, lang) };
}

/** A customer's completed work (the reports it can download), by ticket. */
export async function customerReports(ctx: Ctx, ticketId: string): Promise<TCustomerReport[]> {
  await getTicket(ctx, ticketId); // 404 for a ticket outside the caller's scope
  if (ctx.scope.kind !== 'customer') return [];
  const rows = await repo.completedOfTicket(ctx.db, ticketId, ctx.scope.customerId);
  return rows.map((r) => ({ ...r, completedAt: r.completedAt?.toISOString() ?? null }));
}

/** Where the report should go: the ticket's contact, else the customer's contact address. */
async function recipientOf(ctx: Ctx, w: WorkOrderRow) {
  const contactId = w.ticketId ? (await ticketRefs(ctx.db, [w.ticketId])).get(w.ticketId)?.contactId : null;
  const fromContact = contactId ? await contactEmail(ctx.db, contactId) : null;
  return fromContact ?? (await customerFacts(ctx.db, [w.customerId])).get(w.customerId)?.contactEmail ?? null;
}

/** Stores, archives and emails the report of a completed work order; a second run does nothing. */
export async function publishReport(ctx: Ctx, blobs: BlobStore, id: string) {
  const w = await repo.findWorkOrder(ctx.db, id);
  if (!w) throw notFound('Work order');
  if (w.reportFileId && w.reportDelivery?.state === 'published') return;
  // In the language of the customer's portal users (Chinese unless they read English).
  const lang = (await customerReaderLocale(ctx.db, w.customerId))?.startsWith('en') ? 'en' : 'zh-CN';
  const pdf = await reportPdf(ctx, blobs, id, lang);
  const staff = { ...ctx, scope: { kind: 'all' as const } };
  const file = await storeFile(staff, blobs, {
    name: `${w.number}-${lang === 'en' ? 'repair-report' : '维修报告'}.pdf`,
    data: pdf,
    customerId: w.customerId,
  });
  const { storageKey } = await findFile(staff, file.id);
  const email = await recipientOf(ctx, w);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const delivery: TReportDelivery = {
      state: 'published',
      attempts: (w.reportDelivery?.attempts ?? 0) + 1,
      error: null,
      at: now.toISOString(),
    };
    await repo.updateWorkOrder(tx, id, { reportFileId: file.id, reportDelivery: delivery }, false);
    const event = {
      customerId: w.customerId,
      projectId: w.projectId,
      kind: 'field.report',
      summary: `${w.number} 维修报告`,
      details: { number: w.number, fileId: file.id },
      refType: 'work_order',
      refId: w.id,
      occurredAt: w.completedAt ?? now,
    };
    await recordArchiveEvents(
      tx,
      ctx,
      w.assetIds.length ? w.assetIds.map((assetId) => ({ ...event, assetId })) : [event],
    );
    if (email) {
      await enqueueMessage(
        tx,
        {
          channel: 'email',
          recipient: email,
          template: 'field.report',
          payload: {
            subject: lang === 'en' ? `Repair report ${w.number}` : `维修报告 ${w.number}`,
            text:
              lang === 'en'
                ? `Hello,\n\n${w.number} (${w.summary}) is complete. The repair report is attached and in the customer portal.\n\nAftercare`
                : `您好：\n\n${w.number}（${w.summary}）已完工，维修报告见附件，也可在客户门户查看。\n\nAftercare`,
            attachments: [{ filename: `${w.number}.pdf`, storageKey, contentType: 'application/pdf' }],
          },
          dedupeKey: `wo-report:${w.id}`,
        },
        now,
      );
    }
  });
  return file;
}

/** A failed attempt: the work order shows it and the audit log keeps the error; the job retries. */
export async function recordReportFailure(ctx: Ctx, id: string, error: unknown) {
  const w = await repo.findWorkOrder(ctx.db, id);
  if (!w) return;
  const message = error instanceof Error ? error.message : String(error);
  const delivery: TReportDelivery = {
    state: 'failed',
    attempts: (w.reportDelivery?.attempts ?? 0) + 1,
    error: message.slice(0, 500),
    at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction(async (tx) => {
    await repo.updateWorkOrder(tx, id, { reportDelivery: delivery }, false);
    await writeAudit(tx, ctx, {
      action: 'work-order.report-failed',
      entityType: 'work_order',
      entityId: id,
      after: delivery,
    });
  });
}
