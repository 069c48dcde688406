// The product's own backup: one consistent snapshot (a REPEATABLE READ, read-only transaction) of
// every table through COPY, plus every stored file and the schema version, in one gzip file. With
// FILE_STORE=postgres the files are the blob_chunks table of that snapshot; with a local folder they
// follow the tables as file frames. Restore writes file frames into whichever store it is given.
// Restore loads it into an empty database of the same schema version on any PostgreSQL ≥ 15 —
// which is also how a company moves from the embedded database to a server.
//
// File format: gzip of frames; a frame is [u32 header length][JSON header][u32 payload length][payload].
import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { latestMigrationTag, schemaVersion } from '../db/migrate.ts';
import type { BlobStore } from './blob-store.ts';
import { moveFiles } from './file-store.ts';
import { PostgresBlobStore } from './postgres-blob-store.ts';

const FORMAT = 'aftercare-backup';
const FORMAT_VERSION = 1;
const CHUNK = 256 * 1024;

type Header =
  | {
      t: 'manifest';
      format: string;
      formatVersion: number;
      schemaVersion: string;
      createdAt: string;
      tables: string[];
    }
  | { t: 'table'; name: string; columns: string[] }
  | { t: 'data' }
  | { t: 'table-end'; name: string }
  | { t: 'file'; key: string }
  | { t: 'file-end'; key: string }
  | { t: 'end'; tables: number; files: number };

function frame(header: Header, payload?: Buffer): Buffer {
  const h = Buffer.from(JSON.stringify(header));
  const p = payload ?? Buffer.alloc(0);
  const out = Buffer.alloc(8 + h.length + p.length);
  out.writeUInt32BE(h.length, 0);
  h.copy(out, 4);
  out.writeUInt32BE(p.length, 4 + h.length);
  p.copy(out, 8 + h.length);
  return out;
}

/** Tables of the public schema, parents before children (foreign keys), with their columns. */
async function listTables(client: pg.PoolClient | pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const tables = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const deps = await client.query<{ child: string; parent: string }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`,
  );
  const columns = await client.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`,
  );
  const names = tables.rows.map((r) => r.name);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const d of deps.rows) parents.get(unquote(d.child))?.add(unquote(d.parent));
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const p of parents.get(name) ?? []) visit(p);
    visiting.delete(name);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered.map((name) => ({
    name,
    columns: columns.rows.filter((c) => c.table_name === name).map((c) => c.column_name),
  }));
}

const unquote = (s: string) => s.replace(/^public\./, '').replace(/^"|"$/g, '');
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function writeBackup(
  pool: pg.Pool,
  blobs: BlobStore,
  out: Writable,
): Promise<{ tables: number; files: number }> {
  const gzip = createGzip();
  const done = pipeline(gzip, out);
  const write = (b: Buffer) =>
    gzip.write(b) ? Promise.resolve() : new Promise<void>((r) => gzip.once('drain', () => r()));
  const client = await pool.connect();
  let tableCount = 0;
  let fileCount = 0;
  try {
    await client.query('begin isolation level repeatable read read only');
    const tables = await listTables(client);
    await write(
      frame({
        t: 'manifest',
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        schemaVersion: await schemaVersion(client),
        createdAt: new Date().toISOString(),
        tables: tables.map((t) => t.name),
      }),
    );
    for (const table of tables) {
      await write(frame({ t: 'table', name: table.name, columns: table.columns }));
      const stream = client.query(
        copyTo(`copy ${ident(table.name)} (${table.columns.map(ident).join(', ')}) to stdout`),
      );
      let pending: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        pending.push(chunk);
        size += chunk.length;
        if (size >= CHUNK) {
          await write(frame({ t: 'data' }, Buffer.concat(pending)));
          pending = [];
          size = 0;
        }
      }
      if (size > 0) await write(frame({ t: 'data' }, Buffer.concat(pending)));
      await write(frame({ t: 'table-end', name: table.name }));
      tableCount++;
    }
    if (blobs.inDatabase) {
      const stored = await client.query('select count(*)::int as n from blob_chunks where seq = 0');
      fileCount = stored.rows[0].n;
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    gzip.destroy(err as Error);
    throw err;
  } finally {
    client.release();
  }
  // Files in the database (FILE_STORE=postgres) are rows of blob_chunks, already in the snapshot.
  // Files in a folder are written before the rows that name them, so listing after the snapshot
  // covers them all.
  const outside = blobs.inDatabase ? [] : blobs.list();
  for await (const key of outside) {
    await write(frame({ t: 'file', key }));
    for await (const chunk of await blobs.get(key)) {
      await write(frame({ t: 'data' }, chunk as Buffer));
    }
    await write(frame({ t: 'file-end', key }));
    fileCount++;
  }
  await write(frame({ t: 'end', tables: tableCount, files: fileCount }));
  gzip.end();
  await done;
  return { tables: tableCount, files: fileCount };
}

/** Reads frames from a byte stream. */
async function* readFrames(input: Readable): AsyncGenerator<{ header: Header; payload: Buffer }> {
  let buffer: Buffer = Buffer.alloc(0);
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  async function need(n: number): Promise<boolean> {
    while (buffer.length < n) {
      const next = await iterator.next();
      if (next.done) return false;
      buffer = buffer.length === 0 ? next.value : Buffer.concat([buffer, next.value]);
    }
    return true;
  }
  const truncated = () => new Error('the backup file is truncated or damaged');
  while (true) {
    if (!(await need(4))) return;
    const hl = buffer.readUInt32BE(0);
    if (!(await need(4 + hl + 4))) throw truncated();
    const header = JSON.parse(buffer.subarray(4, 4 + hl).toString('utf8')) as Header;
    const pl = buffer.readUInt32BE(4 + hl);
    if (!(await need(8 + hl + pl))) throw truncated();
    const payload = Buffer.from(buffer.subarray(8 + hl, 8 + hl + pl));
    buffer = buffer.subarray(8 + hl + pl);
    yield { header, payload };
  }
}

/** Waits until a stream can take more, or fails with the stream's error (a refused row). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      stream.off('drain', onDrain);
      reject(err);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/** A stream's end as a promise, handled at once so that an early error is not an unhandled rejection. */
function finished(stream: Writable): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  done.catch(() => {});
  return done;
}

/** One line saying what went wrong, whatever failed (gzip, a frame, a row PostgreSQL refused). */
function restoreError(err: unknown, table: string | null): Error {
  const e = err as { code?: string; message?: string; where?: string };
  if (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' || e instanceof SyntaxError)
    return new Error('the backup file is truncated or damaged');
  const message = (e.message ?? String(err)).split('\n')[0];
  return new Error(table ? `restore failed in table ${table}: ${message}` : message);
}

/**
 * Loads a backup into an empty database in one transaction. On any failure the transaction rolls back
 * and the files written so far are removed: a failed restore leaves nothing behind.
 */
export async function restoreBackup(pool: pg.Pool, blobs: BlobStore, input: Readable) {
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  const frames = readFrames(input.pipe(gunzip));
  const first = await frames.next().catch((err: unknown) => {
    throw restoreError(err, null);
  });
  const manifest = first.value?.header;
  if (manifest?.t !== 'manifest' || manifest.format !== FORMAT) {
    throw new Error('not an Aftercare backup file');
  }
  const client = await pool.connect();
  const restored: Record<string, number> = {};
  const written: string[] = [];
  let files = 0;
  let ended = false;
  let committed = false;
  let copy: Writable | null = null;
  let table: string | null = null;
  let file: PassThrough | null = null;
  let fileDone: Promise<void> | null = null;
  try {
    const current = await schemaVersion(client);
    if (current !== manifest.schemaVersion) {
      throw new Error(
        `the backup is of schema ${manifest.schemaVersion} but this database is at ${current} (this build: ${await latestMigrationTag()}); restore with the build that made it`,
      );
    }
    const tables = await listTables(client);
    for (const t of tables) {
      const r = await client.query(`select exists (select 1 from ${ident(t.name)}) as has`);
      if (r.rows[0].has) throw new Error(`restore needs an empty database, but table ${t.name} has rows`);
    }
    await client.query('begin');
    let copyDone: Promise<void> | null = null;
    for await (const { header, payload } of frames) {
      if (header.t === 'table') {
        if (!tables.some((t) => t.name === header.name))
          throw new Error(`table ${header.name} does not exist here`);
        table = header.name;
        copy = client.query(
          copyFrom(`copy ${ident(header.name)} (${header.columns.map(ident).join(', ')}) from stdin`),
        );
        copyDone = finished(copy);
        restored[header.name] = 0;
      } else if (header.t === 'data' && copy) {
        if (!copy.write(payload)) await drained(copy);
      } else if (header.t === 'table-end' && copy) {
        copy.end();
        await copyDone;
        copy = null;
        const n = await client.query(`select count(*)::int as n from ${ident(header.name)}`);
        restored[header.name] = n.rows[0].n;
        table = null;
      } else if (header.t === 'file') {
        file = new PassThrough();
        written.push(header.key);
        fileDone = blobs.put(header.key, file);
        fileDone.catch(() => {});
      } else if (header.t === 'data' && file) {
        if (!file.write(payload)) await drained(file);
      } else if (header.t === 'file-end' && file) {
        file.end();
        await fileDone;
        file = null;
        files++;
      } else if (header.t === 'end') {
        ended = true;
      }
    }
    if (!ended) throw new Error('the backup file is incomplete (no end marker)');
    await resetSequences(client);
    if (blobs.inDatabase) {
      // The files restored as rows and those written from file frames.
      const stored = await client.query('select count(*)::int as n from blob_chunks where seq = 0');
      files = stored.rows[0].n;
    }
    await client.query('commit');
    committed = true;
    // A backup of the database store restored where files live in a folder: they move out.
    if (!blobs.inDatabase) files += await moveFiles(new PostgresBlobStore(pool), blobs);
  } catch (err) {
    if (committed) {
      throw new Error(
        `the database is restored but moving its files into the folder failed (${(err as Error).message}); finish with: aftercare files move --from postgres`,
      );
    }
    // An open COPY must be failed first, or the rollback waits behind it for ever.
    if (copy && !copy.destroyed) {
      const closed = once(copy, 'close').catch(() => {});
      copy.destroy(new Error('restore aborted'));
      await closed;
    }
    // A file being written is completed, then removed with the others.
    file?.end();
    await fileDone?.catch(() => {});
    await client.query('rollback').catch(() => {});
    for (const key of written) await blobs.delete(key).catch(() => {});
    throw restoreError(err, table);
  } finally {
    client.release();
  }
  return { tables: restored, files, schemaVersion: manifest.schemaVersion };
}

async function resetSequences(client: pg.PoolClient) {
  const seqs = await client.query<{ table_name: string; column_name: string; seq: string }>(
    `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
       from information_schema.columns
      where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`,
  );
  for (const s of seqs.rows) {
    if (!s.seq) continue;
    await client.query(
      `select setval($1, coalesce((select max(${ident(s.column_name)}) from ${ident(s.table_name)}), 0) + 1, false)`,
      [s.seq],
    );
  }
}

export { pipeline };
