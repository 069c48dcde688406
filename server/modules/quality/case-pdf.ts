// The product quality case (产品质量处理单) as a PDF in Chinese or English: where it came from, the
// product and equipment, the analysis, the decision, the actions and how it was closed.
import type { TQualityCaseDetail } from '../../../common/quality-api.ts';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import { companyLetterhead } from '../accounts/index.ts';
import { getCase } from './service.ts';

const TEXT = {
  'zh-CN': {
    title: '产品质量处理单',
    number: '处理单号',
    status: '状态',
    source: '来源',
    product: '产品型号',
    assets: '设备',
    batches: '批次',
    description: '问题描述',
    analysis: '原因分析',
    decision: '处理决定',
    improvement: '产品改进要求',
    training: '培训需求',
    actions: '纠正措施',
    closing: '关闭',
    cause: '原因',
    action: '措施',
    openedBy: '开单人',
    reopened: '重新打开次数',
    none: '—',
    done: '已完成',
    pending: '未完成',
    statuses: { open: '处理中', closed: '已关闭' } as Record<string, string>,
    sources: {
      ticket: '工单',
      work_order: '派工单',
      return: '退货',
      complaint: '投诉',
      alert: '预警',
      feedback: '售后信息反馈意见表',
    } as Record<string, string>,
    decisions: { technical: '技术问题（转产品开发）', service: '服务问题（转员工培训）' } as Record<
      string,
      string
    >,
    topics: { knowledge: '知识', etiquette: '礼仪', process: '流程' } as Record<string, string>,
    page: (p: number, n: number) => `第 ${p} / ${n} 页`,
  },
  en: {
    title: 'Product quality case',
    number: 'Case number',
    status: 'Status',
    source: 'Source',
    product: 'Product model',
    assets: 'Equipment',
    batches: 'Batches',
    description: 'Problem',
    analysis: 'Cause analysis',
    decision: 'Decision',
    improvement: 'Product improvement request',
    training: 'Training need',
    actions: 'Actions',
    closing: 'Closing',
    cause: 'Cause',
    action: 'Action',
    openedBy: 'Opened by',
    reopened: 'Times reopened',
    none: '—',
    done: 'done',
    pending: 'open',
    statuses: { open: 'Open', closed: 'Closed' } as Record<string, string>,
    sources: {
      ticket: 'Ticket',
      work_order: 'Work order',
      return: 'Return',
      complaint: 'Complaint',
      alert: 'Early warning',
      feedback: 'Field feedback form',
    } as Record<string, string>,
    decisions: {
      technical: 'Technical (to product development)',
      service: 'Service (to staff training)',
    } as Record<string, string>,
    topics: { knowledge: 'knowledge', etiquette: 'etiquette', process: 'process' } as Record<string, string>,
    page: (p: number, n: number) => `Page ${p} of ${n}`,
  },
};

export async function casePdf(ctx: Ctx, blobs: BlobStore, id: string, lang: 'zh-CN' | 'en') {
  const T = TEXT[lang];
  const c: TQualityCaseDetail = await getCase(ctx, id);
  const letterhead = await companyLetterhead(ctx, blobs);
  const doc = createPdf({ title: `${T.title} ${c.number}`, author: letterhead.name });
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
  line(T.number, c.number);
  line(T.status, T.statuses[c.status]);
  line(T.source, `${T.sources[c.sourceKind]} ${c.sourceNumber}`);
  line(T.product, c.productModel);
  line(T.assets, c.assets.map((a) => a.serial).join('、'));
  line(T.batches, c.batches.join('、'));
  line(T.openedBy, c.createdByName);
  if (c.reopenCount) line(T.reopened, c.reopenCount);
  heading(T.description);
  line(T.description, c.description);
  heading(T.analysis);
  line(T.analysis, c.causeAnalysis);
  line(T.decision, c.decision ? T.decisions[c.decision] : null);
  if (c.improvementNumber) line(T.improvement, c.improvementNumber);
  if (c.trainingNumber) line(T.training, `${c.trainingNumber}（${T.topics[c.trainingTopic ?? ''] ?? ''}）`);
  if (c.actions.length) {
    heading(T.actions);
    for (const a of c.actions)
      line(`${a.ownerName} · ${a.dueOn}`, `${a.description}（${a.doneAt ? T.done : T.pending}）`);
  }
  if (c.closedAt) {
    heading(T.closing);
    line(T.cause, c.closingCause);
    line(T.action, c.closingAction);
  }
  addPageNumbers(doc, T.page);
  doc.end();
  return { number: c.number, pdf: await toBuffer(doc as unknown as AsyncIterable<Buffer>) };
}
