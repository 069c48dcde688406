// The product as an operator runs it: `aftercare serve` on the embedded database, recovery after a
// crash (kill -9), a clean Ctrl-C, the CLI's backup, and restore into another PostgreSQL server
// (the test server: embedded 18 under `npm test`, Debian's PostgreSQL 15 in CI's second pass).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/db/admin.ts';
import { createTestDatabase, type TestDatabase } from './helpers.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/aftercare.js');
let dir: string;
let env: NodeJS.ProcessEnv;

function serve(port: number): {
  child: ChildProcess;
  ready: Promise<string>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env,
  });
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
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

async function postmasterPid(): Promise<number | null> {
  try {
    const text = await fs.readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8');
    return Number.parseInt(text.split('\n')[0] ?? '', 10);
  } catch {
    return null;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  // mkdtemp makes it 0700: as root, the embedded server (run as the postgres user) must still get in.
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-cli-'));
  env = {
    ...process.env,
    DATA_DIR: dir,
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  };
});

afterAll(async () => {
  const pid = await postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  await fs.rm(dir, { recursive: true, force: true });
});

describe('aftercare serve', () => {
  it('starts on the embedded database with the demo data, recovers after kill -9, and stops cleanly', async () => {
    const port = await freePort();
    const first = serve(port);
    const banner = await first.ready;
    expect(banner).toContain(`http://localhost:${port}`);
    expect(banner).toMatch(/agent\s+aftercare-demo/);
    expect(banner).toMatch(/hzmetro\s+aftercare-demo/);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: 'aftercare-demo' }),
    });
    expect(login.status).toBe(200);

    // Crash: the node process dies, its PostgreSQL stays behind on the data directory.
    first.child.kill('SIGKILL');
    await first.exited;
    const stale = await postmasterPid();
    expect(stale && alive(stale)).toBe(true);

    const second = serve(port);
    const banner2 = await second.ready;
    expect(banner2).toMatch(/agent\s+aftercare-demo/); // same data, demo not loaded twice
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });

    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    const pid = await postmasterPid();
    expect(pid === null || !alive(pid)).toBe(true);
  }, 180_000);

  it('runs a backup next to a running server on its database, leaving that server running', async () => {
    const port = await freePort();
    const server = serve(port);
    await server.ready;
    const pid = await postmasterPid();
    const { stdout } = await run(process.execPath, [BIN, 'backup', path.join(dir, 'live.acb')], { env });
    expect(stdout).toMatch(/backup written/);
    expect(await postmasterPid()).toBe(pid);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  }, 180_000);
});

describe('aftercare backup and restore', () => {
  let target: TestDatabase;
  const file = () => path.join(dir, 'backup.acb');

  beforeAll(async () => {
    target = await createTestDatabase();
  });
  afterAll(() => target.drop());

  it('prints help for each command', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'backup', '--help'], { env });
    expect(stdout).toContain('Usage: aftercare backup');
    const { stdout: top } = await run(process.execPath, [BIN, '--help'], { env });
    for (const cmd of ['serve', 'migrate', 'demo', 'user', 'backup', 'restore']) expect(top).toContain(cmd);
  });

  it('creates a user from the command line', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        BIN,
        'user',
        'create',
        '-u',
        'cli-customer',
        '-r',
        'customer_user',
        '--customer',
        'SZ-PARK',
        '--password',
        'from-the-cli-1',
      ],
      { env },
    );
    expect(stdout).toContain('created customer user cli-customer');
  }, 120_000);

  it('round-trips the embedded database and its files into another server', async () => {
    await fs.mkdir(path.join(dir, 'files', 'ab'), { recursive: true });
    await fs.writeFile(path.join(dir, 'files', 'ab', 'photo-1'), Buffer.from('stored file body'));
    const { stdout } = await run(process.execPath, [BIN, 'backup', file()], { env });
    expect(stdout).toMatch(/backup written .*: \d+ tables, 1 files/);

    const restoreDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aftercare-restore-'));
    const restoreEnv = { ...env, DATABASE_URL: target.url, DATA_DIR: restoreDir };
    const restored = await run(process.execPath, [BIN, 'restore', file()], { env: restoreEnv });
    expect(restored.stdout).toMatch(/restored \d+ tables/);

    const users = await target.pool.query('select username, kind from users order by username');
    expect(users.rows.map((r) => r.username)).toEqual(
      expect.arrayContaining(['admin', 'agent', 'hzmetro', 'cli-customer']),
    );
    const customers = await target.pool.query('select name from customers order by code');
    expect(customers.rows.map((r) => r.name)).toContain('杭州地铁集团有限公司');
    const audit = await target.pool.query('select count(*)::int as n from audit_log');
    expect(audit.rows[0].n).toBeGreaterThan(10);
    expect(await fs.readFile(path.join(restoreDir, 'files', 'ab', 'photo-1'), 'utf8')).toBe(
      'stored file body',
    );
    // sequences continue after the restored rows
    const next = await target.pool.query(
      `insert into audit_log (actor_label, action, entity_type) values ('t', 't', 't') returning id`,
    );
    expect(Number(next.rows[0].id)).toBeGreaterThan(audit.rows[0].n);

    // A second restore into the now non-empty database is refused, and changes nothing.
    const again = run(process.execPath, [BIN, 'restore', file()], { env: restoreEnv });
    await expect(again).rejects.toMatchObject({
      stderr: expect.stringContaining('restore needs an empty database'),
    });
    await fs.rm(restoreDir, { recursive: true, force: true });
  }, 180_000);
});
