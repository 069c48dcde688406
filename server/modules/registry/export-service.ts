// Excel export of the registry's lists (platform/xlsx-export.ts streams them): the columns in each
// language and the list's own keyset query with the list's filters, scoped like the list.
import { REGISTRY_STATUS_WORDS } from '../../../common/archive-text.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Words, XlsxColumn, XlsxExport } from '../../platform/xlsx-export.ts';
import { listAssets, listProducts } from './asset-repository.ts';
import { listProjects } from './project-repository.ts';
import { listCustomers } from './repository.ts';

export const EXPORT_ENTITIES = ['customers', 'projects', 'products', 'assets'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];
export type ExportFilters = Record<string, string | undefined>;

type Row = Record<string, unknown>;

const CUSTOMER_TYPES: Words = {
  'zh-CN': { enterprise: '企业', government: '政府机关', institution: '事业单位', individual: '个人' },
  en: {
    enterprise: 'Enterprise',
    government: 'Government',
    institution: 'Institution',
    individual: 'Individual',
  },
};
const SIZE_CLASSES: Words = {
  'zh-CN': { small: '小型', medium: '中型', large: '大型' },
  en: { small: 'Small', medium: 'Medium', large: 'Large' },
};

const col = (key: string, zh: string, en: string): XlsxColumn<Row> => ({
  zh,
  en,
  value: (r) => (r[key] as string | number | null) ?? null,
});
const wordCol = (key: string, zh: string, en: string, words: Words): XlsxColumn<Row> => ({
  zh,
  en,
  value: (r, f) => f.word(words, r[key] as string | null),
});

const COLUMNS: Record<ExportEntity, XlsxColumn<Row>[]> = {
  customers: [
    col('code', '客户编码', 'Code'),
    col('name', '客户名称', 'Name'),
    wordCol('type', '类型', 'Type', CUSTOMER_TYPES),
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
    wordCol('status', '状态', 'Status', REGISTRY_STATUS_WORDS),
  ],
  products: [
    col('model', '型号', 'Model'),
    col('name', '名称', 'Name'),
    col('category', '类别', 'Category'),
    wordCol('sizeClass', '规模等级', 'Size class', SIZE_CLASSES),
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
    { zh: '安装日期', en: 'Install date', value: (r, f) => f.date(r.installDate as string | null) },
    { zh: '验收日期', en: 'Acceptance date', value: (r, f) => f.date(r.acceptanceDate as string | null) },
    wordCol('status', '状态', 'Status', REGISTRY_STATUS_WORDS),
  ],
};

const SHEETS: Record<ExportEntity, { zh: string; en: string }> = {
  customers: { zh: '客户', en: 'Customers' },
  projects: { zh: '项目', en: 'Projects' },
  products: { zh: '产品', en: 'Products' },
  assets: { zh: '设备', en: 'Equipment' },
};

/** Each list's repository query after a key (it reads `size + 1` rows: one more says there is more). */
function pageOf(ctx: Ctx, entity: ExportEntity, filters: ExportFilters): XlsxExport<Row>['page'] {
  const paged = <T extends Row>(rows: T[], size: number, key: (r: T) => { v: string; id: string }) => {
    const page = rows.slice(0, size);
    return { rows: page, next: rows.length > size && page.length ? key(page.at(-1)!) : null };
  };
  switch (entity) {
    case 'customers':
      return async (after, size) =>
        paged(
          await listCustomers(
            ctx.db,
            ctx.scope,
            { q: filters.q, type: filters.type, region: filters.region, sort: 'code' },
            after,
            size,
          ),
          size,
          (r) => ({ v: r.code.toLowerCase(), id: r.id }),
        );
    case 'projects':
      return async (after, size) =>
        paged(await listProjects(ctx.db, ctx.scope, filters, after, size), size, (r) => ({
          v: r.name,
          id: r.id,
        }));
    case 'products':
      return async (after, size) =>
        paged(await listProducts(ctx.db, filters, after, size), size, (r) => ({
          v: r.model.toLowerCase(),
          id: r.id,
        }));
    case 'assets':
      return async (after, size) =>
        paged(await listAssets(ctx.db, ctx.scope, filters, after, size), size, (r) => ({
          v: r.serial,
          id: r.id,
        }));
  }
}

export function registryExport(ctx: Ctx, entity: ExportEntity, filters: ExportFilters): XlsxExport<Row> {
  return {
    name: entity,
    sheet: SHEETS[entity],
    columns: COLUMNS[entity],
    page: pageOf(ctx, entity, filters),
  };
}
