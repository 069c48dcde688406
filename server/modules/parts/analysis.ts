// The storekeeper's dashboard (issue 19; definitions in docs/analytics.md, "Spare parts"): parts consumed
// and their cost per period, part, project and product; warranty cost vs charged; stock turns per
// location and part; the open reorder alerts. Staff with parts.manage only (cost prices).
import { TZDate } from '@date-fns/tz';
import { addDays } from '../../../common/calendar-dates.ts';
import type {
  TConsumptionFigure,
  TPartsAnalysis,
  TPartsAnalysisQuery,
  TPartsAnalysisRecordsQuery,
  TTurnsFigure,
} from '../../../common/parts-analysis-api.ts';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import * as repo from './analysis-repository.ts';

/** The instants bounding local days `from`…`to` (inclusive) in the organisation's zone. */
export function periodInstants(from: string, to: string, timeZone: string) {
  const at = (d: string) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, day, 0, 0, 0, timeZone).getTime());
  };
  return { start: at(from), end: at(addDays(to, 1)) };
}

const none = (key: string | null, label: string): TConsumptionFigure => ({
  key,
  label,
  quantity: 0,
  costFen: 0,
  freeCostFen: 0,
  chargedCostFen: 0,
  unsettledCostFen: 0,
});

function figureOf(r: repo.ConsumptionGroupRow): TConsumptionFigure {
  return {
    key: r.key,
    label: r.label ?? r.key ?? '',
    quantity: r.quantity,
    costFen: r.cost_fen,
    freeCostFen: r.free_fen,
    chargedCostFen: r.charged_fen,
    unsettledCostFen: r.unsettled_fen,
  };
}

/** Turns = cost of what was consumed / the mean of the opening and closing stock values (2 decimals). */
export function turnsOf(
  key: string,
  label: string,
  kind: string | null,
  rows: repo.TurnsRow[],
): TTurnsFigure {
  let consumed = 0;
  let opening = 0;
  let closing = 0;
  for (const r of rows) {
    consumed += r.consumed * r.cost_fen;
    opening += r.opening * r.cost_fen;
    closing += r.closing * r.cost_fen;
  }
  const average = Math.round((opening + closing) / 2);
  return {
    key,
    label,
    kind,
    consumedCostFen: consumed,
    openingValueFen: opening,
    closingValueFen: closing,
    averageValueFen: average,
    turns: average > 0 ? Math.round((consumed / average) * 100) / 100 : null,
  };
}

function groupTurns(rows: repo.TurnsRow[], by: 'location' | 'part'): TTurnsFigure[] {
  const groups = new Map<string, repo.TurnsRow[]>();
  for (const r of rows) {
    const key = by === 'location' ? r.location_id : r.part_id;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const first = list[0] as repo.TurnsRow;
      return by === 'location'
        ? turnsOf(key, first.location_name, first.location_kind, list)
        : turnsOf(key, first.part_label, null, list);
    })
    .sort((a, b) => b.consumedCostFen - a.consumedCostFen || a.label.localeCompare(b.label));
}

const byCost = (a: TConsumptionFigure, b: TConsumptionFigure) =>
  b.costFen - a.costFen || a.label.localeCompare(b.label);

export async function partsAnalysis(
  ctx: Ctx,
  reads: Executor,
  q: TPartsAnalysisQuery,
): Promise<TPartsAnalysis> {
  const { start, end } = periodInstants(q.from, q.to, ctx.timeZone);
  const filter = { ...q, start, end, timeZone: ctx.timeZone };
  const [groups, turns, alerts] = await Promise.all([
    repo.consumptionGroups(reads, filter, q.granularity),
    repo.turnsRows(reads, filter),
    repo.openReorderAlerts(reads, filter, 200),
  ]);
  const of = (grp: repo.ConsumptionGroupRow['grp']) => groups.filter((g) => g.grp === grp).map(figureOf);
  const totalRow = groups.find((g) => g.grp === 'total');
  return {
    total: totalRow ? { ...figureOf(totalRow), key: null, label: '' } : none(null, ''),
    uncostedQuantity: totalRow?.uncosted_quantity ?? 0,
    trend: of('period').sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1)),
    byPart: of('part').sort(byCost),
    byProject: of('project').sort(byCost),
    byProduct: of('product').sort(byCost),
    turns: {
      total: turnsOf('total', '', null, turns),
      byLocation: groupTurns(turns, 'location'),
      byPart: groupTurns(turns, 'part').slice(0, 200),
    },
    reorderAlerts: alerts.map((a) => ({
      id: a.id,
      partId: a.part_id,
      partNumber: a.part_number,
      partName: a.part_name,
      locationId: a.location_id,
      locationName: a.location_name,
      available: a.available,
      reorderPoint: a.reorder_point,
      suggestedQuantity: a.suggested_quantity,
      createdAt: new Date(a.created_at).toISOString(),
    })),
  };
}

/** The issues and unused returns behind a consumption figure (drill-down). */
export async function partsAnalysisRecords(ctx: Ctx, reads: Executor, q: TPartsAnalysisRecordsQuery) {
  const { start, end } = periodInstants(q.from, q.to, ctx.timeZone);
  const rows = await repo.consumptionRecords(
    reads,
    { ...q, start, end, timeZone: ctx.timeZone },
    q.limit,
    q.offset,
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      partId: r.part_id,
      partNumber: r.part_number,
      partName: r.part_name,
      quantity: r.quantity,
      valueFen: r.value_fen,
      locationName: r.location_name,
      workOrderRef: r.work_order_ref,
      ticketId: r.ticket_id,
      projectName: r.project_name,
      productName: r.product_name,
      basis: r.basis,
    })),
  };
}

/** The storekeeper's home figures over the period (this month): consumption, warranty cost, turns. */
export async function partsKeyFigures(ctx: Ctx, from: string, to: string) {
  const a = await partsAnalysis(ctx, ctx.db, { from, to, granularity: 'month' });
  return {
    consumedCostFen: a.total.costFen,
    warrantyCostFen: a.total.freeCostFen,
    chargedCostFen: a.total.chargedCostFen,
    turns: a.turns.total.turns,
  };
}
