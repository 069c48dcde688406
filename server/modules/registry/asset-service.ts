// Products (the catalogue) and assets (equipment trees on a project), with replacement (篇4 c.2, f.5).
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { toLocalDate } from '../../../common/calendar-dates.ts';
import type {
  TAsset,
  TProduct,
  ZCreateAssetRequest,
  ZCreateProductRequest,
  ZReplaceAssetRequest,
  ZUpdateAssetRequest,
  ZUpdateProductRequest,
} from '../../../common/registry-api.ts';
import { DEFAULT_TERMS, repairDecision } from '../../../common/warranty-rules.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { type CursorKey, pageFrom } from '../../platform/pagination.ts';
import { definedOnly, updateVersioned } from '../../platform/versioned.ts';
import { recordArchiveEvent } from './archive.ts';
import * as repo from './asset-repository.ts';
import { findGoverningTerms } from './contract-service.ts';
import { findProject } from './project-repository.ts';
import { assets, products } from './schema.ts';

function toProduct(row: repo.ProductRow): TProduct {
  return {
    id: row.id,
    model: row.model,
    name: row.name,
    category: row.category,
    sizeClass: row.sizeClass,
    maintenanceTemplate: row.maintenanceTemplate,
    standardPriceFen: row.standardPriceFen,
    documentFileIds: row.documentFileIds,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toAsset(row: repo.AssetRow): TAsset {
  return {
    id: row.id,
    customerId: row.customerId,
    projectId: row.projectId,
    projectName: row.projectName,
    productId: row.productId,
    productModel: row.productModel,
    productName: row.productName,
    serial: row.serial,
    name: row.name,
    location: row.location,
    parentId: row.parentId,
    installDate: row.installDate,
    commissioningDate: row.commissioningDate,
    acceptanceDate: row.acceptanceDate,
    warrantyStart: row.warrantyStart,
    warrantyEnd: row.warrantyEnd,
    status: row.status,
    replacesId: row.replacesId,
    replacedById: row.replacedById,
    repairCount: row.repairCount,
    attributes: row.attributes,
    photoFileIds: row.photoFileIds,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const assertStaff = (ctx: Ctx) => {
  if (ctx.scope.kind === 'customer') throw forbidden();
};

// ---------- products ----------
export async function listProducts(
  ctx: Ctx,
  query: { q?: string; category?: string; sizeClass?: string; limit: number },
  after: CursorKey | null,
) {
  const rows = await repo.listProducts(ctx.db, query, after, query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.model.toLowerCase(), id: r.id }));
  return { items: page.items.map(toProduct), nextCursor: page.nextCursor };
}

export async function getProduct(ctx: Ctx, id: string): Promise<TProduct> {
  const row = await repo.findProduct(ctx.db, id);
  if (!row) throw notFound('Product');
  return toProduct(row);
}

export async function createProduct(
  ctx: Ctx,
  input: z.infer<typeof ZCreateProductRequest>,
): Promise<TProduct> {
  assertStaff(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertProduct(tx, input);
    await writeAudit(tx, ctx, {
      action: 'product.create',
      entityType: 'product',
      entityId: row.id,
      after: row,
    });
    return toProduct(row);
  });
}

export async function updateProduct(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZUpdateProductRequest>,
): Promise<TProduct> {
  assertStaff(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findProduct(tx, id);
    if (!before) throw notFound('Product');
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, products, 'Product', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, {
      action: 'product.update',
      entityType: 'product',
      entityId: id,
      before,
      after,
    });
    return toProduct(after);
  });
}

// ---------- assets ----------
export async function listAssets(
  ctx: Ctx,
  query: repo.AssetFilter & { limit: number },
  after: CursorKey | null,
) {
  const rows = await repo.listAssets(ctx.db, ctx.scope, query, after, query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.serial, id: r.id }));
  return { items: page.items.map(toAsset), nextCursor: page.nextCursor };
}

export async function getAssetRow(ctx: Ctx, id: string): Promise<repo.AssetRow> {
  const row = await repo.findAsset(ctx.db, ctx.scope, id);
  if (!row) throw notFound('Asset');
  return row;
}

export async function getAsset(ctx: Ctx, id: string): Promise<TAsset> {
  return toAsset(await getAssetRow(ctx, id));
}

async function checkParent(ctx: Ctx, parentId: string, projectId: string, selfId?: string) {
  const parent = await repo.findAsset(ctx.db, ctx.scope, parentId);
  if (!parent) throw invalidField('parentId', 'no such asset');
  if (parent.projectId !== projectId)
    throw invalidField('parentId', 'the parent unit belongs to another project');
  if (selfId && (await repo.ancestorIds(ctx.db, parentId)).includes(selfId)) {
    throw invalidField('parentId', 'an asset cannot be inside itself');
  }
}

export async function createAsset(ctx: Ctx, input: z.infer<typeof ZCreateAssetRequest>): Promise<TAsset> {
  assertStaff(ctx);
  const project = await findProject(ctx.db, ctx.scope, input.projectId);
  if (!project) throw invalidField('projectId', 'no such project');
  if (!(await repo.findProduct(ctx.db, input.productId))) throw invalidField('productId', 'no such product');
  if (input.parentId) await checkParent(ctx, input.parentId, input.projectId);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertAsset(tx, { ...input, customerId: project.customerId });
    await writeAudit(tx, ctx, { action: 'asset.create', entityType: 'asset', entityId: row.id, after: row });
    await recordArchiveEvent(tx, ctx, {
      customerId: row.customerId,
      projectId: row.projectId,
      assetId: row.id,
      kind: 'registry.asset-registered',
      summary: `Equipment ${row.serial} registered${row.installDate ? `, installed ${row.installDate}` : ''}`,
      details: { serial: row.serial, installDate: row.installDate },
      refType: 'asset',
      refId: row.id,
    });
    return row.id;
  });
  return getAsset(ctx, id);
}

export async function updateAsset(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZUpdateAssetRequest>,
): Promise<TAsset> {
  assertStaff(ctx);
  const before = await getAssetRow(ctx, id);
  if (input.parentId) await checkParent(ctx, input.parentId, before.projectId, id);
  await ctx.db.transaction(async (tx) => {
    const { version, ...changes } = input;
    const after = await updateVersioned(tx, assets, 'Asset', id, version, definedOnly(changes));
    await writeAudit(tx, ctx, { action: 'asset.update', entityType: 'asset', entityId: id, before, after });
    if (changes.status && changes.status !== before.status) {
      await recordArchiveEvent(tx, ctx, {
        customerId: before.customerId,
        projectId: before.projectId,
        assetId: id,
        kind: 'registry.asset-status',
        summary: `Status ${before.status} → ${changes.status}`,
        details: { from: before.status, to: changes.status },
      });
    }
  });
  return getAsset(ctx, id);
}

/**
 * Replaces a unit (or component): the new asset takes the old one's place in the tree, the old one
 * is marked replaced, both are linked, and the new one continues under warranty (篇4 f.5) — the
 * window is given by the caller from the warranty rules (inherited or restarted).
 */
export async function replaceAsset(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof ZReplaceAssetRequest>,
  warranty: { start: string | null; end: string | null },
): Promise<TAsset> {
  assertStaff(ctx);
  const old = await getAssetRow(ctx, id);
  if (old.status === 'replaced' || old.status === 'retired')
    throw invalidField('status', `the asset is already ${old.status}`);
  const productId = input.productId ?? old.productId;
  if (!(await repo.findProduct(ctx.db, productId))) throw invalidField('productId', 'no such product');
  const newId = await ctx.db.transaction(async (tx) => {
    const fresh = await repo.insertAsset(tx, {
      customerId: old.customerId,
      projectId: old.projectId,
      productId,
      serial: input.serial,
      name: old.name,
      location: old.location,
      parentId: old.parentId,
      installDate: input.replacedOn,
      commissioningDate: input.replacedOn,
      acceptanceDate: old.acceptanceDate,
      warrantyStart: warranty.start,
      warrantyEnd: warranty.end,
      status: 'in_service',
      replacesId: old.id,
      attributes: old.attributes,
    });
    await updateVersioned(tx, assets, 'Asset', id, input.version, {
      status: 'replaced',
      replacedById: fresh.id,
    });
    // Components of the old unit now hang under the new one.
    await repo.reparentChildren(tx, id, fresh.id);
    await writeAudit(tx, ctx, {
      action: 'asset.replace',
      entityType: 'asset',
      entityId: id,
      before: old,
      after: { replacedById: fresh.id, reason: input.reason, warranty },
    });
    const base = { customerId: old.customerId, projectId: old.projectId, refType: 'asset' };
    await recordArchiveEvent(tx, ctx, {
      ...base,
      assetId: old.id,
      kind: 'registry.asset-replaced',
      summary: `Replaced by ${input.serial} on ${input.replacedOn}: ${input.reason}`,
      details: { newSerial: input.serial, replacedOn: input.replacedOn, reason: input.reason },
      refId: fresh.id,
    });
    await recordArchiveEvent(tx, ctx, {
      ...base,
      assetId: fresh.id,
      kind: 'registry.asset-replacement',
      summary: `Replaces ${old.serial}; warranty ${warranty.start ?? '?'} – ${warranty.end ?? '?'}`,
      details: { warranty, oldSerial: old.serial, start: warranty.start, end: warranty.end },
      refId: old.id,
    });
    return fresh.id;
  });
  return getAsset(ctx, newId);
}

async function maxRepairsOf(tx: Executor, ctx: Ctx, projectId: string) {
  const project = await findProject(tx, ctx.scope, projectId);
  const today = toLocalDate(ctx.clock.now(), project?.timeZone ?? ctx.timeZone);
  const terms = await findGoverningTerms(tx, projectId, today);
  return terms?.maxRepairsBeforeReplace ?? DEFAULT_TERMS.maxRepairsBeforeReplace;
}

/**
 * 篇4 c.2(1): counts one repair of each asset and tells what its next repair must be. A component's
 * repair counts for the component only; the unit's count holds the repairs of the unit as a whole,
 * so a component past the limit is replaced alone. The limit is the governing contract's.
 */
export async function recordRepairs(tx: Executor, ctx: Ctx, assetIds: string[]) {
  const out: { assetId: string; serial: string; decision: string; text: string }[] = [];
  for (const id of assetIds) {
    const [row] = await tx
      .update(assets)
      .set({ repairCount: sql`${assets.repairCount} + 1` })
      .where(eq(assets.id, id))
      .returning({
        id: assets.id,
        serial: assets.serial,
        projectId: assets.projectId,
        parentId: assets.parentId,
        repairCount: assets.repairCount,
      });
    if (!row) continue;
    const [parent] = row.parentId
      ? await tx.select({ repairCount: assets.repairCount }).from(assets).where(eq(assets.id, row.parentId))
      : [];
    const decision = repairDecision({
      componentRepairs: parent ? row.repairCount : 0,
      unitRepairs: parent ? parent.repairCount : row.repairCount,
      maxRepairs: await maxRepairsOf(tx, ctx, row.projectId),
    });
    await writeAudit(tx, ctx, {
      action: 'asset.repaired',
      entityType: 'asset',
      entityId: id,
      after: { repairCount: row.repairCount, next: decision.decision },
    });
    out.push({ assetId: id, serial: row.serial, ...decision });
  }
  return out;
}
