// Stored files: uploads are sniffed by their magic bytes (the declared type is not trusted), limited
// in size, scoped to the uploader's organisation, and downloaded as attachments. Markup (HTML, SVG,
// XML) is refused wherever it sits in the file; a name that a browser would open as a page gets the
// extension of what is stored (file-safety.ts).
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { TFileMeta } from '../../../common/api.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { BlobStore } from '../../platform/blob-store.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { files } from '../../platform/schema.ts';
import { scopeFilter } from '../../platform/scope.ts';
import { downloadSafeName, PlainTextScanner, safeFileName } from './file-safety.ts';
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
  input: { name: string; data: Buffer | Readable; customerId?: string | null },
): Promise<TFileMeta> {
  const customerId = ctx.scope.kind === 'customer' ? ctx.scope.customerId : (input.customerId ?? null);
  const id = randomUUID();
  const storageKey = `${id.slice(0, 2)}/${id}`;
  // The bytes go to the store as they arrive, looked at on the way (type, digest, size, markup); a
  // file refused at the end is removed again.
  const inspection = new UploadInspection();
  const source = Buffer.isBuffer(input.data) ? Readable.from([input.data]) : input.data;
  await Promise.all([pipeline(source, inspection), blobs.put(storageKey, inspection)]);
  const verdict = await inspection.verdict();
  if (!ALLOWED.has(verdict.contentType)) {
    await blobs.delete(storageKey);
    throw new AppError(
      415,
      'Unsupported media type',
      `Files of type ${verdict.contentType} are not accepted`,
      [{ field: 'file', message: `type ${verdict.contentType} not accepted` }],
    );
  }
  const name = downloadSafeName(safeFileName(input.name), verdict.extension);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({
        id,
        customerId,
        name,
        contentType: verdict.contentType,
        size: verdict.size,
        sha256: verdict.sha256,
        storageKey,
        createdBy: ctx.principal.userId,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await writeAudit(tx, ctx, { action: 'file.upload', entityType: 'file', entityId: id, after: row });
    return toFileMeta(row!);
  });
}

// The type is sniffed from the first bytes (a zip's entries decide an office type, and they come first).
const SNIFF_BYTES = 256 * 1024;

/** Passes an upload through unchanged while taking its digest, size, first bytes and text verdict. */
class UploadInspection extends Transform {
  private readonly hash = createHash('sha256');
  private readonly text = new PlainTextScanner();
  private head: Buffer[] = [];
  private headBytes = 0;
  private size = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.text.feed(chunk);
    this.size += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      this.head.push(chunk.subarray(0, SNIFF_BYTES - this.headBytes));
      this.headBytes += Math.min(chunk.length, SNIFF_BYTES - this.headBytes);
    }
    done(null, chunk);
  }

  async verdict() {
    const sniffed = await fileTypeFromBuffer(Buffer.concat(this.head));
    this.head = [];
    const contentType = sniffed?.mime ?? (this.text.end() ? 'text/plain' : 'application/octet-stream');
    return {
      contentType,
      extension: sniffed?.ext ?? 'txt',
      size: this.size,
      sha256: this.hash.digest('hex'),
    };
  }
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
