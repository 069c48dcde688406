// Background jobs on pg-boss: every app instance shares one PostgreSQL-backed queue, so each job runs
// once whatever the number of instances. A job is a typed definition (name, payload schema, optional
// cron schedule, handler); handlers call services.
import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Db } from '../db/pool.ts';
import type { BlobStore } from './blob-store.ts';
import type { Clock } from './clock.ts';

export interface JobDeps {
  db: Db;
  clock: Clock;
  /** The organisation's time zone, from the configuration. */
  timeZone: string;
  blobStore: BlobStore;
  log: { info(o: object, m?: string): void; error(o: object, m?: string): void };
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** `<module>.<action>`, e.g. `sessions.purge-expired`. */
  name: string;
  schema: S;
  /** Cron in the organisation's time zone (JobDeps.timeZone, from the configuration), for recurring jobs. */
  cron?: string;
  /** How pg-boss retries a failed run (its defaults otherwise). */
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  handler: (data: z.infer<S>, deps: JobDeps) => Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

// Instances starting together set up the queues one at a time (a session advisory lock): pg-boss's
// create_queue inserts the queue's row and then locks its table, and two instances doing that at
// once deadlock (40P01) and fail to start.
const QUEUE_SETUP_LOCK = 0x61667463; // 'aftc'

export class JobRunner {
  private boss: PgBoss;
  private started = false;
  private stopping = false;

  constructor(
    private readonly connectionString: string,
    private readonly definitions: JobDefinition[],
    private readonly deps: JobDeps,
  ) {
    this.boss = new PgBoss({
      connectionString,
      schema: 'pgboss',
      max: 4,
      application_name: 'aftercare-jobs',
    });
    this.boss.on('error', (err: Error & { code?: string }) => {
      // While stopping, the database going away first is expected.
      if (this.stopping || err.code === '57P01') return;
      deps.log.error({ err }, 'job queue error');
    });
  }

  async start(options: { work: boolean } = { work: true }): Promise<void> {
    await this.boss.start();
    this.started = true;
    await this.createMissingQueues();
    for (const def of this.definitions) {
      if (def.cron) await this.boss.schedule(def.name, def.cron, {}, { tz: this.deps.timeZone });
      if (options.work) {
        await this.boss.work(def.name, { pollingIntervalSeconds: 2 }, async (jobs) => {
          for (const job of jobs) {
            const data = def.schema.parse(job.data ?? {});
            await def.handler(data, this.deps);
          }
        });
      }
    }
  }

  private async createMissingQueues(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'aftercare-jobs',
    });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
      for (const def of this.definitions) {
        if (!(await this.boss.getQueue(def.name))) await this.boss.createQueue(def.name);
      }
    } finally {
      await client.query('select pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK]).catch(() => {});
      await client.end().catch(() => {});
    }
  }

  /**
   * Queue a job. With a key, the job id is derived from it, so the same work sent twice (by any
   * instance, or after a restart) is queued once: exactly once per key. Returns null for a repeat.
   */
  async send<S extends z.ZodType>(
    def: JobDefinition<S>,
    data: z.infer<S>,
    key?: string,
  ): Promise<string | null> {
    const retry = def.retry
      ? { retryLimit: def.retry.limit, retryDelay: def.retry.delaySeconds, retryBackoff: def.retry.backoff }
      : {};
    return this.boss.send(def.name, data as object, {
      ...retry,
      ...(key ? { id: jobIdOf(def.name, key) } : {}),
    });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/** A UUID-shaped id derived from the job name and key. */
export function jobIdOf(name: string, key: string): string {
  const h = createHash('sha256').update(`${name}\u0000${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** For processes that queue nothing (benchmarks, some tests): sending is an error. */
export const NO_JOBS = {
  async send(): Promise<string | null> {
    throw new Error('background jobs are not running in this process');
  },
};
