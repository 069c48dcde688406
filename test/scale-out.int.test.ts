// Scale-out on one PostgreSQL: three `aftercare serve` processes on the test database, each with its
// own (empty) data directory, FILE_STORE=postgres. A file uploaded through one downloads through
// another; a change made through one reaches a live stream held by another; a queued job (an Excel
// import, whose file the job reads from the shared store) runs once, on whichever instance takes it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/db/admin.ts';
import { buildCustomer, buildUser, createTestDatabase, type TestDatabase } from './helpers.ts';
import { multipartBody } from './uploads.ts';

const BIN = path.resolve('bin/aftercare.js');
let database: TestDatabase;
let dir: string;
const instances: { child: ChildProcess; base: string; dataDir: string }[] = [];
let session: { cookie: string; csrf: string };

function serve(port: number, dataDir: string, url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--no-demo', '--port', String(port), '--host', '127.0.0.1'],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        FILE_STORE: 'postgres',
        JOBS: 'true',
        LOG_LEVEL: 'warn',
      },
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 120_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Press Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready:\n${out}`)));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-scale-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const started = await Promise.all(
    ports.map(async (port, i) => {
      const dataDir = path.join(dir, `instance-${i}`);
      const child = await serve(port, dataDir, database.url);
      return { child, base: `http://127.0.0.1:${port}`, dataDir };
    }),
  );
  instances.push(...started);
  const user = await buildUser(database.db, { role: 'manager' });
  const login = await fetch(`${instances[0]!.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  expect(login.status).toBe(200);
  session = {
    cookie: login.headers.get('set-cookie')!.split(';')[0]!,
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
}, 180_000);

afterAll(async () => {
  await Promise.all(
    instances.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.on('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await database.drop();
  await fs.rm(dir, { recursive: true, force: true });
}, 60_000);

function request(instance: number, method: string, url: string, body?: unknown) {
  return fetch(`${instances[instance]!.base}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function upload(instance: number, url: string, name: string, data: Buffer, fields = {}) {
  const body = multipartBody(name, data, 'application/octet-stream', fields);
  return fetch(`${instances[instance]!.base}${url}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': body.contentType },
    body: body.payload,
  });
}

const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

async function until<T>(check: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('three instances on one PostgreSQL', () => {
  it('downloads through one instance a file uploaded through another, from the database', async () => {
    // 2.5 MiB of text: three chunks in blob_chunks.
    const content = Buffer.from(randomBytes(1_900_000).toString('base64'));
    const res = await upload(0, '/api/v1/files', '现场记录.txt', content);
    expect(res.status).toBe(201);
    const meta = (await res.json()) as { id: string; sha256: string };
    for (const other of [1, 2]) {
      const download = await request(other, 'GET', `/api/v1/files/${meta.id}/content`);
      expect(download.status).toBe(200);
      expect(sha(Buffer.from(await download.arrayBuffer()))).toBe(sha(content));
    }
    // nothing in any instance's own folder
    for (const { dataDir } of instances) {
      const local = await fs.readdir(path.join(dataDir, 'files'), { recursive: true }).catch(() => []);
      expect(local).toEqual([]);
    }
  }, 60_000);

  it('tells a live stream held by one instance of a change made through another', async () => {
    const customer = await buildCustomer(database.db);
    const controller = new AbortController();
    const stream = await request(2, 'GET', '/api/v1/live');
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    let received = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        received += new TextDecoder().decode(value);
      }
    })();
    await until(() => (received.includes(': connected') ? true : undefined));
    const created = await request(1, 'POST', '/api/v1/tickets', {
      kind: 'consultation',
      customerId: customer.id,
      subject: '多实例实时更新',
      description: '从另一个实例创建',
    });
    expect(created.status).toBe(201);
    const ticket = (await created.json()) as { id: string };
    await until(() => (received.includes(ticket.id) ? true : undefined), 15_000);
    controller.abort();
    await reader.cancel();
    await reading;
  }, 60_000);

  it('runs a queued import once, reading its file from the shared store', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('data');
    sheet.addRow(['客户编码', '客户名称']);
    const prefix = `SO${randomBytes(2).toString('hex').toUpperCase()}`;
    for (let i = 0; i < 20; i++) sheet.addRow([`${prefix}-${i}`, `多实例客户 ${i}`]);
    const res = await upload(
      1,
      '/api/v1/imports',
      'customers.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      {
        entity: 'customers',
        mode: 'all_or_nothing',
      },
    );
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const status = await until(async () => {
      const s = (await (await request(0, 'GET', `/api/v1/imports/${id}`)).json()) as {
        status: string;
        importedRows?: number;
      };
      return s.status === 'succeeded' || s.status === 'failed' ? s : undefined;
    }, 60_000);
    expect(status.status).toBe('succeeded');
    const customers = await database.pool.query(
      `select count(*)::int as n from customers where code like $1`,
      [`${prefix}-%`],
    );
    expect(customers.rows[0].n).toBe(20);
    // One job in the queue for it, completed on its first attempt.
    const jobs = await database.pool.query(
      `select state, retry_count from pgboss.job where name = 'registry.import' and data->>'importId' = $1`,
      [id],
    );
    expect(jobs.rows).toEqual([{ state: 'completed', retry_count: 0 }]);
  }, 90_000);
});
