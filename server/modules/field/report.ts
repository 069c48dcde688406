// The repair report (维修报告): cause, process, result, tests, prevention, parts used and brought
// back, times, engineer, and the customer's signature — a PDF in Chinese or English. It is built from
// the work order and its public events only: internal notes never reach it. On completion it is
// stored, recorded in the service archive and emailed to the customer.
import { eq, sql } from 'drizzle-orm';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { addPageNumbers, contentBottom, createPdf } from '../../platform/pdf.ts';
import { storeFile } from '../files/index.ts';
import { recordArchiveEvents } from '../registry/index.ts';
import { workOrderEvents, workOrders } from './schema.ts';

const TEXT = {
  'zh-CN': {
    title: '维修报告',
    number: '派工单号',
    ticket: '工单号',
    customer: '客户',
    project: '项目',
    address: '地址',
    engineer: '维修工程师',
    arrived: '到达现场',
    completed: '完工时间',
    faultLocation: '故障部位',
    cause: '原因分类',
    temporary: '临时方案',
    plan: '维修方案',
    consent: '客户同意',
    plannedFix: '彻底修复计划',
    process: '维修过程',
    result: '维修结果',
    tests: '测试结果',
    prevention: '预防建议',
    timeSpent: '用时（分钟）',
    parts: '备件',
    used: '更换/使用',
    returned: '旧件带回',
    serial: '序列号',
    signature: '客户签字',
    signedBy: '签字人',
    none: '—',
    page: (p: number, n: number) => `第 ${p} / ${n} 页`,
    causes: {
      normal_failure: '正常故障',
      design_defect: '设计缺陷',
      material_defect: '材料缺陷',
      workmanship: '工艺缺陷',
      human_damage: '人为损坏',
      force_majeure: '不可抗力',
      unknown: '原因待查',
    } as Record<string, string>,
  },
  en: {
    title: 'Repair report',
    number: 'Work order',
    ticket: 'Ticket',
    customer: 'Customer',
    project: 'Project',
    address: 'Address',
    engineer: 'Engineer',
    arrived: 'Arrived on site',
    completed: 'Completed',
    faultLocation: 'Fault location',
    cause: 'Cause',
    temporary: 'Temporary solution',
    plan: 'Repair plan',
    consent: 'agreed by',
    plannedFix: 'Planned permanent fix',
    process: 'What was done',
    result: 'Result',
    tests: 'Tests',
    prevention: 'Prevention advice',
    timeSpent: 'Time spent (minutes)',
    parts: 'Parts',
    used: 'Used',
    returned: 'Brought back',
    serial: 'Serial',
    signature: 'Customer signature',
    signedBy: 'Signed by',
    none: '—',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    causes: {
      normal_failure: 'Normal failure',
      design_defect: 'Design defect',
      material_defect: 'Material defect',
      workmanship: 'Workmanship',
      human_damage: 'Human damage',
      force_majeure: 'Force majeure',
      unknown: 'Unknown',
    } as Record<string, string>,
  },
};

export async function reportPdf(
  ctx: Ctx,
  blobs: BlobStore,
  id: string,
  lang: 'zh-CN' | 'en',
): Promise<Buffer> {
  const [w] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, id));
  if (!w) throw notFound('Work order');
  const T = TEXT[lang];
  const [info] = (
    await ctx.db.execute<{
      customer_name: string;
      project_name: string | null;
      address: string | null;
      engineer: string | null;
      ticket_number: string | null;
    }>(sql`select c.name as customer_name, p.name as project_name, coalesce(p.address, c.address) as address,
      (select display_name from users where id = ${w.engineerId}) as engineer,
      (select number from tickets where id = ${w.ticketId}) as ticket_number
      from customers c left join projects p on p.id = ${w.projectId} where c.id = ${w.customerId}`)
  ).rows;
  const events = await ctx.db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, id));
  const at = (stage: string) => events.find((e) => e.stage === stage)?.at;
  const completed = events.find((e) => e.stage === 'completed');
  const data = (completed?.data ?? {}) as Record<string, unknown>;
  const parts = (
    await ctx.db.execute<{
      kind: string;
      part_number: string;
      name: string;
      quantity: number;
      serial: string | null;
    }>(
      sql`select m.kind, p.part_number, p.name, m.quantity, m.serial from stock_movements m
        join parts p on p.id = m.part_id
        where m.work_order_ref = ${w.number} and m.kind in ('issue', 'return_defective')
        order by m.id`,
    )
  ).rows;
  const fmt = (d: Date | undefined | null) =>
    d
      ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
          timeZone: 'Asia/Shanghai',
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(d)
      : T.none;
  const diagnosis = (w.diagnosis ?? {}) as { faultLocation?: string; cause?: string };
  const temporary = w.temporary as { solution?: string; plannedFix?: string } | null;
  const report = (w.report ?? {}) as Record<string, string | null>;

  const doc = createPdf({ title: `${T.title} ${w.number}` });
  doc.fontSize(18).fillColor('#111827').text(T.title, { align: 'center' });
  doc.moveDown(0.6);
  const line = (label: string, value: unknown) => {
    if (doc.y > contentBottom(doc) - 20) doc.addPage();
    doc
      .fontSize(10)
      .fillColor('#374151')
      .text(`${label}：${value === null || value === undefined || value === '' ? T.none : String(value)}`);
  };
  line(T.number, w.number);
  line(T.ticket, info?.ticket_number);
  line(T.customer, info?.customer_name);
  line(T.project, info?.project_name);
  line(T.address, info?.address);
  line(T.engineer, info?.engineer);
  line(T.arrived, fmt(at('arrived')));
  line(T.completed, fmt(w.completedAt));
  doc.moveDown(0.6);
  line(T.faultLocation, diagnosis.faultLocation);
  line(T.cause, diagnosis.cause ? (T.causes[diagnosis.cause] ?? diagnosis.cause) : null);
  if (temporary) {
    line(T.temporary, temporary.solution);
    line(T.plannedFix, temporary.plannedFix);
  }
  const plan = w.plan as { text?: string; consent?: { kind?: string; by?: string } } | null;
  if (plan) line(T.plan, `${plan.text ?? ''}（${T.consent}：${plan.consent?.by ?? T.none}）`);
  line(T.process, report.process);
  line(T.result, report.result);
  line(T.tests, report.tests);
  line(T.prevention, report.prevention);
  line(T.timeSpent, w.timeSpentMinutes);
  doc.moveDown(0.6);
  doc.fontSize(12).fillColor('#111827').text(T.parts);
  if (!parts.length) line(T.parts, T.none);
  for (const p of parts)
    line(
      p.kind === 'issue' ? T.used : T.returned,
      `${p.part_number} ${p.name} × ${p.quantity}${p.serial ? `（${T.serial} ${p.serial}）` : ''}`,
    );
  doc.moveDown(0.8);
  if (typeof data.signatureFileId === 'string') {
    const [file] = (
      await ctx.db.execute<{ storage_key: string }>(
        sql`select storage_key from files where id = ${data.signatureFileId}`,
      )
    ).rows;
    if (file) {
      if (doc.y > contentBottom(doc) - 120) doc.addPage();
      doc.fontSize(10).fillColor('#374151').text(`${T.signature}：`);
      doc.image(await toBuffer(await blobs.get(file.storage_key)), { fit: [200, 80] });
      doc.moveDown(0.3);
    }
  }
  line(T.signedBy, data.signedBy);
  addPageNumbers(doc, T.page);
  doc.end();
  return toBuffer(doc as unknown as AsyncIterable<Buffer>);
}

/**
 * After completion: the report is stored as a file of the customer, recorded in the service archive
 * of the equipment and emailed to the customer's contact.
 */
export async function publishReport(ctx: Ctx, blobs: BlobStore, id: string) {
  const [w] = await ctx.db.select().from(workOrders).where(eq(workOrders.id, id));
  if (!w) return;
  // In the language of the customer's portal users (Chinese unless they read English).
  const [reader] = (
    await ctx.db.execute<{ locale: string }>(sql`select locale from users where customer_id = ${w.customerId}
      and kind = 'customer' and not disabled order by created_at limit 1`)
  ).rows;
  const lang = reader?.locale?.startsWith('en') ? 'en' : 'zh-CN';
  const pdf = await reportPdf(ctx, blobs, id, lang);
  const staff = { ...ctx, scope: { kind: 'all' as const } };
  const file = await storeFile(staff, blobs, {
    name: `${w.number}-${lang === 'en' ? 'repair-report' : '维修报告'}.pdf`,
    data: pdf,
    customerId: w.customerId,
  });
  const [to] = (
    await ctx.db.execute<{ email: string | null; storage_key: string }>(sql`select
      coalesce((select k.email from contacts k join tickets t on t.contact_id = k.id where t.id = ${w.ticketId}),
               (select contact_email from customers where id = ${w.customerId})) as email,
      (select storage_key from files where id = ${file.id}) as storage_key`)
  ).rows;
  await ctx.db.transaction(async (tx) => {
    await tx.update(workOrders).set({ reportFileId: file.id }).where(eq(workOrders.id, id));
    const event = {
      customerId: w.customerId,
      projectId: w.projectId,
      kind: 'field.report',
      summary: `${w.number} 维修报告`,
      details: { number: w.number, fileId: file.id },
      refType: 'work_order',
      refId: w.id,
      occurredAt: w.completedAt ?? ctx.clock.now(),
    };
    await recordArchiveEvents(
      tx,
      ctx,
      w.assetIds.length ? w.assetIds.map((assetId) => ({ ...event, assetId })) : [event],
    );
    if (to?.email) {
      await enqueueMessage(
        tx,
        {
          channel: 'email',
          recipient: to.email,
          template: 'field.report',
          payload: {
            subject: lang === 'en' ? `Repair report ${w.number}` : `维修报告 ${w.number}`,
            text:
              lang === 'en'
                ? `Hello,\n\n${w.number} (${w.summary}) is complete. The repair report is attached and in the customer portal.\n\nAftercare`
                : `您好：\n\n${w.number}（${w.summary}）已完工，维修报告见附件，也可在客户门户查看。\n\nAftercare`,
            attachments: [
              { filename: `${w.number}.pdf`, storageKey: to.storage_key, contentType: 'application/pdf' },
            ],
          },
          dedupeKey: `wo-report:${w.id}`,
        },
        ctx.clock.now(),
      );
    }
  });
  return file;
}
