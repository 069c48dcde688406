// Excel import of the catalogue: the workbook is the export's format (Chinese or English headers);
// rows create or update parts by part number, all in one transaction — one bad row and nothing is
// written, with every problem reported by row and column.

import ExcelJS from 'exceljs';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { findFile } from '../files/index.ts';
import * as repo from './catalog-repository.ts';
import type { parts } from './schema.ts';

export const IMPORT_HEADERS = [
  { key: 'partNumber', zh: '备件编号', en: 'Part number' },
  { key: 'name', zh: '名称', en: 'Name' },
  { key: 'specification', zh: '规格', en: 'Specification' },
  { key: 'unit', zh: '单位', en: 'Unit' },
  { key: 'genuine', zh: '原厂', en: 'Genuine' },
  { key: 'wearing', zh: '易损件', en: 'Wearing part' },
  { key: 'cost', zh: '成本（元）', en: 'Cost (CNY)' },
  { key: 'factoryPrice', zh: '出厂价（元）', en: 'Factory price (CNY)' },
  { key: 'salePrice', zh: '售价（元）', en: 'Sale price (CNY)' },
  { key: 'shelfLifeMonths', zh: '质保期（月）', en: 'Shelf warranty (months)' },
  { key: 'onHand', zh: '库存（只读）', en: 'On hand (read-only)' },
] as const;

type Key = (typeof IMPORT_HEADERS)[number]['key'];

const text = (v: ExcelJS.CellValue): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'richText' in v)
    return (
      v.richText
        .map((r) => r.text)
        .join('')
        .trim() || null
    );
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim() || null;
  if (typeof v === 'object' && 'result' in v) return v.result === undefined ? null : String(v.result).trim();
  return String(v).trim() || null;
};

export async function importParts(ctx: Ctx, blobs: BlobStore, fileId: string) {
  const file = await findFile(ctx, fileId);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(await blobs.get(file.storageKey));
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('The workbook has no sheet', [{ field: 'fileId', message: 'empty workbook' }]);
  const columns = new Map<Key, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = text(cell.value);
    const found = IMPORT_HEADERS.find((x) => x.zh === h || x.en === h);
    if (found) columns.set(found.key, col);
  });
  for (const h of IMPORT_HEADERS.filter((x) => x.key === 'partNumber' || x.key === 'name')) {
    if (!columns.has(h.key)) {
      throw badRequest(`The column "${h.zh}" / "${h.en}" is missing`, [
        { field: 'fileId', message: `no ${h.en} column` },
      ]);
    }
  }
  const errors: { field: string; message: string }[] = [];
  const rows: (typeof parts.$inferInsert)[] = [];
  const seen = new Set<string>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const get = (k: Key) => {
      const col = columns.get(k);
      return col === undefined ? null : text(row.getCell(col).value);
    };
    const err = (k: Key, message: string) => errors.push({ field: `rows.${n}.${k}`, message });
    const partNumber = get('partNumber');
    const name = get('name');
    if (!partNumber && !name) return;
    if (!partNumber) return void err('partNumber', 'required');
    if (!name) return void err('name', 'required');
    if (seen.has(partNumber.toLowerCase())) return void err('partNumber', 'appears twice in the file');
    seen.add(partNumber.toLowerCase());
    const money = (k: Key) => {
      const v = get(k);
      if (v === null) return null;
      const yuan = Number(v);
      if (!Number.isFinite(yuan) || yuan < 0) {
        err(k, 'not an amount');
        return null;
      }
      return Math.round(yuan * 100);
    };
    const flag = (k: Key, fallback: boolean) => {
      const v = get(k)?.toUpperCase();
      if (!v) return fallback;
      if (['Y', 'YES', '是', 'TRUE', '1'].includes(v)) return true;
      if (['N', 'NO', '否', 'FALSE', '0'].includes(v)) return false;
      err(k, 'Y or N');
      return fallback;
    };
    const months = get('shelfLifeMonths');
    if (months !== null && !/^\d{1,3}$/.test(months)) err('shelfLifeMonths', 'whole months');
    rows.push({
      partNumber,
      name,
      specification: get('specification'),
      unit: get('unit') ?? '个',
      genuine: flag('genuine', true),
      wearing: flag('wearing', false),
      costFen: money('cost'),
      factoryPriceFen: money('factoryPrice'),
      salePriceFen: money('salePrice'),
      shelfLifeMonths: months === null ? null : Number(months),
    });
  });
  if (errors.length)
    throw badRequest(`${errors.length} problems in the file; nothing was imported`, errors.slice(0, 100));
  return ctx.db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const existing = await repo.partIdsByNumber(
        tx,
        chunk.map((r) => r.partNumber.toLowerCase()),
      );
      const fresh = chunk.filter((r) => !existing.has(r.partNumber.toLowerCase()));
      await repo.insertParts(tx, fresh);
      created += fresh.length;
      for (const r of chunk) {
        const id = existing.get(r.partNumber.toLowerCase());
        if (!id) continue;
        const { partNumber: _, ...changes } = r;
        await repo.overwritePart(tx, id, changes, ctx.clock.now());
        updated++;
      }
    }
    await writeAudit(tx, ctx, {
      action: 'part.import',
      entityType: 'part',
      entityId: null,
      after: { fileId, created, updated },
    });
    return { created, updated };
  });
}
