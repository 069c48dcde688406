// `aftercare serve --workers 2`: two node processes share the port on one database; a live update
// made through one reaches a browser connected to the other; Ctrl-C stops every process cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/db/admin.ts';
import { buildCustomer, buildUser, createTestDatabase, TEST_PASSWORD, type TestDatabase } from './helpers.ts';

const BIN = path.resolve('bin/aftercare.js');
let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-workers-'));
});
afterAll(async () => {
  await database.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

function serve(port: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--workers', '2', '--no-demo', '--port', String(port), '--host', '127.0.0.1'],
    { env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: dir, LOG_LEVEL: 'warn', JOBS: 'true' } },
  );
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 90_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Press Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

/** One request on a connection of its own: the cluster hands each connection to the next worker. */
function request(port: number, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  return new Promise<{
    status: number;
    headers: http.IncomingHttpHeaders;
    json: <T = Record<string, unknown>>() => T;
  }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent: false,
        headers: { ...headers, connection: 'close' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, json: () => JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) {
      req.setHeader('content-type', 'application/json');
      req.end(JSON.stringify(body));
    } else req.end();
  });
}

const children = async (pid: number) =>
  (await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => ''))
    .trim()
    .split(/\s+/)
    .filter(Boolean);

describe('aftercare serve --workers', () => {
  it('serves one port from two processes, live updates cross them, and Ctrl-C stops them all', async () => {
    const port = await freePort();
    const server = serve(port);
    const banner = await server.ready;
    expect(banner).toContain('2 worker processes share the port');
    const workers = await children(server.child.pid!);
    expect(workers).toHaveLength(2);

    const agent = await buildUser(database.db, { role: 'agent' });
    const customer = await buildCustomer(database.db);
    const login = await request(
      port,
      'POST',
      '/api/v1/auth/login',
      {},
      { username: agent.username, password: TEST_PASSWORD },
    );
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
    const csrf = login.json<{ csrfToken: string }>().csrfToken;

    // A browser's live stream on one worker…
    const events: string[] = [];
    const stream = http.get(
      { host: '127.0.0.1', port, path: '/api/v1/live', agent: false, headers: { cookie } },
      (res) => res.on('data', (c: Buffer) => events.push(c.toString())),
    );
    await new Promise((r) => setTimeout(r, 500));
    // …hears of tickets created on new connections, which the cluster gives to both workers.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const made = await request(
        port,
        'POST',
        '/api/v1/tickets',
        { cookie, 'x-csrf-token': csrf },
        {
          kind: 'consultation',
          customerId: customer.id,
          subject: `咨询 ${i}`,
          description: 'x',
        },
      );
      expect(made.status).toBe(201);
      ids.push(made.json<{ id: string }>().id);
    }
    for (let i = 0; i < 50 && !ids.every((id) => events.join('').includes(id)); i++)
      await new Promise((r) => setTimeout(r, 100));
    for (const id of ids) expect(events.join('')).toContain(id);
    stream.destroy();

    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped.');
    for (const pid of workers) expect(await fs.stat(`/proc/${pid}`).catch(() => null)).toBeNull();
  }, 180_000);
});
