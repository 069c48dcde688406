// Excel export of the registry's lists, streamed: rows are read page by page (keyset) and written
// to the response as they come, so memory stays flat whatever the size, with no row limit. Scoped
// like the lists.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context.ts';
import type { CursorKey } from '../../platform/pagination.ts';
import { listAssets, listProducts } from './asset-repository.ts';
import { listProjects } from './project-repository.ts';
import { listCustomers } from './repository.ts';

export const EXPORT_ENTITIES = ['customers', 'projects', 'products', 'assets'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

interface Column {
  zh: string;
  en: string;
  value: (row: Record<string, unknown>) => string | number | null;
}

const col = (key: string, zh: string, en: string): Column => ({
  zh,
  en,
  value: (r) => (r[key] as string | number | null) ?? null,
});

const COLUMNS: Record<ExportEntity, Column[]> = {
  customers: [
    col('code', '客户编码', 'Code'),
    col('name', '客户名称', 'Name'),
    col('type', '类型', 'Type'),
    col('region', '地区', 'Region'),
    col('contactName', '联系人', 'Contact'),
    col('contactPhone', '联系电话', 'Phone'),
    col('contactEmail', '电子邮箱', 'Email'),
    col('address', '地址', 'Address'),
  ],
  projects: [
    col('code', '项目编码', 'Code'),
    col('customerName', '客户', 'Customer'),
    col('name', '项目名称', 'Name'),
    col('address', '地址', 'Address'),
    col('region', '地区', 'Region'),
    col('status', '状态', 'Status'),
  ],
  products: [
    col('model', '型号', 'Model'),
    col('name', '名称', 'Name'),
    col('category', '类别', 'Category'),
    col('sizeClass', '规模等级', 'Size class'),
    {
      zh: '标准价（元）',
      en: 'Standard price (CNY)',
      value: (r) => (r.standardPriceFen === null ? null : Number(r.standardPriceFen) / 100),
    },
  ],
  assets: [
    col('serial', '序列号', 'Serial'),
    col('productModel', '产品型号', 'Product model'),
    col('productName', '产品名称', 'Product'),
    col('projectName', '项目', 'Project'),
    col('name', '设备名称', 'Name'),
    col('location', '安装位置', 'Location'),
    col('installDate', '安装日期', 'Install date'),
    col('acceptanceDate', '验收日期', 'Acceptance date'),
    col('status', '状态', 'Status'),
  ],
};

const PAGE = 1000;

async function nextPage(
  ctx: Ctx,
  entity: ExportEntity,
  filters: Record<string, string | undefined>,
  after: CursorKey | null,
) {
  switch (entity) {
    case 'customers': {
      const rows = await listCustomers(ctx.db, ctx.scope, { q: filters.q, sort: 'code' }, after, PAGE);
      return { rows, key: (r: (typeof rows)[number]) => ({ v: r.code.toLowerCase(), id: r.id }) };
    }
    case 'projects': {
      const rows = await listProjects(ctx.db, ctx.scope, filters, after, PAGE);
      return { rows, key: (r: (typeof rows)[number]) => ({ v: r.name, id: r.id }) };
    }
    case 'products': {
      const rows = await listProducts(ctx.db, filters, after, PAGE);
      return { rows, key: (r: (typeof rows)[number]) => ({ v: r.model.toLowerCase(), id: r.id }) };
    }
    case 'assets': {
      const rows = await listAssets(ctx.db, ctx.scope, filters, after, PAGE);
      return { rows, key: (r: (typeof rows)[number]) => ({ v: r.serial, id: r.id }) };
    }
  }
}

export function streamExport(
  ctx: Ctx,
  entity: ExportEntity,
  filters: Record<string, string | undefined>,
  lang: 'zh-CN' | 'en',
) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(entity);
  const columns = COLUMNS[entity];
  sheet.columns = columns.map((c) => ({ header: lang === 'en' ? c.en : c.zh, width: 18 }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    let after: CursorKey | null = null;
    for (;;) {
      const page = await nextPage(ctx, entity, filters, after);
      const rows = page.rows.slice(0, PAGE) as Record<string, unknown>[];
      for (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
      if (page.rows.length <= PAGE || rows.length === 0) break;
      // A slow download holds the next page back instead of piling rows up in memory; a closed one
      // stops the export.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
      after = (page.key as (r: unknown) => CursorKey)(rows.at(-1));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
