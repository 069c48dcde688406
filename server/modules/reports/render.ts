// A report run as lines (section, item, this period, the previous period, the target), in Chinese or
// English; the PDF (letterhead, page numbers) and the workbook are drawn from the same lines, so they
// hold the same figures. Customer text (subjects, summaries, names) is drawn as text only: pdfkit
// writes text, and the workbook neutralises anything a spreadsheet would read as a formula.
import { TZDate } from '@date-fns/tz';
import {
  periodDays,
  previousPeriod,
  type TReportLang,
  type TServiceFigures,
} from '../../../common/reports-api.ts';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { addPageNumbers, createPdf, drawLetterhead, ensureSpace } from '../../platform/pdf.ts';
import { streamXlsx, type XlsxExport } from '../../platform/xlsx-export.ts';
import { companyLetterhead } from '../accounts/index.ts';
import type { RunRow } from './repository.ts';

type Value = string | number | null;
export interface Line {
  section: string;
  item: string;
  value: Value;
  previous?: Value;
  target?: Value;
}

type Dict = Record<string, string>;
const WORDS: Record<TReportLang, Record<string, Dict>> = {
  'zh-CN': {
    channel: {
      phone: '电话',
      email: '邮件',
      portal: '客户门户',
      chat: '在线咨询',
      api: '接口',
      qr: '扫码报修',
    },
    kind: {
      consultation: '咨询',
      fault_report: '报修',
      complaint: '投诉',
      return_request: '退货',
      training_request: '培训',
      other: '其他',
    },
    status: {
      new: '新建',
      assigned: '已分派',
      in_progress: '处理中',
      waiting_customer: '等待客户',
      resolved: '已解决',
      closed: '已关闭',
    },
    work: { repair: '维修', maintenance: '维护保养', inspection: '巡检', installation: '安装' },
    level: { month: '本月', quarter: '本季', year: '本年' },
    metric: {
      first_response: '首次响应',
      handling_opinion: '答复/处理意见',
      handed_over: '转交技术支持',
      initial_diagnosis: '初步诊断',
      remote_fix: '远程排除',
      on_site: '到达现场',
      onsite_diagnosis: '现场定位与方案',
      service_restored: '恢复服务',
      permanent_fix: '彻底修复',
      answered: '解答',
      complaint_handled: '投诉处理',
      follow_up: '回访',
    },
  },
  en: {
    channel: {
      phone: 'Phone',
      email: 'Email',
      portal: 'Customer portal',
      chat: 'Live chat',
      api: 'API',
      qr: 'QR scan',
    },
    kind: {
      consultation: 'Consultation',
      fault_report: 'Fault report',
      complaint: 'Complaint',
      return_request: 'Return',
      training_request: 'Training',
      other: 'Other',
    },
    status: {
      new: 'New',
      assigned: 'Assigned',
      in_progress: 'In progress',
      waiting_customer: 'Waiting for customer',
      resolved: 'Resolved',
      closed: 'Closed',
    },
    work: {
      repair: 'Repair',
      maintenance: 'Maintenance',
      inspection: 'Inspection',
      installation: 'Installation',
    },
    level: { month: 'Month', quarter: 'Quarter', year: 'Year' },
    metric: {
      first_response: 'First response',
      handling_opinion: 'Answer or handling opinion',
      handed_over: 'Handed to support engineer',
      initial_diagnosis: 'Initial diagnosis',
      remote_fix: 'Remote fix',
      on_site: 'On site',
      onsite_diagnosis: 'On-site diagnosis and plan',
      service_restored: 'Service restored',
      permanent_fix: 'Permanent fix',
      answered: 'Answered',
      complaint_handled: 'Complaint handled',
      follow_up: 'Follow-up',
    },
  },
};

const TEXT = {
  'zh-CN': {
    weekly: '每周服务报告',
    monthly: '月度服务分析',
    project_monthly: '项目月度服务报告',
    period: '统计期间',
    customer: '客户',
    project: '项目',
    generated: '生成时间',
    empty: '本期间没有服务活动：没有来电、工单、维修、维护保养或满意度评价。',
    tickets: '来电与工单',
    total: '合计',
    byChannel: '按渠道',
    byKind: '按类型',
    consultations: '咨询（含网上咨询）',
    serviceRequests: '服务请求',
    complaints: '投诉',
    sla: 'SLA 达成',
    decided: '已判定目标',
    met: '按时达成',
    breached: '超时',
    compliance: '达成率',
    breachMinutes: '超时分钟数',
    byStage: 'SLA 按阶段',
    breaches: '超时明细',
    breachesMore: (n: number) => `（共 ${n} 项，列出前 ${BREACH_LINES} 项）`,
    mttr: '平均修复时间（分钟）',
    restored: '恢复服务的工单',
    satisfaction: '满意度',
    answers: '评价数',
    satisfied: '满意',
    rate: '满意率',
    complaintSummary: '投诉',
    open: '未结',
    upheld: '属实',
    onTime: '按时处理',
    late: '超时处理',
    faultClasses: '主要故障类别',
    unclassified: '未分类',
    maintenance: '维护保养',
    visitsOnTime: '按时完成',
    visitsLate: '逾期完成',
    due: '应完成',
    missed: '未完成',
    stillOpen: '进行中',
    onTimeRate: '按时率',
    alerts: '重复问题预警',
    noAlerts: '本月没有预警',
    what: '报告的问题',
    how: '响应速度（SLA）',
    done: '完成的工作',
    workOrders: '完成的工单',
    thisPeriod: '本期',
    previous: '上期',
    target: '目标',
    item: '项目',
    section: '分类',
    page: (p: number, n: number) => `第 ${p} / ${n} 页`,
    minutes: (n: number) => `${n} 分钟`,
  },
  en: {
    weekly: 'Weekly service report',
    monthly: 'Monthly service analysis',
    project_monthly: 'Monthly service report',
    period: 'Period',
    customer: 'Customer',
    project: 'Project',
    generated: 'Generated',
    empty:
      'There was no service activity in this period: no calls, tickets, repairs, maintenance or satisfaction answers.',
    tickets: 'Calls and tickets',
    total: 'Total',
    byChannel: 'By channel',
    byKind: 'By kind',
    consultations: 'Consultations (incl. web)',
    serviceRequests: 'Service requests',
    complaints: 'Complaints',
    sla: 'SLA compliance',
    decided: 'Targets decided',
    met: 'Met on time',
    breached: 'Breached',
    compliance: 'Compliance',
    breachMinutes: 'Breach minutes',
    byStage: 'SLA by stage',
    breaches: 'Breaches',
    breachesMore: (n: number) => ` (${n} in all, the first ${BREACH_LINES} listed)`,
    mttr: 'Mean time to restore (minutes)',
    restored: 'Tickets restored',
    satisfaction: 'Satisfaction',
    answers: 'Answers',
    satisfied: 'Satisfied',
    rate: 'Satisfaction rate',
    complaintSummary: 'Complaints',
    open: 'Open',
    upheld: 'Upheld',
    onTime: 'Handled on time',
    late: 'Handled late',
    faultClasses: 'Top fault classes',
    unclassified: 'Unclassified',
    maintenance: 'Maintenance',
    visitsOnTime: 'Done on time',
    visitsLate: 'Done late',
    due: 'Visits due',
    missed: 'Missed',
    stillOpen: 'Open',
    onTimeRate: 'On-time rate',
    alerts: 'Recurring-problem alerts',
    noAlerts: 'No alerts this month',
    what: 'What was reported',
    how: 'How fast (SLA)',
    done: 'What was done',
    workOrders: 'Work orders completed',
    thisPeriod: 'This period',
    previous: 'Previous period',
    target: 'Target',
    item: 'Item',
    section: 'Section',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    minutes: (n: number) => `${n} min`,
  },
};
const BREACH_LINES = 20;

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const frac = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

function localTime(iso: string, timeZone: string) {
  const d = new TZDate(new Date(iso).getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function serviceLines(
  lang: TReportLang,
  f: TServiceFigures,
  prev: TServiceFigures | null,
  tz: string,
): Line[] {
  const T = TEXT[lang];
  const W = WORDS[lang];
  const w = (dict: string, code: string) => W[dict]![code] ?? code;
  const out: Line[] = [];
  const add = (section: string, item: string, value: Value, previous?: Value, target?: Value) =>
    out.push(
      prev
        ? { section, item, value, previous: previous ?? null, target: target ?? null }
        : { section, item, value },
    );
  add(T.tickets, T.total, f.tickets.total, prev?.tickets.total);
  add(T.tickets, T.consultations, f.tickets.consultations, prev?.tickets.consultations);
  add(T.tickets, T.serviceRequests, f.tickets.serviceRequests, prev?.tickets.serviceRequests);
  add(T.tickets, T.complaints, f.tickets.complaints, prev?.tickets.complaints);
  for (const c of f.tickets.byChannel)
    add(
      T.byChannel,
      w('channel', c.key),
      c.count,
      prev?.tickets.byChannel.find((x) => x.key === c.key)?.count ?? 0,
    );
  for (const c of f.tickets.byKind)
    add(T.byKind, w('kind', c.key), c.count, prev?.tickets.byKind.find((x) => x.key === c.key)?.count ?? 0);
  add(T.sla, T.decided, f.sla.decided, prev?.sla.decided);
  add(T.sla, T.met, f.sla.met, prev?.sla.met);
  add(T.sla, T.breached, f.sla.breached, prev?.sla.breached);
  add(
    T.sla,
    T.compliance,
    pct(f.sla.compliancePercent),
    prev ? pct(prev.sla.compliancePercent) : undefined,
    `${f.sla.targetPercent}%`,
  );
  add(T.sla, T.breachMinutes, f.sla.breachMinutes, prev?.sla.breachMinutes);
  add(T.sla, T.restored, f.restored, prev?.restored);
  add(T.sla, T.mttr, f.mttrMinutes ?? '—', prev ? (prev.mttrMinutes ?? '—') : undefined);
  for (const s of f.slaByStage) {
    const p = prev?.slaByStage.find((x) => x.key === s.key);
    add(
      T.byStage,
      w('metric', s.key),
      `${pct(s.compliancePercent)} (${s.met}/${s.decided})`,
      p ? `${pct(p.compliancePercent)} (${p.met}/${p.decided})` : prev ? '—' : undefined,
      `${f.sla.targetPercent}%`,
    );
  }
  add(T.satisfaction, T.answers, f.satisfaction.answers, prev?.satisfaction.answers);
  add(T.satisfaction, T.satisfied, f.satisfaction.satisfied, prev?.satisfaction.satisfied);
  add(
    T.satisfaction,
    T.rate,
    pct(f.satisfaction.ratePercent),
    prev ? pct(prev.satisfaction.ratePercent) : undefined,
    `${f.satisfaction.targetPercent}%`,
  );
  add(T.complaintSummary, T.total, f.complaints.total, prev?.complaints.total);
  if (f.complaints.open !== null) {
    add(T.complaintSummary, T.open, f.complaints.open, prev?.complaints.open);
    add(T.complaintSummary, T.upheld, f.complaints.upheld, prev?.complaints.upheld);
    add(T.complaintSummary, T.onTime, f.complaints.handledOnTime, prev?.complaints.handledOnTime);
    add(T.complaintSummary, T.late, f.complaints.handledLate, prev?.complaints.handledLate);
  }
  for (const c of f.faultClasses)
    add(
      T.faultClasses,
      c.key || T.unclassified,
      c.count,
      prev?.faultClasses.find((x) => x.key === c.key)?.count ?? 0,
    );
  const breachSection = `${T.breaches}${f.sla.breached > f.breaches.length ? T.breachesMore(f.sla.breached) : ''}`;
  for (const b of f.breaches)
    add(
      breachSection,
      `${b.ticketNumber} ${b.subject} · ${b.customerName} · ${w('metric', b.metric)} · ${localTime(b.dueAt, tz)}`,
      T.minutes(b.breachMinutes),
    );
  return out;
}

/** The report's lines in a language. */
export function reportLines(run: RunRow, lang: TReportLang, timeZone: string): Line[] {
  const T = TEXT[lang];
  const W = WORDS[lang];
  const w = (dict: string, code: string) => W[dict]![code] ?? code;
  const f = run.figures;
  if (f.weekly) return serviceLines(lang, f.weekly, null, timeZone);
  if (f.monthly) {
    const m = f.monthly;
    const lines = serviceLines(lang, m.current, m.previous, timeZone);
    const mt = m.maintenance;
    lines.push(
      { section: T.maintenance, item: T.due, value: mt.due, previous: null, target: null },
      { section: T.maintenance, item: T.visitsOnTime, value: mt.onTime, previous: null, target: null },
      { section: T.maintenance, item: T.visitsLate, value: mt.late, previous: null, target: null },
      { section: T.maintenance, item: T.missed, value: mt.missed, previous: null, target: null },
      {
        section: T.maintenance,
        item: T.onTimeRate,
        value: frac(mt.onTimeRate),
        previous: null,
        target: null,
      },
    );
    if (!m.alerts.length)
      lines.push({ section: T.alerts, item: T.noAlerts, value: null, previous: null, target: null });
    for (const a of m.alerts)
      lines.push({
        section: T.alerts,
        item: `${a.number} · ${w('level', a.level)} · ${a.groupName} · ${a.faultCategory || T.unclassified}`,
        value: a.count,
        previous: null,
        target: Math.round(a.expected * 10) / 10,
      });
    return lines;
  }
  const p = f.project!;
  const lines: Line[] = [];
  const add = (section: string, item: string, value: Value) => lines.push({ section, item, value });
  add(T.what, T.total, p.tickets.total);
  for (const k of p.tickets.byKind) add(T.what, w('kind', k.key), k.count);
  for (const t of p.ticketList)
    add(T.what, `${t.number} ${t.subject} · ${localTime(t.createdAt, timeZone)}`, w('status', t.status));
  add(T.how, T.decided, p.sla.decided);
  add(T.how, T.met, p.sla.met);
  add(T.how, T.breached, p.sla.breached);
  add(T.how, T.compliance, pct(p.sla.compliancePercent));
  add(T.how, T.mttr, p.mttrMinutes ?? '—');
  add(T.done, T.workOrders, p.workOrders.completed);
  for (const k of p.workOrders.byKind) add(T.done, w('work', k.key), k.count);
  for (const o of p.workOrders.list)
    add(T.done, `${o.number} ${o.summary} · ${localTime(o.completedAt, timeZone)}`, w('work', o.kind));
  add(T.maintenance, T.due, p.maintenance.due);
  add(T.maintenance, T.visitsOnTime, p.maintenance.onTime);
  add(T.maintenance, T.visitsLate, p.maintenance.late);
  add(T.maintenance, T.missed, p.maintenance.missed);
  add(T.maintenance, T.onTimeRate, frac(p.maintenance.onTimeRate));
  add(T.satisfaction, T.answers, p.satisfaction.answers);
  add(T.satisfaction, T.rate, pct(p.satisfaction.ratePercent));
  return lines;
}

export interface RunNames {
  projectName: string | null;
  customerName: string | null;
}

export const reportTitle = (run: Pick<RunRow, 'kind'>, lang: TReportLang) => TEXT[lang][run.kind];

/** `2026-11-30 – 2026-12-06`, and the previous period for the monthly analysis. */
function periodText(run: RunRow) {
  const d = periodDays(run.kind, run.period);
  return `${d.from} – ${d.to}`;
}

/** The file name's stem: `weekly-2026-11-30`, `monthly-2026-11`, `project-2026-11`. */
export const fileStem = (run: RunRow) =>
  `${run.kind === 'project_monthly' ? 'project' : run.kind}-report-${run.period}`;

export async function reportPdf(
  ctx: Ctx,
  blobs: BlobStore,
  run: RunRow,
  names: RunNames,
  lang: TReportLang,
): Promise<Buffer> {
  const T = TEXT[lang];
  const letterhead = await companyLetterhead(ctx, blobs);
  const title = reportTitle(run, lang);
  const doc = createPdf({ title: `${title} ${run.period}`, author: letterhead.name });
  drawLetterhead(doc, letterhead);
  doc.fontSize(18).fillColor('#111827').text(title, { align: 'center' });
  doc.moveDown(0.4);
  const meta = (label: string, value: string) =>
    doc
      .fontSize(10)
      .fillColor('#374151')
      .text(`${label}${lang === 'en' ? ': ' : '：'}${value}`, { align: 'center' });
  meta(T.period, periodText(run));
  if (run.kind === 'monthly') {
    const prev = previousPeriod('monthly', run.period);
    meta(T.previous, `${prev}`);
  }
  if (names.customerName) meta(T.customer, names.customerName);
  if (names.projectName) meta(T.project, names.projectName);
  meta(T.generated, localTime(run.generatedAt.toISOString(), ctx.timeZone));
  doc.moveDown(0.8);
  if (run.empty) {
    doc.fontSize(12).fillColor('#111827').text(T.empty);
  } else {
    let section = '';
    for (const line of reportLines(run, lang, ctx.timeZone)) {
      if (line.section !== section) {
        section = line.section;
        ensureSpace(doc, 44);
        doc.moveDown(0.4).fontSize(12).fillColor('#111827').text(section);
        doc.moveDown(0.2);
      }
      ensureSpace(doc, 16);
      const notes = [
        line.previous !== null && line.previous !== undefined ? `${T.previous} ${line.previous}` : null,
        line.target !== null && line.target !== undefined ? `${T.target} ${line.target}` : null,
      ].filter(Boolean);
      const extra = notes.length
        ? lang === 'en'
          ? ` (${notes.join(', ')})`
          : `（${notes.join('，')}）`
        : '';
      const value = line.value === null ? '' : `${lang === 'en' ? ': ' : '：'}${line.value}`;
      doc.fontSize(10).fillColor('#374151').text(`${line.item}${value}${extra}`, { indent: 12 });
    }
  }
  addPageNumbers(doc, T.page);
  doc.end();
  return toBuffer(doc as unknown as AsyncIterable<Buffer>);
}

/** The report as a workbook: one row per line, with the previous period and the target for a month. */
export function reportWorkbook(run: RunRow, lang: TReportLang, timeZone: string): XlsxExport<Line> {
  const T = TEXT[lang];
  const Tz = TEXT['zh-CN'];
  const Te = TEXT.en;
  const monthly = run.kind === 'monthly';
  const lines: Line[] = run.empty
    ? [{ section: T[run.kind], item: T.empty, value: null }]
    : reportLines(run, lang, timeZone);
  return {
    name: fileStem(run),
    sheet: { zh: Tz[run.kind], en: Te[run.kind] },
    columns: [
      { zh: Tz.section, en: Te.section, width: 24, value: (l) => l.section },
      { zh: Tz.item, en: Te.item, width: 48, value: (l) => l.item },
      { zh: Tz.thisPeriod, en: Te.thisPeriod, width: 16, value: (l) => l.value },
      ...(monthly
        ? [
            { zh: Tz.previous, en: Te.previous, width: 16, value: (l: Line) => l.previous ?? null },
            { zh: Tz.target, en: Te.target, width: 12, value: (l: Line) => l.target ?? null },
          ]
        : []),
    ],
    page: async (after) => (after ? { rows: [], next: null } : { rows: lines, next: null }),
  };
}

export async function reportXlsxBuffer(ctx: Ctx, run: RunRow, lang: TReportLang): Promise<Buffer> {
  return toBuffer(
    streamXlsx(ctx, reportWorkbook(run, lang, ctx.timeZone), lang) as unknown as AsyncIterable<Buffer>,
  );
}
