// The service company's letterhead: the name and logo printed in the header of its documents. One
// row; an administrator changes it (versioned, audited); PDFs read it through `companyLetterhead`.
import { eq, sql } from 'drizzle-orm';
import {
  DEFAULT_COMPANY_NAME,
  LOGO_CONTENT_TYPES,
  type TCompanyProfile,
  type TUpdateCompanyProfileRequest,
} from '../../../common/api.ts';
import type { Executor } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type BlobStore, toBuffer } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, staleVersion } from '../../platform/errors.ts';
import { findFile } from '../files/index.ts';
import { companyProfile } from './schema.ts';

async function findProfile(db: Executor) {
  const [row] = await db.select().from(companyProfile).where(eq(companyProfile.id, 1));
  return row;
}

export async function getCompanyProfile(ctx: Ctx): Promise<TCompanyProfile> {
  const row = await findProfile(ctx.db);
  return {
    name: row?.name ?? DEFAULT_COMPANY_NAME,
    logoFileId: row?.logoFileId ?? null,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function updateCompanyProfile(ctx: Ctx, input: TUpdateCompanyProfileRequest) {
  if (input.logoFileId) {
    // The logo is a staff file (not a customer's) that the PDF library can draw.
    const file = await findFile(ctx, input.logoFileId).catch(() => null);
    if (!file || file.customerId) throw invalidField('logoFileId', 'no such file');
    if (!(LOGO_CONTENT_TYPES as readonly string[]).includes(file.contentType))
      throw invalidField('logoFileId', 'the logo must be a PNG or JPEG image');
  }
  const before = await getCompanyProfile(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const values = { name: input.name, logoFileId: input.logoFileId, updatedBy: ctx.principal.userId };
    const [row] = await tx
      .insert(companyProfile)
      .values({ id: 1, ...values, version: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: companyProfile.id,
        set: { ...values, version: sql`${companyProfile.version} + 1`, updatedAt: now },
        setWhere: sql`${companyProfile.version} = ${input.version}`,
      })
      .returning();
    if (!row || (before.version === 0 && input.version !== 0)) throw staleVersion('Company profile');
    await writeAudit(tx, ctx, {
      action: 'company.profile',
      entityType: 'company_profile',
      entityId: null,
      before,
      after: row,
    });
  });
  return getCompanyProfile(ctx);
}

export interface Letterhead {
  name: string;
  /** The logo's bytes, or null when none is set (or its file is gone). */
  logo: Buffer | null;
}

/** What the documents print in their header. */
export async function companyLetterhead(ctx: Ctx, blobs: BlobStore): Promise<Letterhead> {
  const row = await findProfile(ctx.db);
  let logo: Buffer | null = null;
  if (row?.logoFileId) {
    const file = await findFile({ ...ctx, scope: { kind: 'all' } }, row.logoFileId).catch(() => null);
    if (file) logo = await toBuffer(await blobs.get(file.storageKey)).catch(() => null);
  }
  return { name: row?.name ?? DEFAULT_COMPANY_NAME, logo };
}
