// Each table of the quality engineer's dashboard as an Excel workbook, with the figures the screen
// shows: the export computes the dashboard for the period and writes the chosen table.
import type {
  TQualityDashboard,
  TQualityDashboardQuery,
  TQualityDashboardTable,
} from '../../../common/quality-dashboard-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Words, XlsxColumn, XlsxExport } from '../../platform/xlsx-export.ts';
import { qualityDashboard } from './dashboard.ts';

type Trend = TQualityDashboard['alertTrend'][number];
type Problem = TQualityDashboard['topProblems'][number];
type Row = Trend | Problem;

const GROUP_KINDS: Words = {
  'zh-CN': {
    model_fault: '产品型号 × 故障类别',
    project_fault: '项目 × 故障类别',
    customer_fault: '客户 × 故障类别',
    batch_part: '备件批次 × 备件（装上后再次更换）',
    supplier_part: '供应商 × 备件（装上后再次更换）',
  },
  en: {
    model_fault: 'Product model × fault class',
    project_fault: 'Project × fault class',
    customer_fault: 'Customer × fault class',
    batch_part: 'Part batch × part (fitted, then replaced again)',
    supplier_part: 'Supplier × part (fitted, then replaced again)',
  },
};
const LEVELS: Words = {
  'zh-CN': { month: '本月', quarter: '本季度', year: '本年度' },
  en: { month: 'This month', quarter: 'This quarter', year: 'This year' },
};
const UNCLASSIFIED: Words = { 'zh-CN': { '': '未分类' }, en: { '': 'Unclassified' } };

const TREND_COLUMNS: XlsxColumn<Row>[] = [
  { zh: '期间', en: 'Period', width: 14, value: (r) => (r as Trend).key },
  { zh: '月度预警', en: 'Month-level warnings', value: (r) => (r as Trend).month },
  { zh: '季度预警', en: 'Quarter-level warnings', value: (r) => (r as Trend).quarter },
  { zh: '年度预警', en: 'Year-level warnings', value: (r) => (r as Trend).year },
];

const PROBLEM_COLUMNS: XlsxColumn<Row>[] = [
  { zh: '分组', en: 'Group', width: 30, value: (r) => (r as Problem).groupName },
  {
    zh: '分组方式',
    en: 'Grouped by',
    width: 24,
    value: (r, f) => f.word(GROUP_KINDS, (r as Problem).groupKind),
  },
  {
    zh: '故障类别',
    en: 'Fault class',
    width: 18,
    value: (r, f) => (r as Problem).faultCategory || f.word(UNCLASSIFIED, ''),
  },
  { zh: '预警次数', en: 'Warnings', value: (r) => (r as Problem).alerts },
  { zh: '故障次数', en: 'Failures', value: (r) => (r as Problem).failures },
  { zh: '最高级别', en: 'Highest level', value: (r, f) => f.word(LEVELS, (r as Problem).highestLevel) },
];

export function qualityDashboardExport(
  ctx: Ctx,
  reads: Executor,
  q: TQualityDashboardQuery,
  table: TQualityDashboardTable,
): XlsxExport<Row> {
  return {
    name: table === 'alertTrend' ? 'quality-warnings' : 'quality-problems',
    sheet:
      table === 'alertTrend'
        ? { zh: '预警趋势', en: 'Warnings by period' }
        : { zh: '反复出现的问题', en: 'Recurring problems' },
    columns: table === 'alertTrend' ? TREND_COLUMNS : PROBLEM_COLUMNS,
    page: async () => {
      const d = await qualityDashboard(ctx, reads, q);
      return { rows: d[table], next: null };
    },
  };
}
