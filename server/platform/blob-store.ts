// Files (attachments, signatures, generated PDFs) behind one small interface: a local folder by
// default (one machine), PostgreSQL when several instances share the files (postgres-blob-store.ts;
// FILE_STORE chooses, file-store.ts opens). Both directions stream: no file is held whole in memory.
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface BlobStore {
  /** True when the files are rows of the database, so a database backup already holds them. */
  readonly inDatabase: boolean;
  /** Stores the whole stream under the key; on failure nothing is left under it. */
  put(key: string, data: Readable | Buffer): Promise<void>;
  /** The stored bytes; fails with code ENOENT when there is no such file. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Every key, for backups. */
  list(): AsyncIterable<string>;
}

/** A whole stream in memory (small files only: signatures, report PDFs, mail attachments). */
export async function toBuffer(stream: AsyncIterable<Buffer | Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9/_.-]*$/;

/** Refuses a key that could name something outside the store (`..`, an absolute path). */
export function checkBlobKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe blob key: ${key}`);
}

export class LocalBlobStore implements BlobStore {
  readonly inDatabase = false;

  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    checkBlobKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, data: Readable | Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    try {
      if (Buffer.isBuffer(data)) await fs.writeFile(temp, data);
      else await pipeline(data, createWriteStream(temp));
      await fs.rename(temp, target);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await fs.access(file);
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<string> {
    let entries: string[];
    try {
      entries = (await fs.readdir(this.root, { recursive: true })) as string[];
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      const stat = await fs.stat(path.join(this.root, entry));
      if (stat.isFile() && !entry.endsWith('.tmp')) yield entry.split(path.sep).join('/');
    }
  }
}

/** RFC 6266 / RFC 5987 Content-Disposition that survives any file name (Chinese, quotes, CR/LF). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
