// Backup and restore cover every file store: with FILE_STORE=postgres the files are rows of the
// snapshot; with a folder they are file frames; a backup of one store restores into the other.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { restoreBackup, writeBackup } from './backup.ts';
import { type BlobStore, LocalBlobStore, toBuffer } from './blob-store.ts';
import { CHUNK_BYTES, PostgresBlobStore } from './postgres-blob-store.ts';

const databases: TestDatabase[] = [];
let dir: string;
const content = randomBytes(2 * CHUNK_BYTES + 99);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-backup-stores-'));
});
afterAll(async () => {
  for (const d of databases) await d.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function database() {
  const d = await createTestDatabase();
  databases.push(d);
  return d;
}

async function backupOf(pool: TestDatabase['pool'], blobs: BlobStore) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await writeBackup(pool, blobs, out);
  return { bytes: Buffer.concat(chunks), result };
}

/** The frame types of a backup, and the tables it holds. */
function framesOf(backup: Buffer) {
  const raw = gunzipSync(backup);
  const kinds: string[] = [];
  for (let at = 0; at < raw.length; ) {
    const hl = raw.readUInt32BE(at);
    const header = JSON.parse(raw.subarray(at + 4, at + 4 + hl).toString());
    kinds.push(header.t === 'table' ? `table:${header.name}` : header.t);
    at += 8 + hl + raw.readUInt32BE(at + 4 + hl);
  }
  return kinds;
}

describe('backup with the PostgreSQL file store', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    const source = await database();
    await new PostgresBlobStore(source.pool).put('ab/in-db', content);
    const backup = await backupOf(source.pool, new PostgresBlobStore(source.pool));
    bytes = backup.bytes;
    expect(backup.result.files).toBe(1);
  }, 60_000);

  it('holds the files as rows of blob_chunks and writes no file frames', () => {
    const kinds = framesOf(bytes);
    expect(kinds).toContain('table:blob_chunks');
    expect(kinds).not.toContain('file');
  });

  it('restores them into the database store of another database', async () => {
    const target = await database();
    const store = new PostgresBlobStore(target.pool);
    const result = await restoreBackup(target.pool, store, Readable.from([bytes]));
    expect(result.files).toBe(1);
    expect(sha(await toBuffer(await store.get('ab/in-db')))).toBe(sha(content));
  }, 60_000);

  it('moves them into the folder when restored where files live in a folder', async () => {
    const target = await database();
    const folder = new LocalBlobStore(path.join(dir, 'from-db'));
    const result = await restoreBackup(target.pool, folder, Readable.from([bytes]));
    expect(result.files).toBe(1);
    expect(sha(await toBuffer(await folder.get('ab/in-db')))).toBe(sha(content));
    const left = await target.pool.query('select count(*)::int as n from blob_chunks');
    expect(left.rows[0].n).toBe(0);
  }, 60_000);
});

describe('backup with the local file store', () => {
  it('writes the folder as file frames, which restore into the database store', async () => {
    const source = await database();
    const folder = new LocalBlobStore(path.join(dir, 'local-source'));
    await folder.put('cd/in-folder', content);
    const { bytes, result } = await backupOf(source.pool, folder);
    expect(result.files).toBe(1);
    expect(framesOf(bytes).filter((k) => k === 'file')).toHaveLength(1);
    const target = await database();
    const store = new PostgresBlobStore(target.pool);
    const restored = await restoreBackup(target.pool, store, Readable.from([bytes]));
    expect(restored.files).toBe(1);
    expect(sha(await toBuffer(await store.get('cd/in-folder')))).toBe(sha(content));
  }, 60_000);
});
