// Excel export of a list, streamed: the owning module gives the columns (a title in each language and
// a value) and a page function (its list query after a keyset cursor, scoped like the list); this
// writes the rows to the response page by page as they come, so memory stays flat whatever the size,
// with no row cap. A slow download holds the next page back; a closed one stops the export.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { TZDate } from '@date-fns/tz';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Ctx } from './context.ts';
import type { CursorKey } from './pagination.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_LANGS = ['zh-CN', 'en'] as const;
export type XlsxLang = (typeof XLSX_LANGS)[number];
/** The `lang` query parameter of every export: the language of the headers and of the words. */
export const ZXlsxLang = z.enum(XLSX_LANGS).default('zh-CN').describe('language of headers and values');
/** Rows read per page when the route does not say (configuration `EXPORT_PAGE_ROWS`). */
export const EXPORT_PAGE_ROWS = 500;

/** Words of an enumeration in each language (status names, kinds). */
export type Words = Record<XlsxLang, Record<string, string>>;
export type CellValue = string | number | boolean | null;

/** What a column's value function may use to write words and local times. */
export interface XlsxFormat {
  lang: XlsxLang;
  /** `2026-12-01 09:30` in the organisation's time zone. */
  dateTime(at: Date | string | null | undefined): string | null;
  /** `2026-12-01` in the organisation's time zone (a plain date string is kept). */
  date(at: Date | string | null | undefined): string | null;
  /** The word for a code in the chosen language (the code itself when none is known). */
  word(words: Words, code: string | null | undefined): string | null;
  /** 是 / 否, Yes / No. */
  yesNo(value: boolean | null | undefined): string | null;
}

export interface XlsxColumn<T> {
  zh: string;
  en: string;
  width?: number;
  value(row: T, f: XlsxFormat): CellValue | undefined;
}

/** One page of the list after `after` (null: the first), and the key of the next page (null: done). */
export type XlsxPage<T> = (
  after: CursorKey | null,
  size: number,
) => Promise<{ rows: readonly T[]; next: CursorKey | null }>;

export interface XlsxExport<T> {
  /** The file name's stem (`tickets` → `tickets-2026-12-01.xlsx`); letters, digits and dashes. */
  name: string;
  sheet: { zh: string; en: string };
  columns: readonly XlsxColumn<T>[];
  page: XlsxPage<T>;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text from users written as text only: a cell starting with = + - @ (or a tab / carriage return) would
 * be taken as a formula by Excel or another program the sheet is saved on to, so it gets a leading `'`.
 */
export function neutralise(value: CellValue | undefined): CellValue {
  if (value === undefined) return null;
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function xlsxFormat(lang: XlsxLang, timeZone: string): XlsxFormat {
  const local = (at: Date | string) => new TZDate(new Date(at).getTime(), timeZone);
  const day = (d: TZDate) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return {
    lang,
    dateTime: (at) => {
      if (!at) return null;
      const d = local(at);
      return `${day(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    },
    date: (at) => {
      if (!at) return null;
      if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
      return day(local(at));
    },
    word: (words, code) => (code ? (words[lang][code] ?? code) : null),
    yesNo: (value) => (value == null ? null : lang === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否'),
  };
}

/** The workbook as a stream; rows are read as the download takes them. */
export function streamXlsx<T>(ctx: Ctx, spec: XlsxExport<T>, lang: XlsxLang, pageRows = EXPORT_PAGE_ROWS) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const en = lang === 'en';
  const sheet = workbook.addWorksheet(en ? spec.sheet.en : spec.sheet.zh);
  sheet.columns = spec.columns.map((c) => ({ header: en ? c.en : c.zh, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  const f = xlsxFormat(lang, ctx.timeZone);
  (async () => {
    let after: CursorKey | null = null;
    for (;;) {
      const page = await spec.page(after, pageRows);
      for (const row of page.rows)
        sheet.addRow(spec.columns.map((c) => neutralise(c.value(row, f)))).commit();
      if (!page.next || page.rows.length === 0) break;
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
      after = page.next;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}

/** `tickets-2026-12-01.xlsx`: the stem reduced to safe characters, the date the organisation's. */
export function xlsxFileName(ctx: Ctx, name: string) {
  const stem = name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
  return `${stem}-${xlsxFormat('en', ctx.timeZone).date(ctx.clock.now())}.xlsx`;
}

/** Sends the export as an attachment (the route's whole answer). */
export function sendXlsx<T>(
  reply: FastifyReply,
  ctx: Ctx,
  spec: XlsxExport<T>,
  lang: XlsxLang,
  pageRows = EXPORT_PAGE_ROWS,
) {
  const stream: Readable = streamXlsx(ctx, spec, lang, pageRows);
  return reply
    .type(XLSX_TYPE)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${xlsxFileName(ctx, spec.name)}"`)
    .send(stream);
}

/** The OpenAPI answer of an export route: an xlsx file. */
export const XLSX_RESPONSE = {
  200: {
    description: 'An Excel workbook, sent as an attachment (content-disposition names the file)',
    content: { [XLSX_TYPE]: { schema: z.string().meta({ format: 'binary' }) } },
  },
};

/** Pages from a list service that answers `{ items, nextCursor }` with the platform's cursors. */
export async function pageOfList<T>(
  list: (after: CursorKey | null) => Promise<{ items: T[]; nextCursor: string | null }>,
  after: CursorKey | null,
  decode: (cursor: string) => CursorKey | null,
) {
  const { items, nextCursor } = await list(after);
  return { rows: items, next: nextCursor ? decode(nextCursor) : null };
}
