// The columns of each Excel import: a field key, its Chinese and English header (either is accepted),
// and how a cell is read. The template download writes these headers.
import { z } from 'zod';
import { CUSTOMER_TYPES } from '../../../common/api.ts';
import { isDate } from '../../../common/calendar-dates.ts';
import { SIZE_CLASSES } from '../../../common/registry-api.ts';
import type { IMPORT_ENTITIES } from './schema.ts';

export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  schema: z.ZodType;
  example: string;
}

const str = (max: number) => z.string().trim().min(1).max(max);
const code = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, . - and _ only');
const date = z.string().refine(isDate, 'not a date (YYYY-MM-DD)');
const yuan = z.coerce.number().min(0).max(1e11);

export const IMPORT_COLUMNS: Record<ImportEntity, ImportColumn[]> = {
  customers: [
    { key: 'code', zh: '客户编码', en: 'Code', required: true, schema: code, example: 'NB-PORT' },
    { key: 'name', zh: '客户名称', en: 'Name', required: true, schema: str(200), example: '宁波港集团' },
    { key: 'type', zh: '类型', en: 'Type', schema: z.enum(CUSTOMER_TYPES), example: 'enterprise' },
    { key: 'region', zh: '地区', en: 'Region', schema: str(100), example: '浙江' },
    { key: 'contactName', zh: '联系人', en: 'Contact', schema: str(100), example: '陈经理' },
    { key: 'contactPhone', zh: '联系电话', en: 'Phone', schema: str(40), example: '0574-12345678' },
    {
      key: 'contactEmail',
      zh: '电子邮箱',
      en: 'Email',
      schema: z.email().max(200),
      example: 'chen@nbport.example',
    },
    { key: 'address', zh: '地址', en: 'Address', schema: str(500), example: '浙江省宁波市北仑区' },
  ],
  projects: [
    { key: 'code', zh: '项目编码', en: 'Code', required: true, schema: code, example: 'NB-L1' },
    {
      key: 'customerCode',
      zh: '客户编码',
      en: 'Customer code',
      required: true,
      schema: code,
      example: 'NB-PORT',
    },
    {
      key: 'name',
      zh: '项目名称',
      en: 'Name',
      required: true,
      schema: str(200),
      example: '港区道路照明工程',
    },
    { key: 'address', zh: '地址', en: 'Address', schema: str(500), example: '宁波市北仑区' },
    { key: 'region', zh: '地区', en: 'Region', schema: str(100), example: '浙江' },
  ],
  products: [
    { key: 'model', zh: '型号', en: 'Model', required: true, schema: code, example: 'SL-POLE-10M' },
    { key: 'name', zh: '名称', en: 'Name', required: true, schema: str(200), example: '太阳能路灯杆 10米' },
    { key: 'category', zh: '类别', en: 'Category', required: true, schema: str(100), example: 'lighting' },
    { key: 'sizeClass', zh: '规模等级', en: 'Size class', schema: z.enum(SIZE_CLASSES), example: 'medium' },
    { key: 'standardPrice', zh: '标准价（元）', en: 'Standard price (CNY)', schema: yuan, example: '3500' },
  ],
  assets: [
    {
      key: 'projectCode',
      zh: '项目编码',
      en: 'Project code',
      required: true,
      schema: code,
      example: 'NB-L1',
    },
    {
      key: 'productModel',
      zh: '产品型号',
      en: 'Product model',
      required: true,
      schema: code,
      example: 'SL-POLE-10M',
    },
    { key: 'serial', zh: '序列号', en: 'Serial', required: true, schema: str(100), example: 'NB-L1-P0001' },
    { key: 'name', zh: '设备名称', en: 'Name', schema: str(200), example: '1号路灯' },
    { key: 'location', zh: '安装位置', en: 'Location', schema: str(200), example: '港区一路东侧' },
    { key: 'parentSerial', zh: '所属整机序列号', en: 'Parent serial', schema: str(100), example: '' },
    { key: 'installDate', zh: '安装日期', en: 'Install date', schema: date, example: '2026-10-01' },
    {
      key: 'commissioningDate',
      zh: '调试日期',
      en: 'Commissioning date',
      schema: date,
      example: '2026-10-15',
    },
    { key: 'acceptanceDate', zh: '验收日期', en: 'Acceptance date', schema: date, example: '2026-11-01' },
  ],
};

/** Header text → field key, for either language (trimmed, case-insensitive). */
export function headerIndex(
  entity: ImportEntity,
  headers: string[],
): { map: Map<number, ImportColumn>; missing: ImportColumn[] } {
  const byLabel = new Map<string, ImportColumn>();
  for (const c of IMPORT_COLUMNS[entity]) {
    byLabel.set(c.zh.toLowerCase(), c);
    byLabel.set(c.en.toLowerCase(), c);
    byLabel.set(c.key.toLowerCase(), c);
  }
  const map = new Map<number, ImportColumn>();
  headers.forEach((h, i) => {
    const col = byLabel.get(
      String(h ?? '')
        .trim()
        .toLowerCase(),
    );
    if (col) map.set(i, col);
  });
  const found = new Set([...map.values()].map((c) => c.key));
  return { map, missing: IMPORT_COLUMNS[entity].filter((c) => c.required && !found.has(c.key)) };
}

/**
 * The template's example row, left as it was: every recognised cell still holds its example. Such a
 * row is skipped on import, so uploading the template unchanged creates nothing.
 */
export function isExampleRow(columns: Map<number, ImportColumn>, cells: string[]): boolean {
  return [...columns].every(([i, col]) => (cells[i] ?? '') === col.example);
}

/** Excel cells arrive as strings, numbers, dates or rich text; bring them to trimmed strings. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: string; richText?: { text: string }[]; result?: unknown };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (v.text !== undefined) return String(v.text).trim();
    if (v.result !== undefined) return cellText(v.result);
    return '';
  }
  return String(value).trim();
}
