// Each table of the storekeeper's dashboard as an Excel workbook, with the figures the screen shows:
// the export computes the dashboard and writes the chosen table (amounts in yuan, two decimals).
import type {
  TConsumptionFigure,
  TPartsAnalysis,
  TPartsAnalysisQuery,
  TPartsAnalysisTable,
  TTurnsFigure,
} from '../../../common/parts-analysis-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Words, XlsxColumn, XlsxExport } from '../../platform/xlsx-export.ts';
import { partsAnalysis } from './analysis.ts';

const TITLES: Record<TPartsAnalysisTable, { zh: string; en: string; group: { zh: string; en: string } }> = {
  trend: { zh: '备件消耗趋势', en: 'Parts consumed by period', group: { zh: '期间', en: 'Period' } },
  byPart: { zh: '备件消耗按备件', en: 'Parts consumed by part', group: { zh: '备件', en: 'Part' } },
  byProject: { zh: '备件消耗按项目', en: 'Parts consumed by project', group: { zh: '项目', en: 'Project' } },
  byProduct: { zh: '备件消耗按产品', en: 'Parts consumed by product', group: { zh: '产品', en: 'Product' } },
  turnsByLocation: {
    zh: '库存周转按库位',
    en: 'Stock turns by location',
    group: { zh: '库位', en: 'Location' },
  },
  turnsByPart: { zh: '库存周转按备件', en: 'Stock turns by part', group: { zh: '备件', en: 'Part' } },
  reorderAlerts: { zh: '补货提醒', en: 'Reorder alerts', group: { zh: '备件', en: 'Part' } },
};

const KINDS: Words = {
  'zh-CN': { central: '中心库', regional: '区域库', van: '工程师车载库' },
  en: { central: 'Central warehouse', regional: 'Regional warehouse', van: "Engineer's van" },
};
const NONE: Words = { 'zh-CN': { '': '（无设备记录）' }, en: { '': '(no equipment on record)' } };
const yuan = (fen: number) => Math.round(fen) / 100;

type Row = TConsumptionFigure | TTurnsFigure | TPartsAnalysis['reorderAlerts'][number];

function columnsOf(table: TPartsAnalysisTable): XlsxColumn<Row>[] {
  const t = TITLES[table];
  if (table === 'reorderAlerts') {
    type A = TPartsAnalysis['reorderAlerts'][number];
    return [
      { zh: '备件编号', en: 'Part number', width: 18, value: (r) => (r as A).partNumber },
      { zh: '名称', en: 'Name', width: 28, value: (r) => (r as A).partName },
      { zh: '库位', en: 'Location', width: 24, value: (r) => (r as A).locationName },
      { zh: '可用', en: 'Available', value: (r) => (r as A).available },
      { zh: '补货点', en: 'Reorder point', value: (r) => (r as A).reorderPoint },
      { zh: '建议补货量', en: 'Suggested quantity', value: (r) => (r as A).suggestedQuantity },
      { zh: '提醒时间', en: 'Raised', width: 18, value: (r, f) => f.dateTime((r as A).createdAt) },
    ];
  }
  if (table === 'turnsByLocation' || table === 'turnsByPart') {
    const columns: XlsxColumn<Row>[] = [{ ...t.group, width: 30, value: (r) => (r as TTurnsFigure).label }];
    if (table === 'turnsByLocation')
      columns.push({
        zh: '类型',
        en: 'Kind',
        width: 18,
        value: (r, f) => f.word(KINDS, (r as TTurnsFigure).kind),
      });
    return [
      ...columns,
      {
        zh: '消耗成本（元）',
        en: 'Consumed at cost (CNY)',
        value: (r) => yuan((r as TTurnsFigure).consumedCostFen),
      },
      {
        zh: '期初库存（元）',
        en: 'Opening stock (CNY)',
        value: (r) => yuan((r as TTurnsFigure).openingValueFen),
      },
      {
        zh: '期末库存（元）',
        en: 'Closing stock (CNY)',
        value: (r) => yuan((r as TTurnsFigure).closingValueFen),
      },
      {
        zh: '平均库存（元）',
        en: 'Average stock (CNY)',
        value: (r) => yuan((r as TTurnsFigure).averageValueFen),
      },
      { zh: '周转次数', en: 'Turns', value: (r) => (r as TTurnsFigure).turns },
    ];
  }
  const c = (r: Row) => r as TConsumptionFigure;
  return [
    {
      ...t.group,
      width: 30,
      value: (r, f) => (c(r).key === null ? f.word(NONE, '') : c(r).label || c(r).key),
    },
    { zh: '数量', en: 'Quantity', value: (r) => c(r).quantity },
    { zh: '成本（元）', en: 'Cost (CNY)', value: (r) => yuan(c(r).costFen) },
    { zh: '保修免费（元）', en: 'Fitted free (CNY)', value: (r) => yuan(c(r).freeCostFen) },
    { zh: '收费（元）', en: 'Charged (CNY)', value: (r) => yuan(c(r).chargedCostFen) },
    { zh: '未结算（元）', en: 'Not yet settled (CNY)', value: (r) => yuan(c(r).unsettledCostFen) },
  ];
}

export function partsAnalysisExport(
  ctx: Ctx,
  reads: Executor,
  q: TPartsAnalysisQuery,
  table: TPartsAnalysisTable,
): XlsxExport<Row> {
  const t = TITLES[table];
  return {
    name: `parts-${table}`,
    sheet: { zh: t.zh, en: t.en },
    columns: columnsOf(table),
    page: async () => {
      const d = await partsAnalysis(ctx, reads, q);
      const rows: Row[] =
        table === 'turnsByLocation'
          ? d.turns.byLocation
          : table === 'turnsByPart'
            ? d.turns.byPart
            : d[table];
      return { rows, next: null };
    },
  };
}
