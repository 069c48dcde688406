// The product's own backup: one consistent snapshot (a REPEATABLE READ, read-only transaction) of
// every table through COPY, plus every stored file and the schema version, in one gzip file.
// Restore loads it into an empty database of the same schema version on any PostgreSQL ≥ 15 —
// which is also how a company moves from the embedded database to a server.
//
// File format: gzip of frames; a frame is [u32 header length][JSON header][u32 payload length][payload].
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { latestMigrationTag, schemaVersion } from '../db/migrate.ts';
import type { BlobStore } from './blob-store.ts';

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
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    gzip.destroy(err as Error);
    throw err;
  } finally {
    client.release();
  }
  // Files are written before the rows that name them, so listing after the snapshot covers them all.
  for await (const key of blobs.list()) {
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

export async function restoreBackup(pool: pg.Pool, blobs: BlobStore, input: Readable) {
  const frames = readFrames(input.pipe(createGunzip()));
  const first = await frames.next();
  const manifest = first.value?.header;
  if (manifest?.t !== 'manifest' || manifest.format !== FORMAT) {
    throw new Error('not an Aftercare backup file');
  }
  const client = await pool.connect();
  const restored: Record<string, number> = {};
  let files = 0;
  let ended = false;
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
    let copy: Writable | null = null;
    let copyDone: Promise<void> | null = null;
    let file: PassThrough | null = null;
    let fileDone: Promise<void> | null = null;
    for await (const { header, payload } of frames) {
      if (header.t === 'table') {
        if (!tables.some((t) => t.name === header.name))
          throw new Error(`table ${header.name} does not exist here`);
        copy = client.query(
          copyFrom(`copy ${ident(header.name)} (${header.columns.map(ident).join(', ')}) from stdin`),
        );
        copyDone = new Promise<void>((resolve, reject) => {
          copy!.on('finish', () => resolve());
          copy!.on('error', reject);
        });
        restored[header.name] = 0;
      } else if (header.t === 'data' && copy) {
        if (!copy.write(payload)) await new Promise((r) => copy!.once('drain', r));
      } else if (header.t === 'table-end' && copy) {
        copy.end();
        await copyDone;
        const n = await client.query(`select count(*)::int as n from ${ident(header.name)}`);
        restored[header.name] = n.rows[0].n;
        copy = null;
      } else if (header.t === 'file') {
        file = new PassThrough();
        fileDone = blobs.put(header.key, file);
      } else if (header.t === 'data' && file) {
        if (!file.write(payload)) await new Promise((r) => file!.once('drain', r));
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
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
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
