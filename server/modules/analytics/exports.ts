// Each table of the SLA dashboard as an Excel workbook (streamed through platform/xlsx-export.ts), with
// the same figures the screen shows: the export computes the dashboard and writes the chosen table.
import type {
  TRestoreFigure,
  TSlaDashboardQuery,
  TSlaExportTable,
  TSlaFigure,
} from '../../../common/analytics-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Words, XlsxColumn, XlsxExport, XlsxFormat } from '../../platform/xlsx-export.ts';
import { slaDashboard } from './dashboard.ts';

const METRICS: Words = {
  'zh-CN': {
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
  en: {
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
};

const TEAMS: Words = {
  'zh-CN': {
    agent: '客服人员',
    support_engineer: '技术支持工程师',
    field_engineer: '维修工程师',
    manager: '售后服务经理',
    trainer: '培训讲师',
    quality_engineer: '质量工程师',
  },
  en: {
    agent: 'Call agent',
    support_engineer: 'Support engineer',
    field_engineer: 'Field engineer',
    manager: 'Service manager',
    trainer: 'Trainer',
    quality_engineer: 'Quality engineer',
  },
};

const TITLES: Record<TSlaExportTable, { zh: string; en: string; group: { zh: string; en: string } }> = {
  trend: { zh: 'SLA达成趋势', en: 'SLA compliance trend', group: { zh: '期间', en: 'Period' } },
  byMetric: { zh: 'SLA按阶段', en: 'SLA by stage', group: { zh: '阶段', en: 'Stage' } },
  byTeam: { zh: 'SLA按处理组', en: 'SLA by team', group: { zh: '处理组', en: 'Team' } },
  byEngineer: { zh: 'SLA按工程师', en: 'SLA by engineer', group: { zh: '工程师', en: 'Engineer' } },
  byCustomer: { zh: 'SLA按客户', en: 'SLA by customer', group: { zh: '客户', en: 'Customer' } },
  byProject: { zh: 'SLA按项目', en: 'SLA by project', group: { zh: '项目', en: 'Project' } },
  restoreByProduct: { zh: 'MTTR按产品', en: 'MTTR by product', group: { zh: '产品', en: 'Product' } },
  restoreByProject: { zh: 'MTTR按项目', en: 'MTTR by project', group: { zh: '项目', en: 'Project' } },
};

const NONE: Words = { 'zh-CN': { '': '（未指定）' }, en: { '': '(not set)' } };

function groupValue(table: TSlaExportTable, row: { key: string | null; label: string }, f: XlsxFormat) {
  if (table === 'byMetric') return f.word(METRICS, row.key);
  if (table === 'byTeam') return f.word(TEAMS, row.key);
  return row.key === null ? f.word(NONE, '') : row.label || row.key;
}

type Row = TSlaFigure | TRestoreFigure;

export function slaTableExport(
  ctx: Ctx,
  reads: Executor,
  q: TSlaDashboardQuery,
  table: TSlaExportTable,
): XlsxExport<Row> {
  const t = TITLES[table];
  const group: XlsxColumn<Row> = { ...t.group, width: 28, value: (r, f) => groupValue(table, r, f) };
  const isRestore = table === 'restoreByProduct' || table === 'restoreByProject';
  const columns: XlsxColumn<Row>[] = isRestore
    ? [
        group,
        { zh: '恢复次数', en: 'Restored', value: (r) => (r as TRestoreFigure).restored },
        { zh: '平均恢复时间（分钟）', en: 'MTTR (minutes)', value: (r) => (r as TRestoreFigure).mttrMinutes },
      ]
    : [
        group,
        { zh: '已判定', en: 'Decided', value: (r) => (r as TSlaFigure).decided },
        { zh: '按时达成', en: 'Met on time', value: (r) => (r as TSlaFigure).met },
        { zh: '超时', en: 'Breached', value: (r) => (r as TSlaFigure).breached },
        { zh: '达成率 %', en: 'Compliance %', value: (r) => (r as TSlaFigure).compliancePercent },
        { zh: '超时分钟', en: 'Breach minutes', value: (r) => (r as TSlaFigure).breachMinutes },
      ];
  return {
    name: `analytics-${table}`,
    sheet: { zh: t.zh, en: t.en },
    columns,
    page: async () => {
      // Every group (no top cut): the screen's table lists the largest, the workbook all of them.
      const d = await slaDashboard(ctx, reads, q, null);
      const rows: Row[] =
        table === 'restoreByProduct'
          ? d.restore.byProduct
          : table === 'restoreByProject'
            ? d.restore.byProject
            : d[table];
      return { rows, next: null };
    },
  };
}
