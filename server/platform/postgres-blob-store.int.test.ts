// The PostgreSQL file store: files go in and out in 1 MiB chunks, a failed write leaves nothing, and
// the stores can be switched by moving the files.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { LocalBlobStore, toBuffer } from './blob-store.ts';
import { moveFiles } from './file-store.ts';
import { CHUNK_BYTES, PostgresBlobStore } from './postgres-blob-store.ts';

let database: TestDatabase;
let store: PostgresBlobStore;
beforeAll(async () => {
  database = await createTestDatabase();
  store = new PostgresBlobStore(database.pool);
});
afterAll(() => database.drop());

/** A stream of `total` random bytes in pieces of odd sizes, and the digest of what it sent. */
function randomStream(total: number) {
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const piece = randomBytes(Math.min(total - sent, 77_777));
      hash.update(piece);
      sent += piece.length;
      this.push(piece);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function chunkSizes(key: string): Promise<number[]> {
  const r = await database.pool.query(
    'select length(data)::int as n from blob_chunks where key = $1 order by seq',
    [key],
  );
  return r.rows.map((row) => row.n);
}

describe('PostgresBlobStore', () => {
  it('stores a stream as 1 MiB chunks and streams it back byte for byte', async () => {
    const total = 3 * CHUNK_BYTES + 12_345;
    const source = randomStream(total);
    await store.put('ab/big', source.stream);
    expect(await chunkSizes('ab/big')).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, 12_345]);
    const pieces: number[] = [];
    const hash = createHash('sha256');
    for await (const piece of await store.get('ab/big')) {
      pieces.push((piece as Buffer).length);
      hash.update(piece as Buffer);
    }
    expect(hash.digest('hex')).toBe(source.digest());
    expect(pieces).toHaveLength(4);
  });

  it('keeps an empty file, replaces a file written again, and says ENOENT for a missing one', async () => {
    await store.put('cd/empty', Buffer.alloc(0));
    expect((await toBuffer(await store.get('cd/empty'))).length).toBe(0);
    await store.put('cd/twice', randomBytes(2 * CHUNK_BYTES));
    const second = randomBytes(1000);
    await store.put('cd/twice', second);
    expect(sha(await toBuffer(await store.get('cd/twice')))).toBe(sha(second));
    await expect(store.get('cd/none')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.put('../escape', Buffer.from('x'))).rejects.toThrow(/unsafe/);
  });

  it('leaves nothing under the key when the incoming stream fails half-way', async () => {
    let sent = 0;
    const failing = new Readable({
      read() {
        sent += 1;
        if (sent > 3) this.destroy(new Error('client went away'));
        else this.push(randomBytes(CHUNK_BYTES));
      },
    });
    await expect(store.put('ef/broken', failing)).rejects.toThrow('client went away');
    expect(await chunkSizes('ef/broken')).toEqual([]);
  });

  it('lists and deletes files', async () => {
    await store.put('gh/one', Buffer.from('one'));
    const keys: string[] = [];
    for await (const k of store.list()) keys.push(k);
    expect(keys).toContain('gh/one');
    expect(keys).toEqual([...keys].sort());
    await store.delete('gh/one');
    await expect(store.get('gh/one')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('moves every file from a folder into the database and back', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-move-'));
    const local = new LocalBlobStore(dir);
    const content = randomBytes(CHUNK_BYTES + 5);
    await local.put('mv/one', content);
    await local.put('mv/two', Buffer.from('two'));
    const before = (await database.pool.query('select count(distinct key)::int as n from blob_chunks'))
      .rows[0].n;
    expect(await moveFiles(local, store)).toBe(2);
    expect(sha(await toBuffer(await store.get('mv/one')))).toBe(sha(content));
    await expect(local.get('mv/one')).rejects.toThrow();
    const back = new LocalBlobStore(path.join(dir, 'back'));
    expect(await moveFiles(store, back)).toBe(before + 2);
    expect(sha(await toBuffer(await back.get('mv/one')))).toBe(sha(content));
    expect((await database.pool.query('select count(*)::int as n from blob_chunks')).rows[0].n).toBe(0);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
