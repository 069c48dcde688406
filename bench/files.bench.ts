// A 50 MiB file uploaded and downloaded over HTTP through each file store (FILE_STORE=local, then
// postgres), with the peak resident memory of the process during each transfer. The client streams
// too (the body is generated as it is sent, the download hashed as it arrives), so the memory figure
// is the server's streaming: it must stay far below the file's size.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createUser } from '../server/modules/accounts/index.ts';
import { type BlobStore, LocalBlobStore } from '../server/platform/blob-store.ts';
import { systemClock } from '../server/platform/clock.ts';
import { systemCtx } from '../server/platform/context.ts';
import { NO_JOBS } from '../server/platform/jobs.ts';
import { PostgresBlobStore } from '../server/platform/postgres-blob-store.ts';
import { BENCH_TIME_ZONE, openBenchDatabase, writeResult } from './harness.ts';

const MIB = 1024 * 1024;
const FILE_MIB = Number(process.env.BENCH_FILE_MIB ?? 50);
const PASSWORD = 'quiet-harbour-lights-1';

/** Peak RSS while `work` runs, sampled every 10 ms, in MiB above the RSS when it started. */
async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; growthMib: number; peakMib: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMib: (peak - start) / MIB, peakMib: peak / MIB };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Streams a multipart upload of `bytes` bytes of text, hashing what it sends: a random 64 KiB block of
 * base64 repeated (beyond pglz's 4 KiB window, so PostgreSQL stores it about as large as a photo).
 */
function uploadStream(base: string, auth: { cookie: string; csrf: string }, bytes: number) {
  const boundary = '----aftercare-bench';
  const piece = Buffer.from(randomBytes(48 * 1024).toString('base64'));
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  return new Promise<{ id: string; sha256: string; sent: string }>((resolve, reject) => {
    const req = http.request(`${base}/api/v1/files`, {
      method: 'POST',
      headers: {
        cookie: auth.cookie,
        'x-csrf-token': auth.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + bytes + tail.length,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (res.statusCode !== 201) return reject(new Error(`upload: ${res.statusCode} ${body}`));
        resolve({ ...(JSON.parse(body) as { id: string; sha256: string }), sent: hash.digest('hex') });
      });
    });
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const out = piece.subarray(0, Math.min(piece.length, left));
        hash.update(out);
        left -= out.length;
        if (!req.write(out)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    req.write(head);
    pump();
  });
}

async function download(base: string, auth: { cookie: string }, id: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/files/${id}/content`, { headers: { cookie: auth.cookie } });
  if (res.status !== 200) throw new Error(`download: ${res.status}`);
  const hash = createHash('sha256');
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

async function rawByteaRates(pool: import('pg').Pool, mib: number) {
  await pool.query('create table bench_raw_bytea (seq int primary key, data bytea not null)');
  const chunk = Buffer.from(randomBytes((MIB * 3) / 4).toString('base64'));
  const client = await pool.connect();
  const t0 = performance.now();
  try {
    await client.query('begin');
    for (let i = 0; i < mib; i++)
      await client.query('insert into bench_raw_bytea values ($1, $2)', [i, chunk]);
    await client.query('commit');
  } finally {
    client.release();
  }
  const insertSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (let i = 0; i < mib; i++) await pool.query('select data from bench_raw_bytea where seq = $1', [i]);
  const selectSeconds = (performance.now() - t1) / 1000;
  await pool.query('drop table bench_raw_bytea');
  return {
    insert: Number((mib / insertSeconds).toFixed(1)),
    select: Number((mib / selectSeconds).toFixed(1)),
  };
}

export async function run() {
  const bench = await openBenchDatabase();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-files-bench-'));
  const username = `bench-files-${randomBytes(3).toString('hex')}`;
  await createUser(systemCtx({ db: bench.db, clock: systemClock, timeZone: BENCH_TIME_ZONE }, 'bench'), {
    kind: 'staff',
    username,
    displayName: 'Bench',
    roles: ['agent'],
    locale: 'zh-CN',
    password: PASSWORD,
  });
  const figures: Record<string, number> = {};
  const units: Record<string, string> = {};
  const bytes = FILE_MIB * MIB;
  try {
    const stores: [string, BlobStore][] = [
      ['local', new LocalBlobStore(path.join(dir, 'files'))],
      ['postgres', new PostgresBlobStore(bench.pool)],
    ];
    for (const [label, blobStore] of stores) {
      const config = loadConfig({}, {
        LOG_LEVEL: 'silent',
        DATA_DIR: dir,
        UPLOAD_MAX_BYTES: String(bytes + MIB),
      } as never);
      const app = await buildApp(
        {
          config,
          db: bench.db,
          clock: systemClock,
          blobStore,
          mailer: { send: async () => {} },
          jobs: NO_JOBS,
        },
        { logger: false },
      );
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      const auth = {
        cookie: login.headers.get('set-cookie')!.split(';')[0]!,
        csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
      };
      global.gc?.();
      const t0 = performance.now();
      const up = await withPeakRss(() => uploadStream(base, auth, bytes));
      const upSeconds = (performance.now() - t0) / 1000;
      if (up.result.sha256 !== up.result.sent) throw new Error(`${label}: stored digest differs`);
      global.gc?.();
      const t1 = performance.now();
      const down = await withPeakRss(() => download(base, auth, up.result.id));
      const downSeconds = (performance.now() - t1) / 1000;
      if (down.result !== up.result.sent) throw new Error(`${label}: downloaded bytes differ`);
      await app.close();
      figures[`${label}_upload_mib_per_s`] = Number((FILE_MIB / upSeconds).toFixed(1));
      figures[`${label}_download_mib_per_s`] = Number((FILE_MIB / downSeconds).toFixed(1));
      figures[`${label}_upload_rss_growth_mib`] = Math.round(up.growthMib);
      figures[`${label}_download_rss_growth_mib`] = Math.round(down.growthMib);
      figures[`${label}_peak_rss_mib`] = Math.round(Math.max(up.peakMib, down.peakMib));
      units[`${label}_upload_mib_per_s`] = 'MiB/s';
      units[`${label}_download_mib_per_s`] = 'MiB/s';
      units[`${label}_upload_rss_growth_mib`] = 'MiB';
      units[`${label}_download_rss_growth_mib`] = 'MiB';
      units[`${label}_peak_rss_mib`] = 'MiB';
    }
    // The driver's floor on the same database: 1 MiB bytea rows written in one transaction and read
    // back one by one, without HTTP, inspection or streaming.
    const raw = await rawByteaRates(bench.pool, FILE_MIB);
    figures.raw_bytea_insert_mib_per_s = raw.insert;
    figures.raw_bytea_select_mib_per_s = raw.select;
    units.raw_bytea_insert_mib_per_s = 'MiB/s';
    units.raw_bytea_select_mib_per_s = 'MiB/s';
    figures.load_average_1m = Number(os.loadavg()[0]!.toFixed(1));
    units.load_average_1m = '';
    const stored = await bench.pool.query(
      `select pg_total_relation_size('blob_chunks') as bytes, count(*)::int as chunks from blob_chunks`,
    );
    figures.postgres_table_mib = Math.round(Number(stored.rows[0].bytes) / MIB);
    units.postgres_table_mib = 'MiB';
    // A file's size in memory is the ceiling: streaming keeps growth to a few chunks.
    const rssCeiling = FILE_MIB / 2;
    await writeResult({
      name: 'files',
      params: { fileMiB: FILE_MIB, chunkMiB: 1, transport: 'HTTP, one client, streaming both ends' },
      figures,
      units,
      targets: {
        postgres_upload_mib_per_s: { min: 20, baseline: 'raw_bytea_insert_mib_per_s' },
        postgres_download_mib_per_s: { min: 20, baseline: 'raw_bytea_select_mib_per_s' },
        local_upload_mib_per_s: { min: 20 },
        local_download_mib_per_s: { min: 20 },
        postgres_upload_rss_growth_mib: { max: rssCeiling },
        postgres_download_rss_growth_mib: { max: rssCeiling },
        local_upload_rss_growth_mib: { max: rssCeiling },
        local_download_rss_growth_mib: { max: rssCeiling },
      },
    });
  } finally {
    await bench.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
