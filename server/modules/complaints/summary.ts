// The complaint summary (投诉总结, 篇1 六) per period: counts, hot spots by product / service / team /
// region, root causes, and the staff concerned (an upheld complaint counts in that person's record).
// One pass over the complaints received in the period (index on received_at); the hot-spot facts are
// kept on the complaint at acceptance, so nothing else is read but the names.
import { TZDate } from '@date-fns/tz';
import type { TComplaintSummary, TComplaintSummaryQuery } from '../../../common/complaints-api.ts';
import type { Executor } from '../../db/pool.ts';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import type { XlsxExport } from '../../platform/xlsx-export.ts';
import { companyLetterhead, userNames } from '../accounts/index.ts';
import * as repo from './repository.ts';
import { settingsOf } from './service.ts';

/** The instant a month (YYYY-MM) starts in the organisation's zone. */
export function monthStart(month: string, timeZone: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, 1, 0, 0, 0, timeZone).getTime());
}
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
export function periodOf(q: TComplaintSummaryQuery, timeZone: string) {
  if (q.to < q.from) throw invalidField('to', 'before from');
  return { from: monthStart(q.from, timeZone), to: monthStart(nextMonth(q.to), timeZone) };
}

const byCount = (a: { count: number; key: string }, b: { count: number; key: string }) =>
  b.count - a.count || a.key.localeCompare(b.key);

export async function complaintSummary(ctx: Ctx, q: TComplaintSummaryQuery): Promise<TComplaintSummary> {
  return summaryOf(ctx.db, q, ctx.timeZone);
}

export async function summaryOf(
  db: Executor,
  q: TComplaintSummaryQuery,
  timeZone: string,
): Promise<TComplaintSummary> {
  const { from, to } = periodOf(q, timeZone);
  const settings = await settingsOf(db);
  const [counts, groups, staff] = await Promise.all([
    repo.summaryCounts(db, from, to, settings.handleHours),
    repo.summaryGroups(db, from, to),
    repo.summaryStaff(db, from, to),
  ]);
  const names = await userNames(
    db,
    staff.map((s) => s.userId),
  );
  const dim = (d: string) =>
    groups
      .filter((g) => g.dim === d)
      .map((g) => ({ key: g.key, label: g.key, count: g.count }))
      .sort(byCount);
  return {
    from: q.from,
    to: q.to,
    ...counts,
    byCategory: dim('category'),
    byProduct: dim('product'),
    byTeam: dim('team'),
    byRegion: dim('region'),
    byRootCause: dim('rootCause'),
    staff: staff
      .map((s) => ({ ...s, name: names.get(s.userId) ?? '' }))
      .sort((a, b) => b.upheld - a.upheld || b.complaints - a.complaints || a.name.localeCompare(b.name)),
  };
}

// ---------- words for the export and the PDF ----------
const WORDS = {
  'zh-CN': {
    title: '投诉总结',
    period: '期间',
    total: '投诉总数',
    open: '处理中',
    closed: '已关闭',
    satisfied: '满意',
    reopened: '重新处理过',
    upheld: '投诉属实',
    handledOnTime: '按时处理',
    handledLate: '超时处理',
    byCategory: '按投诉类别',
    byProduct: '按产品',
    byTeam: '按班组',
    byRegion: '按地区',
    byRootCause: '按根本原因',
    staff: '涉及人员',
    section: '分类',
    item: '项目',
    count: '数量',
    complaints: '投诉',
    unknown: '未注明',
    page: (p: number, n: number) => `第 ${p} 页 / 共 ${n} 页`,
    codes: {
      product_quality: '产品质量',
      repair_quality: '维修质量',
      response_time: '响应时间',
      staff_conduct: '服务态度',
      charges: '收费',
      other: '其他',
      product_defect: '产品缺陷',
      workmanship: '施工/维修工艺',
      process: '流程',
      communication: '沟通',
      customer_use: '客户使用',
    } as Record<string, string>,
  },
  en: {
    title: 'Complaint summary',
    period: 'Period',
    total: 'Complaints',
    open: 'Open',
    closed: 'Closed',
    satisfied: 'Satisfied',
    reopened: 'Reopened',
    upheld: 'Upheld',
    handledOnTime: 'Handled on time',
    handledLate: 'Handled late',
    byCategory: 'By category',
    byProduct: 'By product',
    byTeam: 'By team',
    byRegion: 'By region',
    byRootCause: 'By root cause',
    staff: 'Staff concerned',
    section: 'Section',
    item: 'Item',
    count: 'Count',
    complaints: 'Complaints',
    unknown: 'Not stated',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    codes: {
      product_quality: 'Product quality',
      repair_quality: 'Repair quality',
      response_time: 'Response time',
      staff_conduct: 'Staff conduct',
      charges: 'Charges',
      other: 'Other',
      product_defect: 'Product defect',
      workmanship: 'Workmanship',
      process: 'Process',
      communication: 'Communication',
      customer_use: 'Customer use',
    } as Record<string, string>,
  },
} as const;
type Lang = keyof typeof WORDS;

interface Line {
  section: string;
  item: string;
  count: number;
  upheld: number | null;
}

const COUNT_KEYS = [
  'total',
  'open',
  'closed',
  'satisfied',
  'reopened',
  'upheld',
  'handledOnTime',
  'handledLate',
] as const;
const DIMS = ['byCategory', 'byProduct', 'byTeam', 'byRegion', 'byRootCause'] as const;

/** The summary as lines: the counts, each hot-spot dimension, and the staff. */
export function summaryLines(s: TComplaintSummary, lang: Lang): Line[] {
  const W = WORDS[lang];
  const word = (code: string) => (code ? (W.codes[code] ?? code) : W.unknown);
  return [
    ...COUNT_KEYS.map((k) => ({ section: W.title, item: W[k], count: s[k], upheld: null })),
    ...DIMS.flatMap((d) =>
      s[d].map((r) => ({
        section: W[d],
        item: d === 'byCategory' || d === 'byRootCause' ? word(r.key) : r.key || W.unknown,
        count: r.count,
        upheld: null,
      })),
    ),
    ...s.staff.map((p) => ({ section: W.staff, item: p.name, count: p.complaints, upheld: p.upheld })),
  ];
}

/** The summary as an Excel workbook in the language asked (platform/xlsx-export.ts). */
export function summaryExport(ctx: Ctx, q: TComplaintSummaryQuery, lang: Lang): XlsxExport<Line> {
  return {
    name: 'complaint-summary',
    sheet: { zh: '投诉总结', en: 'Complaint summary' },
    columns: [
      { zh: '分类', en: 'Section', width: 20, value: (r) => r.section },
      { zh: '项目', en: 'Item', width: 28, value: (r) => r.item },
      { zh: '数量', en: 'Count', value: (r) => r.count },
      { zh: '其中属实', en: 'Of which upheld', value: (r) => r.upheld },
    ],
    page: async (after) => {
      if (after) return { rows: [], next: null };
      return { rows: summaryLines(await complaintSummary(ctx, q), lang), next: null };
    },
  };
}

export async function summaryPdf(
  ctx: Ctx,
  blobs: BlobStore,
  q: TComplaintSummaryQuery,
  lang: Lang,
): Promise<Buffer> {
  const W = WORDS[lang];
  const s = await complaintSummary(ctx, q);
  const letterhead = await companyLetterhead(ctx, blobs);
  const doc = createPdf({ title: W.title, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.fontSize(18).fillColor('#111827').text(W.title, { align: 'center' });
  doc.moveDown(0.4);
  doc.fontSize(10).fillColor('#374151').text(`${W.period}：${q.from} – ${q.to}`, { align: 'center' });
  doc.moveDown(0.8);
  let section = '';
  for (const line of summaryLines(s, lang)) {
    if (line.section !== section) {
      section = line.section;
      ensureSpace(doc, 40);
      doc.moveDown(0.4).fontSize(12).fillColor('#111827').text(section);
      doc.moveDown(0.2);
    }
    ensureSpace(doc, 16);
    const upheld = line.upheld === null ? '' : `（${W.upheld} ${line.upheld}）`;
    doc.fontSize(10).fillColor('#374151').text(`${line.item}：${line.count}${upheld}`, { indent: 12 });
  }
  addPageNumbers(doc, W.page);
  doc.end();
  return toBuffer(doc as unknown as AsyncIterable<Buffer>);
}
