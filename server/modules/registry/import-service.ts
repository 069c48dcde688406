// Excel import of customers, projects, products and equipment. The file is read as a stream, in
// chunks of rows; each chunk is validated (cells, references, duplicates) with set-based lookups and
// written with multi-row inserts, all inside one transaction: "all or nothing" rolls back when any
// row is bad; "good rows" keeps the good ones. Progress is written outside the transaction.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import {
  cellText,
  headerIndex,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportEntity,
  isExampleRow,
} from './import-columns.ts';
import * as repo from './import-repository.ts';
import { type ParsedRow, WRITERS } from './import-writers.ts';
import type { ImportRowError } from './schema.ts';

const CHUNK = 1000;
const MAX_STORED_ERRORS = 1000;

export async function startImport(
  ctx: Ctx,
  blobs: BlobStore,
  input: { entity: ImportEntity; mode: 'all_or_nothing' | 'good_rows'; fileName: string; data: Buffer },
) {
  if (ctx.scope.kind === 'customer') throw forbidden();
  if (input.data.subarray(0, 2).toString('latin1') !== 'PK') {
    throw badRequest('The file is not an .xlsx workbook', [{ field: 'file', message: 'not an .xlsx file' }]);
  }
  const id = randomUUID();
  const storageKey = `imports/${id}.xlsx`;
  await blobs.put(storageKey, input.data);
  return repo.insertImport(ctx.db, {
    id,
    entity: input.entity,
    mode: input.mode,
    fileName: input.fileName.slice(0, 200),
    storageKey,
    createdBy: ctx.principal.userId,
    createdAt: ctx.clock.now(),
  });
}

export async function getImport(ctx: Ctx, id: string) {
  if (ctx.scope.kind === 'customer') throw notFound('Import');
  const row = await repo.findImport(ctx.db, id);
  if (!row) throw notFound('Import');
  return toImportStatus(row);
}

function toImportStatus(row: repo.ImportRow) {
  return {
    id: row.id,
    entity: row.entity,
    mode: row.mode,
    status: row.status,
    fileName: row.fileName,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    importedRows: row.importedRows,
    errorCount: row.errorCount,
    errors: row.errors,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

async function* readRows(
  stream: Readable,
  entity: ImportEntity,
  errors: ImportRowError[],
): AsyncGenerator<ParsedRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of workbook) {
    let columns: Map<number, ImportColumn> | null = null;
    for await (const row of sheet) {
      const cells = (row.values as unknown[]).slice(1).map(cellText);
      if (!columns) {
        const index = headerIndex(entity, cells);
        if (index.missing.length) {
          for (const c of index.missing)
            errors.push({
              row: row.number,
              column: c.zh,
              message: `required column missing (${c.zh} / ${c.en})`,
            });
          throw new MissingColumns();
        }
        columns = index.map;
        continue;
      }
      if (cells.every((c) => c === '') || isExampleRow(columns, cells)) continue;
      const values: ParsedRow['values'] = {};
      let bad = false;
      for (const [i, col] of columns) {
        const text = cells[i] ?? '';
        if (text === '') {
          if (col.required) {
            errors.push({ row: row.number, column: col.zh, message: 'required' });
            bad = true;
          }
          continue;
        }
        const parsed = (col.schema as z.ZodType).safeParse(text);
        if (!parsed.success) {
          errors.push({
            row: row.number,
            column: col.zh,
            message: parsed.error.issues[0]?.message ?? 'invalid',
          });
          bad = true;
        } else values[col.key] = parsed.data as string | number;
      }
      if (!bad) yield { row: row.number, values };
    }
    return; // the first worksheet only
  }
}

/** Runs a queued import to the end (called by the `registry.import` job). */
export async function runImport(ctx: Ctx, blobs: BlobStore, importId: string): Promise<void> {
  const job = await repo.findImport(ctx.db, importId);
  if (job?.status !== 'queued') return;
  await repo.updateImport(ctx.db, importId, { status: 'running' });
  const errors: ImportRowError[] = [];
  let processed = 0;
  let imported = 0;
  const writer = WRITERS[job.entity](ctx);
  const seen = new Set<string>();
  try {
    await ctx.db.transaction(async (tx) => {
      let chunk: ParsedRow[] = [];
      const flush = async () => {
        const fresh = chunk.filter((r) => {
          const key = uniqueKey(job.entity, r.values);
          if (seen.has(key)) {
            errors.push({
              row: r.row,
              column: IMPORT_COLUMNS[job.entity][0]!.zh,
              message: 'duplicate of an earlier row',
            });
            return false;
          }
          seen.add(key);
          return true;
        });
        imported += await writer(tx, fresh, errors);
        processed += chunk.length;
        chunk = [];
        await repo.updateImport(ctx.db, importId, {
          processedRows: processed + errorRowsCount(errors),
          errorCount: errors.length,
        });
      };
      for await (const row of readRows(await blobs.get(job.storageKey), job.entity, errors)) {
        chunk.push(row);
        if (chunk.length >= CHUNK) await flush();
      }
      await flush();
      if (job.mode === 'all_or_nothing' && errors.length) throw new RollbackImport();
      await writeAudit(tx, ctx, {
        action: `import.${job.entity}`,
        entityType: 'import',
        entityId: importId,
        after: { fileName: job.fileName, imported, errors: errors.length },
      });
    });
    await finish(ctx, importId, 'succeeded', processed, imported, errors, null);
  } catch (err) {
    if (err instanceof MissingColumns) {
      await finish(
        ctx,
        importId,
        'failed',
        0,
        0,
        errors,
        'Required columns are missing: download the template.',
      );
      return;
    }
    if (err instanceof RollbackImport) {
      await finish(
        ctx,
        importId,
        'failed',
        processed,
        0,
        errors,
        'Nothing was imported: fix the rows listed, or import the good rows only.',
      );
      return;
    }
    await finish(
      ctx,
      importId,
      'failed',
      processed,
      0,
      errors,
      err instanceof Error ? err.message : String(err),
    );
  }
}

class RollbackImport extends Error {}
class MissingColumns extends Error {}

const errorRowsCount = (errors: ImportRowError[]) => new Set(errors.map((e) => e.row)).size;

async function finish(
  ctx: Ctx,
  id: string,
  status: 'succeeded' | 'failed',
  processed: number,
  imported: number,
  errors: ImportRowError[],
  message: string | null,
) {
  errors.sort((a, b) => a.row - b.row);
  await repo.updateImport(ctx.db, id, {
    status,
    totalRows: processed + errorRowsCount(errors),
    processedRows: processed + errorRowsCount(errors),
    importedRows: imported,
    errorCount: errors.length,
    errors: errors.slice(0, MAX_STORED_ERRORS),
    message,
    finishedAt: ctx.clock.now(),
  });
}

function uniqueKey(entity: ImportEntity, v: ParsedRow['values']): string {
  const s = (x: unknown) => String(x ?? '').toLowerCase();
  if (entity === 'customers' || entity === 'projects') return s(v.code);
  if (entity === 'products') return s(v.model);
  return `${s(v.productModel)}|${v.serial}`;
}

/**
 * The template workbook of an entity, with headers in the chosen language and one example row (grey,
 * with a note): the import skips that row while it is unchanged.
 */
export async function writeImportTemplate(entity: ImportEntity, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(entity);
  const cols = IMPORT_COLUMNS[entity];
  sheet.columns = cols.map((c) => ({
    header: lang === 'en' ? c.en : c.zh,
    key: c.key,
    width: Math.max(14, c.zh.length * 3),
  }));
  const example = sheet.addRow(Object.fromEntries(cols.map((c) => [c.key, c.example])));
  example.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  example.getCell(1).note =
    lang === 'en' ? 'Example row: not imported while unchanged' : '示例行：未修改时不导入';
  sheet.getRow(1).font = { bold: true };
  cols.forEach((c, i) => {
    if (c.required) sheet.getRow(1).getCell(i + 1).note = lang === 'en' ? 'required' : '必填';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
