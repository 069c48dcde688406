// The return form (退货单, 篇3 5(4)) as a PDF in Chinese or English: the product's facts, the reason,
// the inspection and its opinion, the manager's decision and what became of the unit.
import type { TReturnDetail } from '../../../common/returns-api.ts';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import { companyLetterhead } from '../accounts/index.ts';
import { getReturn } from './service.ts';

const TEXT = {
  'zh-CN': {
    title: '退货单',
    number: '退货单号',
    status: '状态',
    customer: '客户',
    project: '项目',
    product: '产品',
    serial: '序列号',
    requestedAt: '申请时间',
    requestedBy: '申请人',
    window: '退货期限',
    windowText: (d: number, s: string | null, e: string | null) =>
      s ? `自 ${s} 起 ${d} 天（至 ${e}）` : `${d} 天（尚未交付）`,
    override: '超期特批',
    reason: '退货原因',
    inspection: '检查情况',
    condition: '产品状况',
    packaging: '包装',
    humanDamage: '人为损坏',
    cannotUse: '顾客不会使用',
    insists: '顾客执意退货',
    opinion: '检查意见',
    inspectedBy: '检查人',
    decision: '审批',
    outcome: '处理方式',
    decisionReason: '审批说明',
    decidedBy: '审批人',
    stock: '入库',
    yes: '是',
    no: '否',
    none: '—',
    statuses: {
      requested: '待检查',
      awaiting_approval: '待审批',
      approved: '已批准',
      completed: '已完成',
      refused: '不予受理（人为损坏）',
      training: '改为免费培训',
      rejected: '未批准',
    } as Record<string, string>,
    outcomes: { refund: '退款', exchange: '换货', repair: '维修' } as Record<string, string>,
    conditions: { as_new: '完好如新', used: '有使用痕迹', damaged: '损坏' } as Record<string, string>,
    packagings: { sealed: '未拆封', opened: '已拆封', missing: '无包装' } as Record<string, string>,
    stockConditions: { good: '良品', defective: '故障件' } as Record<string, string>,
    page: (p: number, n: number) => `第 ${p} / ${n} 页`,
  },
  en: {
    title: 'Return form',
    number: 'RMA number',
    status: 'Status',
    customer: 'Customer',
    project: 'Project',
    product: 'Product',
    serial: 'Serial number',
    requestedAt: 'Requested at',
    requestedBy: 'Requested by',
    window: 'Return period',
    windowText: (d: number, s: string | null, e: string | null) =>
      s ? `${d} days from ${s} (until ${e})` : `${d} days (not yet delivered)`,
    override: 'Accepted late by',
    reason: 'Reason for return',
    inspection: 'Inspection',
    condition: 'Condition',
    packaging: 'Packaging',
    humanDamage: 'Human damage',
    cannotUse: 'Customer could not use it',
    insists: 'Customer insists on the return',
    opinion: 'Opinion',
    inspectedBy: 'Inspected by',
    decision: 'Approval',
    outcome: 'Outcome',
    decisionReason: 'Note',
    decidedBy: 'Decided by',
    stock: 'Into stock',
    yes: 'Yes',
    no: 'No',
    none: '—',
    statuses: {
      requested: 'To inspect',
      awaiting_approval: 'Awaiting approval',
      approved: 'Approved',
      completed: 'Completed',
      refused: 'Refused (human damage)',
      training: 'Free training instead',
      rejected: 'Rejected',
    } as Record<string, string>,
    outcomes: { refund: 'Refund', exchange: 'Exchange', repair: 'Repair' } as Record<string, string>,
    conditions: { as_new: 'As new', used: 'Signs of use', damaged: 'Damaged' } as Record<string, string>,
    packagings: { sealed: 'Sealed', opened: 'Opened', missing: 'Missing' } as Record<string, string>,
    stockConditions: { good: 'Good', defective: 'Defective' } as Record<string, string>,
    page: (p: number, n: number) => `Page ${p} of ${n}`,
  },
};

export async function returnPdf(ctx: Ctx, blobs: BlobStore, id: string, lang: 'zh-CN' | 'en') {
  const T = TEXT[lang];
  const r: TReturnDetail = await getReturn(ctx, id);
  const letterhead = await companyLetterhead(ctx, blobs);
  const fmt = (at: string | null) =>
    at
      ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
          timeZone: ctx.timeZone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(new Date(at))
      : T.none;
  const yn = (b: boolean) => (b ? T.yes : T.no);

  const doc = createPdf({ title: `${T.title} ${r.number}`, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.fontSize(18).fillColor('#111827').text(T.title, { align: 'center' });
  doc.moveDown(0.6);
  const line = (label: string, value: unknown) => {
    ensureSpace(doc, 20);
    const v = value === null || value === undefined || value === '' ? T.none : String(value);
    doc.fontSize(10).fillColor('#374151').text(`${label}：${v}`);
  };
  const heading = (text: string) => {
    ensureSpace(doc, 40);
    doc.moveDown(0.4);
    doc.fontSize(12).fillColor('#111827').text(text);
  };
  line(T.number, r.number);
  line(T.status, T.statuses[r.status]);
  line(T.customer, r.customerName);
  line(T.project, r.projectName);
  line(T.product, `${r.productName} (${r.productModel})`);
  line(T.serial, r.serial);
  line(T.requestedAt, fmt(r.createdAt));
  line(T.requestedBy, r.requestedByName);
  line(T.window, T.windowText(r.allowedDays, r.windowStart, r.deadline));
  if (r.overrideReason) line(T.override, `${r.overrideByName ?? ''}：${r.overrideReason}`);
  heading(T.reason);
  line(T.reason, r.reason);
  if (r.inspection) {
    const i = r.inspection;
    heading(T.inspection);
    line(T.condition, T.conditions[i.condition]);
    line(T.packaging, T.packagings[i.packaging]);
    line(T.humanDamage, yn(i.humanDamage));
    line(T.cannotUse, yn(i.cannotUse));
    if (i.cannotUse) line(T.insists, yn(i.customerInsists));
    line(T.opinion, i.opinion);
    line(T.inspectedBy, `${i.inspectedByName} · ${fmt(i.inspectedAt)}`);
  }
  if (r.decidedAt) {
    heading(T.decision);
    line(T.status, T.statuses[r.status === 'completed' ? 'approved' : r.status]);
    if (r.outcome) line(T.outcome, T.outcomes[r.outcome]);
    if (r.decisionReason) line(T.decisionReason, r.decisionReason);
    line(T.decidedBy, `${r.decidedByName ?? ''} · ${fmt(r.decidedAt)}`);
  }
  if (r.stock) {
    line(
      T.stock,
      `${r.stock.locationName} · ${r.stock.partNumber} · ${T.stockConditions[r.stock.condition]}`,
    );
  }
  addPageNumbers(doc, T.page);
  doc.end();
  return { number: r.number, pdf: await toBuffer(doc as unknown as AsyncIterable<Buffer>) };
}
