// The repair report (维修报告): cause, process, result, tests, prevention, parts used and brought
// back, times, engineer, and the customer's signature — a PDF in Chinese or English. It is built from
// the work order and its public events only: internal notes never reach it. On completion it is
// stored, recorded in the service archive and emailed to the customer (report-service.ts).
import { chargeItemLabel, coverageLabel, reasonText } from '../../../common/charge-text.ts';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import { companyLetterhead, userNames } from '../accounts/index.ts';
import { findFile } from '../files/index.ts';
import { workOrderPartLines } from '../parts/index.ts';
import { customerFacts, equipmentFacts, projectFacts } from '../registry/index.ts';
import { ticketRefs } from '../tickets/index.ts';
import * as repo from './repository.ts';

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
    equipment: '设备',
    code: '编号',
    location: '位置',
    product: '产品',
    charges: '费用',
    coverage: '保修状态',
    basis: '依据',
    total: '合计',
    receipt: '收据号',
    free: '免费',
    photosBefore: '维修前照片',
    photosAfter: '维修后照片',
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
    equipment: 'Equipment',
    code: 'Code',
    location: 'Location',
    product: 'Product',
    charges: 'Charges',
    coverage: 'Warranty',
    basis: 'Basis',
    total: 'Total',
    receipt: 'Receipt',
    free: 'Free of charge',
    photosBefore: 'Photos before the work',
    photosAfter: 'Photos after the work',
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
  const w = await repo.findWorkOrder(ctx.db, id);
  if (!w) throw notFound('Work order');
  const T = TEXT[lang];
  const [customers, projects, names, tickets, events, parts, equipment, letterhead] = await Promise.all([
    customerFacts(ctx.db, [w.customerId]),
    projectFacts(ctx.db, w.projectId ? [w.projectId] : []),
    userNames(ctx.db, w.engineerId ? [w.engineerId] : []),
    ticketRefs(ctx.db, w.ticketId ? [w.ticketId] : []),
    repo.eventsOf(ctx.db, id),
    workOrderPartLines(ctx.db, w.number),
    equipmentFacts(ctx.db, w.assetIds),
    companyLetterhead(ctx, blobs),
  ]);
  const customer = customers.get(w.customerId);
  const project = w.projectId ? projects.get(w.projectId) : undefined;
  const at = (stage: string) => events.find((e) => e.stage === stage)?.at;
  const data = events.find((e) => e.stage === 'completed')?.data ?? {};
  const fmt = (d: Date | undefined | null) =>
    d
      ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
          timeZone: ctx.timeZone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(d)
      : T.none;
  const diagnosis = w.diagnosis;
  const temporary = w.temporary;
  const report = w.report;

  const doc = createPdf({ title: `${T.title} ${w.number}`, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.fontSize(18).fillColor('#111827').text(T.title, { align: 'center' });
  doc.moveDown(0.6);
  const line = (label: string, value: unknown) => {
    ensureSpace(doc, 20);
    doc
      .fontSize(10)
      .fillColor('#374151')
      .text(`${label}：${value === null || value === undefined || value === '' ? T.none : String(value)}`);
  };
  line(T.number, w.number);
  line(T.ticket, w.ticketId ? tickets.get(w.ticketId)?.number : null);
  line(T.customer, customer?.name);
  line(T.project, project?.name);
  line(T.address, customer ? (project?.address ?? customer.address) : null);
  line(T.engineer, w.engineerId ? names.get(w.engineerId) : null);
  line(T.arrived, fmt(at('arrived')));
  line(T.completed, fmt(w.completedAt));
  doc.moveDown(0.6);
  const heading = (text: string) => {
    ensureSpace(doc, 40);
    doc.fontSize(12).fillColor('#111827').text(text);
  };
  if (w.assetIds.length) {
    heading(T.equipment);
    for (const assetId of w.assetIds) {
      const a = equipment.get(assetId);
      if (!a) continue;
      line(
        T.equipment,
        `${a.name ?? a.productName}（${T.code} ${a.serial}，${T.location} ${a.location ?? T.none}）`,
      );
      line(T.product, `${a.productName} ${a.productModel}`);
    }
    doc.moveDown(0.6);
  }
  line(T.faultLocation, diagnosis?.faultLocation);
  line(T.cause, diagnosis?.cause ? (T.causes[diagnosis.cause] ?? diagnosis.cause) : null);
  if (temporary) {
    line(T.temporary, temporary.solution);
    line(T.plannedFix, temporary.plannedFix);
  }
  const plan = w.plan;
  if (plan) line(T.plan, `${plan.text ?? ''}（${T.consent}：${plan.consent?.by ?? T.none}）`);
  line(T.process, report?.process);
  line(T.result, report?.result);
  line(T.tests, report?.tests);
  line(T.prevention, report?.prevention);
  line(T.timeSpent, w.timeSpentMinutes);
  doc.moveDown(0.6);
  const sheet = w.charges;
  if (sheet) {
    heading(T.charges);
    line(T.coverage, coverageLabel(sheet.pendingDecision ? 'pending_acceptance' : sheet.status, lang));
    for (const r of sheet.reasons) line(T.basis, reasonText(r, lang));
    for (const l of sheet.lines) {
      // Travel per km: the kilometres × the rate, as the customer saw it before consenting.
      const per = l.item === 'travel' ? (lang === 'en' ? ' km' : ' 公里') : '';
      const rate =
        l.item === 'travel' ? ` × ¥${(l.unitFen / 100).toFixed(2)}/${lang === 'en' ? 'km' : '公里'}` : '';
      line(`${chargeItemLabel(l, lang)} × ${l.quantity}${per}${rate}`, `¥${(l.amountFen / 100).toFixed(2)}`);
    }
    line(T.total, sheet.totalFen ? `¥${(sheet.totalFen / 100).toFixed(2)}` : T.free);
    if (w.receiptNumber) line(T.receipt, w.receiptNumber);
    doc.moveDown(0.6);
  }
  heading(T.parts);
  if (!parts.length) line(T.parts, T.none);
  for (const p of parts)
    line(
      p.kind === 'issue' ? T.used : T.returned,
      `${p.partNumber} ${p.name} × ${p.quantity}${p.serial ? `（${T.serial} ${p.serial}）` : ''}`,
    );
  doc.moveDown(0.8);
  await drawPhotos(ctx, blobs, doc, T.photosBefore, w.photoIds);
  await drawPhotos(ctx, blobs, doc, T.photosAfter, w.afterPhotoIds);
  if (typeof data.signatureFileId === 'string') {
    // A signature whose file is gone leaves the line for a handwritten one.
    const file = await findFile({ ...ctx, scope: { kind: 'all' } }, data.signatureFileId).catch(() => null);
    if (file) {
      ensureSpace(doc, 120);
      doc.fontSize(10).fillColor('#374151').text(`${T.signature}：`);
      doc.image(await toBuffer(await blobs.get(file.storageKey)), { fit: [200, 80] });
      doc.moveDown(0.3);
    }
  }
  line(T.signedBy, data.signedBy);
  addPageNumbers(doc, T.page);
  doc.end();
  return toBuffer(doc as unknown as AsyncIterable<Buffer>);
}

const PHOTO = { width: 156, height: 117, gap: 12 };

/** Photos of the work, three to a row; files that are gone or are not pictures are left out. */
async function drawPhotos(
  ctx: Ctx,
  blobs: BlobStore,
  doc: PDFKit.PDFDocument,
  title: string,
  fileIds: readonly string[],
) {
  const images: Buffer[] = [];
  for (const id of fileIds) {
    const file = await findFile({ ...ctx, scope: { kind: 'all' } }, id).catch(() => null);
    if (!file || !['image/png', 'image/jpeg'].includes(file.contentType)) continue;
    const data = await toBuffer(await blobs.get(file.storageKey)).catch(() => null);
    if (data) images.push(data);
  }
  if (!images.length) return;
  ensureSpace(doc, PHOTO.height + 40);
  doc.fontSize(12).fillColor('#111827').text(title);
  doc.moveDown(0.3);
  const left = doc.page.margins.left;
  for (let i = 0; i < images.length; i += 3) {
    ensureSpace(doc, PHOTO.height + 8);
    const top = doc.y;
    images.slice(i, i + 3).forEach((image, j) => {
      try {
        doc.image(image, left + j * (PHOTO.width + PHOTO.gap), top, { fit: [PHOTO.width, PHOTO.height] });
      } catch {
        // A damaged picture is left out rather than failing the whole report.
      }
    });
    doc.x = left;
    doc.y = top + PHOTO.height + 8;
  }
  doc.moveDown(0.5);
}
