// What the returns module (退货, 篇3 5) needs of the registry: the equipment a customer owns, found by
// id or serial within that customer only (another customer's serial is simply not found), with its
// product and delivery dates; and the equipment's status after a return, with its archive event.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { recordArchiveEvent } from './archive.ts';
import { assets, products, projects } from './schema.ts';

export interface ReturnableAsset {
  assetId: string;
  customerId: string;
  projectId: string;
  projectName: string;
  productId: string;
  productModel: string;
  productName: string;
  serial: string;
  status: string;
  installDate: string | null;
  commissioningDate: string | null;
  acceptanceDate: string | null;
  timeZone: string | null;
}

/** The customer's equipment with this id or serial (case-insensitive), or null when it is not theirs. */
export async function customerAssetForReturn(
  db: Executor,
  customerId: string,
  by: { assetId?: string | null; serial?: string | null },
): Promise<ReturnableAsset | null> {
  const which = by.assetId
    ? eq(assets.id, by.assetId)
    : sql`lower(${assets.serial}) = lower(${by.serial ?? ''})`;
  const rows = await db
    .select({
      assetId: assets.id,
      customerId: assets.customerId,
      projectId: assets.projectId,
      projectName: projects.name,
      productId: assets.productId,
      productModel: products.model,
      productName: products.name,
      serial: assets.serial,
      status: assets.status,
      installDate: assets.installDate,
      commissioningDate: assets.commissioningDate,
      acceptanceDate: assets.acceptanceDate,
      timeZone: projects.timeZone,
    })
    .from(assets)
    .innerJoin(products, eq(products.id, assets.productId))
    .innerJoin(projects, eq(projects.id, assets.projectId))
    .where(and(eq(assets.customerId, customerId), which))
    .limit(2);
  // The same serial under two products of one customer: ask for the equipment itself.
  return rows.length === 1 ? rows[0]! : null;
}

/**
 * The equipment's status after a return's outcome (a refunded or exchanged unit leaves service:
 * `retired`; one sent for repair: `under_repair`) and its archive event, in the caller's transaction.
 */
export async function recordAssetReturn(
  tx: Executor,
  ctx: Ctx,
  input: {
    assetId: string;
    status: 'retired' | 'under_repair' | null;
    kind: 'returns.requested' | 'returns.refused' | 'returns.decided' | 'returns.received';
    summary: string;
    details: Record<string, unknown>;
    returnId: string;
  },
) {
  const [asset] = await tx
    .select({
      id: assets.id,
      customerId: assets.customerId,
      projectId: assets.projectId,
      status: assets.status,
    })
    .from(assets)
    .where(eq(assets.id, input.assetId))
    .for('update');
  if (!asset) return;
  if (input.status && asset.status !== input.status) {
    await tx
      .update(assets)
      .set({ status: input.status, version: sql`${assets.version} + 1`, updatedAt: ctx.clock.now() })
      .where(eq(assets.id, asset.id));
  }
  await recordArchiveEvent(tx, ctx, {
    customerId: asset.customerId,
    projectId: asset.projectId,
    assetId: asset.id,
    kind: input.kind,
    summary: input.summary,
    details: input.status ? { ...input.details, from: asset.status, to: input.status } : input.details,
    refType: 'return',
    refId: input.returnId,
  });
}
