// Restore that fails (a truncated file, a row PostgreSQL refuses, no file at all) ends with one clear
// error and leaves nothing behind: no rows, no stored files.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { restoreBackup, writeBackup } from './backup.ts';
import { LocalBlobStore } from './blob-store.ts';

let source: TestDatabase;
let target: TestDatabase;
let dir: string;
let backup: Buffer;

beforeAll(async () => {
  source = await createTestDatabase();
  target = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-restore-'));
  await buildCustomer(source.db, { code: 'RESTORE-1' });
  const blobs = new LocalBlobStore(path.join(dir, 'source'));
  await blobs.put('ab/photo-1', randomBytes(300_000));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeBackup(source.pool, blobs, out);
  backup = Buffer.concat(chunks);
});
afterAll(async () => {
  await source.drop();
  await target.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function restoreInto(bytes: Buffer | Readable, blobDir: string) {
  const input = Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes;
  return restoreBackup(target.pool, new LocalBlobStore(blobDir), input);
}

async function expectNothingLeft(blobDir: string) {
  const rows = await target.pool.query('select count(*)::int as n from customers');
  expect(rows.rows[0].n).toBe(0);
  const left = await fs.readdir(blobDir, { recursive: true }).catch(() => []);
  expect(left.filter((f) => !f.toString().endsWith('ab'))).toEqual([]);
}

/** The backup with every frame's payload passed through `edit` (the format: [len][header][len][payload]). */
function editFrames(edit: (header: { t: string; name?: string }, payload: Buffer) => Buffer): Buffer {
  const raw = gunzipSync(backup);
  const out: Buffer[] = [];
  let at = 0;
  let table: string | undefined;
  while (at < raw.length) {
    const hl = raw.readUInt32BE(at);
    const header = JSON.parse(raw.subarray(at + 4, at + 4 + hl).toString());
    const pl = raw.readUInt32BE(at + 4 + hl);
    if (header.t === 'table') table = header.name;
    const payload = edit(
      { ...header, name: header.name ?? table },
      raw.subarray(at + 8 + hl, at + 8 + hl + pl),
    );
    const lengths = [Buffer.alloc(4), Buffer.alloc(4)];
    lengths[0]!.writeUInt32BE(hl);
    lengths[1]!.writeUInt32BE(payload.length);
    out.push(lengths[0]!, raw.subarray(at + 4, at + 4 + hl), lengths[1]!, payload);
    at += 8 + hl + pl;
  }
  return gzipSync(Buffer.concat(out));
}

describe('restore', () => {
  it('stops with a clear error on a truncated file, and removes the files it wrote', async () => {
    const blobDir = path.join(dir, 'truncated');
    const cut = backup.subarray(0, Math.floor(backup.length * 0.9));
    await expect(restoreInto(cut, blobDir)).rejects.toThrow('the backup file is truncated or damaged');
    await expectNothingLeft(blobDir);
  }, 30_000);

  it('stops with the table and the reason when a row is refused', async () => {
    const blobDir = path.join(dir, 'bad-row');
    const bad = editFrames((h, p) =>
      h.t === 'data' && h.name === 'customers' ? Buffer.from(p.toString().replace(/^[0-9a-f-]{36}/, 'x')) : p,
    );
    await expect(restoreInto(bad, blobDir)).rejects.toThrow(/^restore failed in table customers: .*uuid/);
    await expectNothingLeft(blobDir);
  }, 30_000);

  it('says the file is missing instead of crashing', async () => {
    const blobDir = path.join(dir, 'missing');
    await expect(restoreInto(createReadStream(path.join(dir, 'no-such.acb')), blobDir)).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('restores the same backup afterwards', async () => {
    const result = await restoreInto(backup, path.join(dir, 'good'));
    expect(result.files).toBe(1);
    const rows = await target.pool.query(`select count(*)::int as n from customers where code = 'RESTORE-1'`);
    expect(rows.rows[0].n).toBe(1);
  }, 30_000);
});
