// kill -9 of the real server under a ticket-creating load: every acknowledged ticket survives, every
// key's retry after the restart gets its one ticket (the stored answer, or a first run when the work
// never committed), and no key is left "still running" once the (short) lease is over.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/db/admin.ts';
import { buildCustomer, buildUser, createTestDatabase, type TestDatabase } from './helpers.ts';

const BIN = path.resolve('bin/aftercare.js');
const LEASE_SECONDS = 2;
let database: TestDatabase;
let dir: string;
let env: NodeJS.ProcessEnv;

function serve(port: number): { child: ChildProcess; ready: Promise<void>; exited: Promise<unknown> } {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--no-demo', '--port', String(port), '--host', '127.0.0.1'],
    { env },
  );
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 90_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Press Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready:\n${out}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return { child, ready, exited };
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-crash-'));
  env = {
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    LOG_LEVEL: 'error',
    IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
  };
});

afterAll(async () => {
  await database.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

interface Attempt {
  key: string;
  subject: string;
  status: number | null;
  ticketId: string | null;
}

describe('kill -9 under a ticket-creating load', () => {
  it('loses no acknowledged ticket, duplicates none, and leaves no key stuck', async () => {
    const customer = await buildCustomer(database.db);
    const agent = await buildUser(database.db, { role: 'agent' });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = serve(port);
    await first.ready;

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: agent.username, password: agent.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const create = async (a: Attempt) => {
      const res = await fetch(`${base}/api/v1/tickets`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie,
          'x-csrf-token': csrfToken,
          'idempotency-key': a.key,
        },
        body: JSON.stringify({
          kind: 'fault_report',
          customerId: customer.id,
          subject: a.subject,
          description: 'load before the crash',
        }),
      });
      const body = (await res.json()) as { id?: string };
      return { status: res.status, ticketId: body.id ?? null };
    };

    // Eight clients create tickets, each with its own key, until the server is killed mid-load.
    const attempts: Attempt[] = [];
    let killed = false;
    const client = async () => {
      while (!killed) {
        const a: Attempt = {
          key: randomUUID(),
          subject: `crash ${randomUUID()}`,
          status: null,
          ticketId: null,
        };
        attempts.push(a);
        try {
          Object.assign(a, await create(a));
        } catch {
          // The connection died with the server: not acknowledged.
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await expect
      .poll(() => attempts.filter((a) => a.status === 201).length, { timeout: 30_000 })
      .toBeGreaterThan(20);
    first.child.kill('SIGKILL');
    killed = true;
    await first.exited;
    await Promise.all(clients);
    const acknowledged = attempts.filter((a) => a.status === 201);
    expect(attempts.length).toBeGreaterThan(acknowledged.length); // some were in flight when it died

    const second = serve(port);
    try {
      await second.ready;
      await new Promise((r) => setTimeout(r, (LEASE_SECONDS + 1) * 1000));
      const retries = await Promise.all(attempts.map(async (a) => ({ a, res: await create(a) })));
      const stuck = retries.filter((r) => r.res.status === 409);
      expect(stuck.map((r) => r.a.key)).toEqual([]);
      for (const { a, res } of retries) {
        expect(res.status, a.key).toBe(201);
        if (a.status === 201) expect(res.ticketId, a.key).toBe(a.ticketId);
      }
      const counts = await database.pool.query<{ subject: string; n: number }>(
        `select subject, count(*)::int as n from tickets where subject like 'crash %' group by subject`,
      );
      const perKey = new Map(counts.rows.map((r) => [r.subject, r.n]));
      expect(attempts.filter((a) => perKey.get(a.subject) !== 1).map((a) => a.subject)).toEqual([]);
      expect(counts.rows.length).toBe(attempts.length);
    } finally {
      second.child.kill('SIGINT');
      await second.exited;
    }
  }, 240_000);
});
