// The measures' tables and staff performance as Excel workbooks (platform/xlsx-export.ts), the same
// figures the screen shows: each export computes the view and writes the chosen table.
import type {
  TEngineerFigure,
  TMeasureExportTable,
  TMeasures,
  TMeasuresQuery,
  TMtbfFigure,
  TPerformanceQuery,
  TPerformanceRow,
} from '../../../common/measures-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { XlsxColumn, XlsxExport } from '../../platform/xlsx-export.ts';
import { measuresDashboard, staffPerformance } from './measures-view.ts';

type RepairAsset = TMeasures['repeatRepair']['assets'][number];
type Row = TEngineerFigure | TMtbfFigure | RepairAsset;

const mtbfColumns = (group: { zh: string; en: string }): XlsxColumn<Row>[] => [
  { ...group, width: 28, value: (r) => (r as TMtbfFigure).label || (r as TMtbfFigure).key },
  { zh: '在用小时', en: 'Installed hours', value: (r) => (r as TMtbfFigure).installedHours },
  { zh: '故障次数', en: 'Failures', value: (r) => (r as TMtbfFigure).failures },
  { zh: 'MTBF（小时）', en: 'MTBF (hours)', value: (r) => (r as TMtbfFigure).mtbfHours },
];

const TABLES: Record<TMeasureExportTable, { zh: string; en: string; columns: XlsxColumn<Row>[] }> = {
  engineers: {
    zh: '工程师指标',
    en: 'Engineers',
    columns: [
      { zh: '工程师', en: 'Engineer', width: 20, value: (r) => (r as TEngineerFigure).name },
      { zh: '完成工单', en: 'Jobs done', value: (r) => (r as TEngineerFigure).jobs },
      { zh: '作业分钟', en: 'Minutes on jobs', value: (r) => (r as TEngineerFigure).minutesOnJobs },
      { zh: '工作分钟', en: 'Working minutes', value: (r) => (r as TEngineerFigure).workingMinutes },
      { zh: '利用率 %', en: 'Utilisation %', value: (r) => (r as TEngineerFigure).utilisationPercent },
      { zh: '路程（公里）', en: 'Travel (km)', value: (r) => (r as TEngineerFigure).travelKm },
      { zh: '路途分钟', en: 'Travel minutes', value: (r) => (r as TEngineerFigure).travelMinutes },
      { zh: '评价数', en: 'Answers', value: (r) => (r as TEngineerFigure).answers },
      { zh: '满意率 %', en: 'Satisfaction %', value: (r) => (r as TEngineerFigure).satisfactionPercent },
    ],
  },
  mtbfByProduct: {
    zh: 'MTBF按产品',
    en: 'MTBF by product',
    columns: mtbfColumns({ zh: '产品', en: 'Product' }),
  },
  mtbfByModel: { zh: 'MTBF按型号', en: 'MTBF by model', columns: mtbfColumns({ zh: '型号', en: 'Model' }) },
  mtbfByProject: {
    zh: 'MTBF按项目',
    en: 'MTBF by project',
    columns: mtbfColumns({ zh: '项目', en: 'Project' }),
  },
  mtbfByAsset: {
    zh: 'MTBF按设备',
    en: 'MTBF by asset',
    columns: mtbfColumns({ zh: '设备序列号', en: 'Serial' }),
  },
  repairAssets: {
    zh: '多次维修设备',
    en: 'Repeatedly repaired equipment',
    columns: [
      { zh: '序列号', en: 'Serial', width: 20, value: (r) => (r as RepairAsset).serial },
      { zh: '客户', en: 'Customer', width: 24, value: (r) => (r as RepairAsset).customerName },
      { zh: '项目', en: 'Project', width: 24, value: (r) => (r as RepairAsset).projectName },
      { zh: '产品', en: 'Product', width: 24, value: (r) => (r as RepairAsset).productName },
      { zh: '维修次数', en: 'Repairs', value: (r) => (r as RepairAsset).repairCount },
      {
        zh: '状态',
        en: 'State',
        value: (r, f) =>
          f.word(
            {
              'zh-CN': { at_limit: '达到维修上限', past_limit: '超过上限，应更换' },
              en: { at_limit: 'At the repair limit', past_limit: 'Past the limit: replace' },
            },
            (r as RepairAsset).state,
          ),
      },
    ],
  },
};

export function measureTableExport(
  ctx: Ctx,
  reads: Executor,
  q: TMeasuresQuery,
  table: TMeasureExportTable,
): XlsxExport<Row> {
  const t = TABLES[table];
  return {
    name: `analytics-${table.toLowerCase()}`,
    sheet: { zh: t.zh, en: t.en },
    columns: t.columns,
    page: async () => {
      // The MTBF tables carry every group (the screen lists the lowest MTBF_GROUP_LIMIT).
      const d = await measuresDashboard(ctx, reads, q, table.startsWith('mtbf') ? null : undefined);
      const rows: Row[] =
        table === 'engineers'
          ? d.engineers
          : table === 'repairAssets'
            ? d.repeatRepair.assets
            : table === 'mtbfByProduct'
              ? d.mtbf.byProduct
              : table === 'mtbfByModel'
                ? d.mtbf.byModel
                : table === 'mtbfByProject'
                  ? d.mtbf.byProject
                  : d.mtbf.byAsset;
      return { rows, next: null };
    },
  };
}

const pct = (v: number | null) => v;

export function performanceExport(
  ctx: Ctx,
  reads: Executor,
  q: TPerformanceQuery,
): XlsxExport<TPerformanceRow> {
  return {
    name: 'staff-performance',
    sheet: { zh: '员工绩效', en: 'Staff performance' },
    columns: [
      { zh: '姓名', en: 'Name', width: 20, value: (r) => r.name },
      { zh: '月份', en: 'Month', value: (r) => r.month },
      { zh: '完成工单', en: 'Jobs done', value: (r) => r.jobs },
      { zh: 'SLA已判定', en: 'SLA decided', value: (r) => r.slaDecided },
      { zh: 'SLA按时', en: 'SLA met', value: (r) => r.slaMet },
      { zh: 'SLA达成率 %', en: 'SLA %', value: (r) => pct(r.slaPercent) },
      { zh: '一次修复/应计', en: 'First-time fixes', value: (r) => `${r.firstFixed}/${r.firstFixEligible}` },
      { zh: '一次修复率 %', en: 'First-time fix %', value: (r) => pct(r.firstFixPercent) },
      { zh: '满意/评价', en: 'Satisfied / answers', value: (r) => `${r.satisfied}/${r.answers}` },
      { zh: '满意率 %', en: 'Satisfaction %', value: (r) => pct(r.satisfactionPercent) },
      { zh: '投诉', en: 'Complaints', value: (r) => r.complaints },
      { zh: '投诉成立', en: 'Complaints upheld', value: (r) => r.complaintsUpheld },
    ],
    page: async () => ({ rows: (await staffPerformance(ctx, reads, q)).rows, next: null }),
  };
}
