// Label codes: every asset gets a stable, unguessable public code (80 random bits, Crockford base32)
// the first time its label is asked for; re-issuing a label (lost, damaged) revokes the old code.
import { randomBytes } from 'node:crypto';
import type { TAssetLabel } from '../../../common/labels-api.ts';
import { LABEL_ALPHABET } from '../../../common/labels-rules.ts';
import { writeAudit, writeAudits } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { getAsset } from '../registry/index.ts';
import type { QrLinkConfig } from './link-token.ts';
import * as repo from './repository.ts';

export function newLabelCode(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += LABEL_ALPHABET[bytes[i]! & 31];
  return out;
}

export const labelUrl = (link: QrLinkConfig, code: string) => `${link.baseUrl}/q/${code}`;

const toLabel = (link: QrLinkConfig, row: repo.LabelRow): TAssetLabel => ({
  assetId: row.assetId,
  code: row.code,
  url: labelUrl(link, row.code),
  issuedAt: row.issuedAt.toISOString(),
});

/**
 * Issues a label to each asset without one (the caller has checked that it may read the assets and
 * passes their customer). Idempotent: a concurrent issue keeps the first code. Answers the current
 * labels of all of them.
 */
export async function issueLabels(
  ctx: Ctx,
  assets: { id: string; customerId: string }[],
  /** Chosen codes (the demo's known street lamp); random otherwise. */
  chosen: ReadonlyMap<string, string> = new Map(),
): Promise<repo.LabelRow[]> {
  const ids = [...new Set(assets.map((a) => a.id))];
  const have = await repo.currentLabels(ctx.db, ids);
  const missing = assets.filter((a) => !have.some((l) => l.assetId === a.id));
  if (!missing.length) return have;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await repo.insertLabels(
      tx,
      missing.map((a) => ({
        code: chosen.get(a.id) ?? newLabelCode(),
        assetId: a.id,
        customerId: a.customerId,
        issuedAt: now,
        issuedBy: ctx.principal.userId,
      })),
    );
    await writeAudits(
      tx,
      ctx,
      rows.map((r) => ({ action: 'label.issue', entityType: 'asset', entityId: r.assetId, after: r })),
    );
  });
  return repo.currentLabels(ctx.db, ids);
}

/** The current label of each asset, issued when missing, with its address. */
export async function ensureLabels(
  ctx: Ctx,
  link: QrLinkConfig,
  assets: { id: string; customerId: string }[],
): Promise<Map<string, TAssetLabel>> {
  const rows = await issueLabels(ctx, assets);
  return new Map(rows.map((r) => [r.assetId, toLabel(link, r)]));
}

export async function assetLabel(ctx: Ctx, link: QrLinkConfig, assetId: string): Promise<TAssetLabel> {
  const asset = await getAsset(ctx, assetId);
  return (await ensureLabels(ctx, link, [asset]).then((m) => m.get(asset.id)))!;
}

/** A new code for a lost or damaged label; the old one answers "revoked" from now on. */
export async function reissueLabel(ctx: Ctx, link: QrLinkConfig, assetId: string): Promise<TAssetLabel> {
  const asset = await getAsset(ctx, assetId);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const revoked = await repo.revokeLabel(tx, asset.id, now);
    const [issued] = await repo.insertLabels(tx, [
      {
        code: newLabelCode(),
        assetId: asset.id,
        customerId: asset.customerId,
        issuedAt: now,
        issuedBy: ctx.principal.userId,
      },
    ]);
    await writeAudit(tx, ctx, {
      action: 'label.reissue',
      entityType: 'asset',
      entityId: asset.id,
      before: revoked[0] ?? null,
      after: issued,
    });
    return issued!;
  });
  return toLabel(link, row);
}
