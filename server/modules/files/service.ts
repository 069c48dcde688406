// Stored files: uploads are sniffed by their magic bytes (the declared type is not trusted), limited
// in size, scoped to the uploader's organisation, and downloaded as attachments. Markup (HTML, SVG,
// XML) is refused wherever it sits in the file; a name that a browser would open as a page gets the
// extension of what is stored (file-safety.ts).
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { TFileMeta } from '../../../common/api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { files } from '../../platform/schema.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { downloadSafeName, looksLikePlainText, safeFileName } from './file-safety.ts';
import { isFileWithheld } from './guard.ts';

// Types a service desk needs: images, PDF, office documents, archives, video; and plain text.
const ALLOWED = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/zip',
  'application/x-cfb',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'video/mp4',
  'video/quicktime',
  'audio/mpeg',
  'text/plain',
]);

export async function storeFile(
  ctx: Ctx,
  blobs: BlobStore,
  input: { name: string; data: Buffer; customerId?: string | null },
): Promise<TFileMeta> {
  const sniffed = await fileTypeFromBuffer(input.data);
  const contentType =
    sniffed?.mime ?? (looksLikePlainText(input.data) ? 'text/plain' : 'application/octet-stream');
  if (!ALLOWED.has(contentType)) {
    throw new AppError(415, 'Unsupported media type', `Files of type ${contentType} are not accepted`, [
      { field: 'file', message: `type ${contentType} not accepted` },
    ]);
  }
  const customerId = ctx.scope.kind === 'customer' ? ctx.scope.customerId : (input.customerId ?? null);
  const id = randomUUID();
  const storageKey = `${id.slice(0, 2)}/${id}`;
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  const name = downloadSafeName(safeFileName(input.name), sniffed?.ext ?? 'txt');
  await blobs.put(storageKey, input.data);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({
        id,
        customerId,
        name,
        contentType,
        size: input.data.length,
        sha256,
        storageKey,
        createdBy: ctx.principal.userId,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await writeAudit(tx, ctx, { action: 'file.upload', entityType: 'file', entityId: id, after: row });
    return toFileMeta(row!);
  });
}

export async function findFile(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(files)
    .where(and(eq(files.id, id), scopeFilter(files.customerId, ctx.scope)));
  if (!row || (await isFileWithheld(ctx, id))) throw notFound('File');
  return row;
}

export function toFileMeta(row: typeof files.$inferSelect): TFileMeta {
  return {
    id: row.id,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    customerId: row.customerId,
    createdAt: row.createdAt.toISOString(),
  };
}
