// Files in PostgreSQL (FILE_STORE=postgres): what several app instances share, with nothing but the
// database to run. A file is numbered chunks of 1 MiB in `blob_chunks`; writing and reading move one
// chunk at a time, so memory stays at a few chunks whatever the file's size. A file is written in
// one transaction: readers see all of it or nothing. The chunks are ordinary rows, so every database
// backup (the product's own, pg_dump, a replica) carries the files with the rows that name them.
import { Readable } from 'node:stream';
import type pg from 'pg';
import { type BlobStore, checkBlobKey } from './blob-store.ts';

export const CHUNK_BYTES = 1024 * 1024;

/**
 * Gathers a stream's pieces into chunks of exactly `size` bytes (the last one shorter), in one buffer
 * reused for every chunk: the consumer must be done with a chunk before it asks for the next.
 */
async function* rechunk(source: AsyncIterable<Buffer | Uint8Array>, size: number): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const piece of source) {
    let at = 0;
    while (at < piece.length) {
      const n = Math.min(size - filled, piece.length - at);
      buffer.set(piece.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === size) {
        yield buffer;
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}

function missing(key: string): Error {
  return Object.assign(new Error(`no stored file ${key}`), { code: 'ENOENT' });
}

export class PostgresBlobStore implements BlobStore {
  readonly inDatabase = true;

  constructor(private readonly pool: pg.Pool) {}

  async put(key: string, data: Readable | Buffer): Promise<void> {
    checkBlobKey(key);
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query('delete from blob_chunks where key = $1', [key]);
      let seq = 0;
      const source: AsyncIterable<Buffer> = Buffer.isBuffer(data) ? Readable.from([data]) : data;
      for await (const chunk of rechunk(source, CHUNK_BYTES)) {
        await client.query({
          name: 'blob-chunk-insert',
          text: 'insert into blob_chunks (key, seq, data) values ($1, $2, $3)',
          values: [key, seq++, chunk],
        });
      }
      // An empty file is one empty chunk, so that it exists.
      if (seq === 0) {
        await client.query('insert into blob_chunks (key, seq, data) values ($1, 0, $2)', [
          key,
          Buffer.alloc(0),
        ]);
      }
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      if (!Buffer.isBuffer(data)) data.destroy();
      throw err;
    } finally {
      client.release();
    }
  }

  async get(key: string): Promise<Readable> {
    checkBlobKey(key);
    const counted = await this.pool.query<{ n: number }>(
      'select count(*)::int as n from blob_chunks where key = $1',
      [key],
    );
    const chunks = counted.rows[0]?.n ?? 0;
    if (chunks === 0) throw missing(key);
    const pool = this.pool;
    const fetchChunk = (seq: number) =>
      pool
        .query<{ data: Buffer }>({
          name: 'blob-chunk-select',
          text: 'select data from blob_chunks where key = $1 and seq = $2',
          values: [key, seq],
        })
        .then((r) => {
          if (!r.rows[0]) throw missing(`${key} (chunk ${seq})`);
          return r.rows[0].data;
        });
    let seq = 0;
    // One chunk is fetched ahead while the reader consumes the current one; a chunk is above the
    // high-water mark, so the next read comes only once it has been consumed: two chunks at most.
    let ahead: Promise<Buffer> | null = null;
    return new Readable({
      highWaterMark: CHUNK_BYTES,
      read() {
        if (seq >= chunks) {
          this.push(null);
          return;
        }
        const current = ahead ?? fetchChunk(seq);
        seq++;
        ahead = seq < chunks ? fetchChunk(seq) : null;
        ahead?.catch(() => {}); // reported when it is read
        current.then(
          (data) => this.push(data),
          (err: Error) => this.destroy(err),
        );
      },
    });
  }

  async delete(key: string): Promise<void> {
    checkBlobKey(key);
    await this.pool.query('delete from blob_chunks where key = $1', [key]);
  }

  async *list(): AsyncIterable<string> {
    let after = '';
    for (;;) {
      const page = await this.pool.query<{ key: string }>(
        'select key from blob_chunks where seq = 0 and key > $1 order by key limit 1000',
        [after],
      );
      for (const row of page.rows) yield row.key;
      if (page.rows.length < 1000) return;
      after = page.rows[page.rows.length - 1]!.key;
    }
  }
}
