// The follow-up report (回访报告, 篇1 四 2 "形成回访报告") of a period: the follow-ups due in it, reached or
// not, satisfaction (average and the 1–5 distribution), problems by class, actions taken — on screen,
// as a PDF (zh/en) and as a streamed workbook (every follow-up of the period).

import { addDays } from '../../../common/calendar-dates.ts';
import type { TFollowUpReport } from '../../../common/followups-api.ts';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import type { Words, XlsxExport } from '../../platform/xlsx-export.ts';
import { companyLetterhead } from '../accounts/index.ts';
import { customerFacts } from '../registry/index.ts';
import * as repo from './repository.ts';
import { localInstant } from './rules.ts';

const bounds = (ctx: Ctx, from: string, to: string) => ({
  start: localInstant(from, 0, ctx.timeZone),
  end: localInstant(addDays(to, 1), 0, ctx.timeZone),
});

export async function followUpReport(ctx: Ctx, q: { from: string; to: string }): Promise<TFollowUpReport> {
  const { start, end } = bounds(ctx, q.from, q.to);
  const { totals, problems, byRule } = await repo.reportFigures(ctx.db, start, end);
  const count = (f: (p: { class: string; action: string }) => boolean) =>
    problems.filter(f).reduce((n, p) => n + Number(p.n), 0);
  return {
    from: q.from,
    to: q.to,
    total: totals.total,
    reached: totals.reached,
    notReached: totals.notReached,
    emailed: totals.emailed,
    open: totals.open,
    satisfactionAverage: totals.average === null ? null : Math.round(Number(totals.average) * 100) / 100,
    satisfactionDistribution: [totals.s1, totals.s2, totals.s3, totals.s4, totals.s5],
    problems: {
      usage: count((p) => p.class === 'usage'),
      quality: count((p) => p.class === 'quality'),
      service: count((p) => p.class === 'service'),
    },
    actions: {
      guidance: count((p) => p.action === 'guidance'),
      consultationTickets: count((p) => p.action === 'consultation_ticket'),
      tickets: count((p) => p.action === 'ticket'),
      customerTold: totals.told,
    },
    byRule: byRule.map((r) => ({ rule: r.rule, total: r.total, reached: r.reached })),
  };
}

export const RULES: Words = {
  'zh-CN': {
    delivery_quarterly: '交付后定期回访',
    repair: '维修后回访',
    consultation: '咨询后回访',
    complaint: '投诉处理后回访',
    onsite_monthly: '月度上门回访',
    onsite_yearly: '年度上门回访',
    periodic_call: '定期电话回访',
  },
  en: {
    delivery_quarterly: 'After delivery (periodic)',
    repair: 'After a repair',
    consultation: 'After a consultation',
    complaint: 'After a complaint',
    onsite_monthly: 'Monthly on-site visit',
    onsite_yearly: 'Yearly on-site visit',
    periodic_call: 'Periodic call',
  },
};
const STATUSES: Words = {
  'zh-CN': {
    open: '待回访',
    awaiting_customer: '待告知客户',
    done: '已完成',
    emailed: '已改为邮件回访',
    unreached: '未联系上',
    cancelled: '已取消',
  },
  en: {
    open: 'Open',
    awaiting_customer: 'Customer to be told',
    done: 'Done',
    emailed: 'Sent by email',
    unreached: 'Not reached',
    cancelled: 'Cancelled',
  },
};
const CLASSES: Words = {
  'zh-CN': { usage: '使用问题', quality: '质量问题', service: '服务问题' },
  en: { usage: 'Usage', quality: 'Quality', service: 'Service' },
};

const TEXT = {
  'zh-CN': {
    title: '回访报告',
    period: '统计期间',
    total: '应回访',
    reached: '已联系上',
    notReached: '未联系上',
    emailed: '其中改为邮件回访',
    open: '仍在进行',
    average: '平均满意度',
    distribution: '满意度分布',
    stars: (n: number) => `${n} 分`,
    problems: '发现的问题',
    actions: '采取的措施',
    guidance: '当场指导',
    consultation: '转咨询工单',
    tickets: '转责任部门工单',
    told: '已告知客户结果',
    byRule: '按回访类型',
    page: (p: number, n: number) => `第 ${p} / ${n} 页`,
  },
  en: {
    title: 'Follow-up report',
    period: 'Period',
    total: 'Follow-ups due',
    reached: 'Reached',
    notReached: 'Not reached',
    emailed: 'of which sent by email',
    open: 'Still open',
    average: 'Average satisfaction',
    distribution: 'Satisfaction distribution',
    stars: (n: number) => `${n} star${n > 1 ? 's' : ''}`,
    problems: 'Problems found',
    actions: 'Actions taken',
    guidance: 'Guidance given',
    consultation: 'Consultation tickets',
    tickets: 'Tickets to the responsible team',
    told: 'Customers told the outcome',
    byRule: 'By kind of follow-up',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
  },
};

export async function followUpReportPdf(
  ctx: Ctx,
  blobs: BlobStore,
  q: { from: string; to: string; lang: 'zh-CN' | 'en' },
) {
  const T = TEXT[q.lang];
  const [r, letterhead] = await Promise.all([followUpReport(ctx, q), companyLetterhead(ctx, blobs)]);
  const doc = createPdf({ title: `${T.title} ${q.from}–${q.to}`, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.fontSize(18).fillColor('#111827').text(T.title, { align: 'center' });
  doc.moveDown(0.6);
  const line = (label: string, value: unknown) => {
    ensureSpace(doc, 20);
    doc
      .fontSize(10)
      .fillColor('#374151')
      .text(`${label}：${value ?? '—'}`);
  };
  const heading = (text: string) => {
    ensureSpace(doc, 40);
    doc.moveDown(0.4);
    doc.fontSize(12).fillColor('#111827').text(text);
  };
  line(T.period, `${q.from} – ${q.to}`);
  line(T.total, r.total);
  line(T.reached, r.reached);
  line(T.notReached, r.notReached);
  line(T.emailed, r.emailed);
  line(T.open, r.open);
  line(T.average, r.satisfactionAverage ?? '—');
  heading(T.distribution);
  for (const [i, n] of r.satisfactionDistribution.entries()) line(T.stars(i + 1), n);
  heading(T.problems);
  for (const c of ['usage', 'quality', 'service'] as const) line(CLASSES[q.lang][c]!, r.problems[c]);
  heading(T.actions);
  line(T.guidance, r.actions.guidance);
  line(T.consultation, r.actions.consultationTickets);
  line(T.tickets, r.actions.tickets);
  line(T.told, r.actions.customerTold);
  heading(T.byRule);
  for (const b of r.byRule) line(RULES[q.lang][b.rule]!, `${b.reached} / ${b.total}`);
  addPageNumbers(doc, T.page);
  doc.end();
  return toBuffer(doc as unknown as AsyncIterable<Buffer>);
}

interface Line {
  row: repo.FollowUpRow;
  customerName: string | null;
}

/** Every follow-up due in the period with its outcome, earliest due first. */
export function followUpReportExport(ctx: Ctx, q: { from: string; to: string }): XlsxExport<Line> {
  const { start, end } = bounds(ctx, q.from, q.to);
  return {
    name: 'follow-up-report',
    sheet: { zh: '回访报告', en: 'Follow-up report' },
    columns: [
      { zh: '应回访时间', en: 'Due', value: (l, f) => f.dateTime(l.row.dueAt) },
      { zh: '回访类型', en: 'Kind', value: (l, f) => f.word(RULES, l.row.rule) },
      { zh: '客户', en: 'Customer', width: 24, value: (l) => l.customerName },
      { zh: '事由', en: 'Reference', value: (l) => l.row.reference },
      { zh: '状态', en: 'Status', value: (l, f) => f.word(STATUSES, l.row.status) },
      {
        zh: '已联系上',
        en: 'Reached',
        value: (l, f) => (l.row.reached === null ? null : f.yesNo(l.row.reached)),
      },
      { zh: '拨打次数', en: 'Tries', value: (l) => l.row.attempts },
      { zh: '满意度', en: 'Satisfaction', value: (l) => l.row.satisfaction },
      {
        zh: '发现的问题',
        en: 'Problems',
        width: 40,
        value: (l, f) =>
          l.row.problems
            .map(
              (p) =>
                `${f.word(CLASSES, p.class)}: ${p.description}${p.ticketNumber ? ` (${p.ticketNumber})` : ''}`,
            )
            .join('; ') || null,
      },
      { zh: '建议', en: 'Suggestions', width: 30, value: (l) => l.row.suggestions },
      { zh: '告知客户', en: 'Customer told', value: (l, f) => f.dateTime(l.row.toldAt) },
    ],
    page: async (after, size) => {
      const rows = await repo.pageReportRows(
        ctx.db,
        start,
        end,
        after ? { due: String(after.v), id: after.id } : null,
        size,
      );
      const page = rows.slice(0, size);
      const customers = await customerFacts(
        ctx.db,
        page.map((r) => r.row.customerId),
      );
      const last = page.at(-1);
      return {
        rows: page.map((r) => ({ row: r.row, customerName: customers.get(r.row.customerId)?.name ?? null })),
        next: rows.length > size && last ? { v: last.dueKey, id: last.row.id } : null,
      };
    },
  };
}

/** The open follow-ups (the dispatch page's list, formerly field's export), every row. */
export function openFollowUpExport(ctx: Ctx): XlsxExport<Line> {
  return {
    name: 'follow-ups',
    sheet: { zh: '回访', en: 'Follow-ups' },
    columns: [
      { zh: '应回访时间', en: 'Due', value: (l, f) => f.dateTime(l.row.dueAt) },
      { zh: '回访类型', en: 'Kind', value: (l, f) => f.word(RULES, l.row.rule) },
      { zh: '事由', en: 'Reference', value: (l) => l.row.reference },
      { zh: '客户', en: 'Customer', width: 24, value: (l) => l.customerName },
    ],
    page: async (after, size) => {
      const rows = await repo.pageOpenFollowUps(
        ctx.db,
        after ? { due: String(after.v), id: after.id } : null,
        size,
      );
      const page = rows.slice(0, size);
      const customers = await customerFacts(
        ctx.db,
        page.map((r) => r.row.customerId),
      );
      const last = page.at(-1);
      return {
        rows: page.map((r) => ({ row: r.row, customerName: customers.get(r.row.customerId)?.name ?? null })),
        next: rows.length > size && last ? { v: last.dueKey, id: last.row.id } : null,
      };
    },
  };
}
