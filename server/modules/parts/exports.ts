// Excel exports of the parts lists (platform/xlsx-export.ts streams them): the catalogue (the import's
// format, so an edited export imports back), the replenishment list and a part's ledger, each with
// its list's filters and the locations the caller may see.
import type { TLedgerLine, TPartListItem, TReplenishmentSuggestion } from '../../../common/parts-api.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { pageOfList, type Words, type XlsxExport } from '../../platform/xlsx-export.ts';
import * as catalog from './catalog.ts';
import { findPart } from './catalog-repository.ts';
import { IMPORT_HEADERS } from './import.ts';
import * as reorder from './reorder.ts';

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
const yn = (v: boolean) => (v ? 'Y' : 'N');

const CATALOGUE_VALUES: Record<
  (typeof IMPORT_HEADERS)[number]['key'],
  (p: TPartListItem) => string | number | null
> = {
  partNumber: (p) => p.partNumber,
  name: (p) => p.name,
  specification: (p) => p.specification,
  unit: (p) => p.unit,
  // Y / N as the import reads them.
  genuine: (p) => yn(p.genuine),
  wearing: (p) => yn(p.wearing),
  cost: (p) => yuan(p.costFen),
  factoryPrice: (p) => yuan(p.factoryPriceFen),
  salePrice: (p) => yuan(p.salePriceFen),
  shelfLifeMonths: (p) => p.shelfLifeMonths,
  onHand: (p) => p.stock.onHand,
};

/** The catalogue as the parts list shows it (q), with stock over the caller's locations. */
export function catalogueExport(ctx: Ctx, query: { q?: string }): XlsxExport<TPartListItem> {
  return {
    name: 'parts',
    sheet: { zh: '备件', en: 'Parts' },
    columns: IMPORT_HEADERS.map((h) => ({ zh: h.zh, en: h.en, value: CATALOGUE_VALUES[h.key] })),
    page: (after, size) =>
      pageOfList((a) => catalog.listParts(ctx, { q: query.q, limit: size }, a), after, decodeCursor),
  };
}

export function replenishmentExport(ctx: Ctx): XlsxExport<TReplenishmentSuggestion> {
  return {
    name: 'replenishment',
    sheet: { zh: '补货清单', en: 'Replenishment' },
    columns: [
      { zh: '库位', en: 'Location', value: (r) => r.locationName },
      { zh: '备件编号', en: 'Part number', value: (r) => r.partNumber },
      { zh: '名称', en: 'Name', value: (r) => r.partName },
      { zh: '规格', en: 'Specification', value: (r) => r.specification },
      { zh: '单位', en: 'Unit', value: (r) => r.unit },
      { zh: '可用', en: 'Available', value: (r) => r.available },
      { zh: '再订货点', en: 'Reorder point', value: (r) => r.reorderPoint },
      { zh: '建议数量', en: 'Suggested', value: (r) => r.suggestedQuantity },
      { zh: '单价（元）', en: 'Unit cost (CNY)', value: (r) => yuan(r.costFen) },
    ],
    // One open suggestion per part and location: the list is read whole, as the screen shows it.
    page: async () => ({ rows: await reorder.replenishmentList(ctx), next: null }),
  };
}

const MOVEMENT_WORDS: Words = {
  'zh-CN': {
    receipt: '入库',
    transfer: '调拨',
    reserve: '预留',
    release: '释放预留',
    issue: '领用',
    return_unused: '退回（未用）',
    return_defective: '旧件带回',
    scrap: '报废',
    adjustment: '盘点调整',
    customer_return: '客户退货入库',
  },
  en: {
    receipt: 'Receipt',
    transfer: 'Transfer',
    reserve: 'Reserve',
    release: 'Release',
    issue: 'Issue',
    return_unused: 'Return (unused)',
    return_defective: 'Defective return',
    scrap: 'Scrap',
    adjustment: 'Count adjustment',
    customer_return: 'Customer return',
  },
};
const CONDITION_WORDS: Words = {
  'zh-CN': { good: '良品', defective: '故障件' },
  en: { good: 'Good', defective: 'Defective' },
};

/** A part's ledger, newest first, over the locations the caller may see (as the part page shows it). */
export async function ledgerExport(ctx: Ctx, partId: string): Promise<XlsxExport<TLedgerLine>> {
  const part = await findPart(ctx.db, partId);
  if (!part) throw notFound('Part');
  return {
    name: `ledger-${part.partNumber}`,
    sheet: { zh: '台账', en: 'Ledger' },
    columns: [
      { zh: '时间', en: 'Time', value: (r, f) => f.dateTime(r.at) },
      { zh: '类型', en: 'Movement', value: (r, f) => f.word(MOVEMENT_WORDS, r.kind) },
      { zh: '数量', en: 'Quantity', value: (r) => r.quantity },
      { zh: '状态', en: 'Condition', value: (r, f) => f.word(CONDITION_WORDS, r.condition) },
      { zh: '批次', en: 'Batch', value: (r) => r.batchCode },
      { zh: '从', en: 'From', value: (r) => r.fromName },
      { zh: '到', en: 'To', value: (r) => r.toName },
      { zh: '工单号', en: 'Work order', value: (r) => r.workOrderRef },
      { zh: '序列号', en: 'Serial', value: (r) => r.serial },
      { zh: '原因', en: 'Reason', value: (r) => r.reason },
      { zh: '操作人', en: 'By', value: (r) => r.actorLabel },
    ],
    page: async (after, size) => {
      const page = await catalog.partMovements(ctx, partId, {
        limit: size,
        before: after ? Number(after.v) : undefined,
      });
      return { rows: page.items, next: page.nextBefore ? { v: page.nextBefore, id: 'ledger' } : null };
    },
  };
}
