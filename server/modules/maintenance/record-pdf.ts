// The maintenance record (保养记录) as a PDF in Chinese or English: per asset what was checked and
// measured (with units and allowed ranges), the hidden dangers found, the rectification suggestions
// (who does what by when), times, engineer, and the customer's signature.
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import { companyLetterhead, userNames } from '../accounts/index.ts';
import { workOrderStates } from '../field/index.ts';
import { findFile } from '../files/index.ts';
import { customerFacts, projectFacts } from '../registry/index.ts';
import { suggestionViews, visitItems } from './visit-checklist.ts';
import * as vrepo from './visit-repository.ts';

const TEXT = {
  'zh-CN': {
    title: '保养记录',
    number: '派工单号',
    customer: '客户',
    project: '项目',
    address: '地址',
    due: '计划日期',
    engineer: '保养工程师',
    checkedAt: '检查时间',
    signedAt: '签字时间',
    summary: '工作内容',
    checklist: '保养项目',
    pass: '合格',
    fail: '不合格',
    na: '不适用',
    range: '允许范围',
    danger: '隐患',
    note: '说明',
    photos: (n: number) => `照片 ${n} 张`,
    unanswered: '未填写',
    suggestions: '整改建议',
    due2: '完成期限',
    who: '责任方',
    parties: { customer: '客户', service_company: '服务公司' } as Record<string, string>,
    ticket: '报修单',
    none: '—',
    signature: '客户签字',
    signedBy: '签字人',
    page: (p: number, n: number) => `第 ${p} / ${n} 页`,
  },
  en: {
    title: 'Maintenance record',
    number: 'Work order',
    customer: 'Customer',
    project: 'Project',
    address: 'Address',
    due: 'Planned date',
    engineer: 'Engineer',
    checkedAt: 'Checked at',
    signedAt: 'Signed at',
    summary: 'Work done',
    checklist: 'Checklist',
    pass: 'Pass',
    fail: 'Fail',
    na: 'Not applicable',
    range: 'allowed',
    danger: 'Hidden danger',
    note: 'Note',
    photos: (n: number) => `${n} photo(s)`,
    unanswered: 'not answered',
    suggestions: 'Rectification suggestions',
    due2: 'Due',
    who: 'By',
    parties: { customer: 'Customer', service_company: 'Service company' } as Record<string, string>,
    ticket: 'Fault ticket',
    none: '—',
    signature: 'Customer signature',
    signedBy: 'Signed by',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
  },
};

const rangeText = (min: number | null, max: number | null) =>
  min !== null && max !== null ? `${min}–${max}` : min !== null ? `≥ ${min}` : max !== null ? `≤ ${max}` : '';

export async function recordPdf(ctx: Ctx, blobs: BlobStore, visitId: string, lang: 'zh-CN' | 'en') {
  const T = TEXT[lang];
  const visit = (await vrepo.findVisit(ctx.db, { kind: 'all' }, visitId))!;
  const record = await vrepo.findRecord(ctx.db, { kind: 'all' }, visitId);
  const [items, answers, suggestionRows, customers, projects, orders, letterhead] = await Promise.all([
    visitItems(ctx.db, visitId),
    vrepo.answersOf(ctx.db, visitId),
    vrepo.suggestionsOf(ctx.db, { kind: 'all' }, { visitId }),
    customerFacts(ctx.db, [visit.customerId]),
    projectFacts(ctx.db, [visit.projectId]),
    workOrderStates(ctx.db, [visit.workOrderId]),
    companyLetterhead(ctx, blobs),
  ]);
  const suggestions = await suggestionViews(ctx.db, suggestionRows, items);
  const names = await userNames(ctx.db, record?.engineerId ? [record.engineerId] : []);
  const customer = customers.get(visit.customerId);
  const project = projects.get(visit.projectId);
  const number = orders.get(visit.workOrderId)?.number ?? '';
  const answerOf = new Map(answers.map((a) => [`${a.visitItemId}:${a.key}`, a]));
  const fmt = (d: Date | null | undefined) =>
    d
      ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
          timeZone: ctx.timeZone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(d)
      : T.none;

  const doc = createPdf({ title: `${T.title} ${number}`, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.fontSize(18).fillColor('#111827').text(T.title, { align: 'center' });
  doc.moveDown(0.6);
  const line = (label: string, value: unknown, color = '#374151') => {
    ensureSpace(doc, 20);
    const v = value === null || value === undefined || value === '' ? T.none : String(value);
    doc.fontSize(10).fillColor(color).text(`${label}：${v}`);
  };
  const heading = (text: string) => {
    ensureSpace(doc, 40);
    doc.moveDown(0.4);
    doc.fontSize(12).fillColor('#111827').text(text);
  };
  line(T.number, number);
  line(T.customer, customer?.name);
  line(T.project, project?.name);
  line(T.address, project?.address ?? customer?.address);
  line(T.due, visit.dueOn);
  line(T.engineer, record?.engineerId ? names.get(record.engineerId) : null);
  line(T.signedAt, fmt(record?.signedAt));
  if (record?.summary) line(T.summary, record.summary);

  for (const item of items) {
    heading(`${item.assetLabel} · ${item.templateName}`);
    const times = answers.filter((a) => a.visitItemId === item.id).map((a) => a.answeredAt.getTime());
    if (times.length) line(T.checkedAt, fmt(new Date(Math.max(...times))));
    for (const entry of item.checklist) {
      const a = answerOf.get(`${item.id}:${entry.key}`);
      const parts: string[] = [];
      if (!a) parts.push(T.unanswered);
      else {
        if (a.result) parts.push(T[a.result]);
        if (a.value !== null) parts.push(`${a.value}${entry.unit ? ` ${entry.unit}` : ''}`);
        if (a.text) parts.push(a.text);
        const range = rangeText(entry.min, entry.max);
        if (range) parts.push(`（${T.range} ${range}${entry.unit ? ` ${entry.unit}` : ''}）`);
        if (a.danger) parts.push(`【${T.danger}】`);
        if (a.note) parts.push(`${T.note}：${a.note}`);
        if (a.photoIds.length) parts.push(T.photos(a.photoIds.length));
      }
      line(entry.label, parts.join(' '), a?.danger ? '#b91c1c' : '#374151');
    }
  }

  if (suggestions.length) {
    heading(T.suggestions);
    suggestions.forEach((s, i) => {
      line(
        `${i + 1}. ${s.assetLabel} ${s.itemLabel}`,
        `${s.text}（${T.due2} ${s.dueOn}，${T.who} ${T.parties[s.responsible]}${s.ticketNumber ? `，${T.ticket} ${s.ticketNumber}` : ''}）`,
      );
    });
  }

  if (record) {
    const file = await findFile({ ...ctx, scope: { kind: 'all' } }, record.signatureFileId).catch(() => null);
    const image = file ? await toBuffer(await blobs.get(file.storageKey)).catch(() => null) : null;
    if (image) {
      ensureSpace(doc, 120);
      doc.moveDown(0.6);
      doc.fontSize(10).fillColor('#374151').text(`${T.signature}：`);
      try {
        doc.image(image, { fit: [200, 80] });
      } catch {
        // A damaged drawing leaves the signer's name alone.
      }
      doc.moveDown(0.3);
    }
    line(T.signedBy, record.signedBy);
  }
  addPageNumbers(doc, T.page);
  doc.end();
  return { number, pdf: await toBuffer(doc as unknown as AsyncIterable<Buffer>) };
}
