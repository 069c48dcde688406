// What the HTTP layer and jobs are built from; tests build their own.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { TConfig } from '../config.ts';
import type { Db } from '../db/pool.ts';
import type { BlobStore } from './blob-store.ts';
import type { Clock } from './clock.ts';
import type { Ctx } from './context.ts';
import type { JobDefinition } from './jobs.ts';
import type { Mailer } from './mailer.ts';

/** Where HTTP handlers queue background work (the pg-boss runner in production). */
export interface JobQueue {
  send<S extends z.ZodType>(def: JobDefinition<S>, data: z.infer<S>, key?: string): Promise<string | null>;
}

export interface AppDeps {
  config: TConfig;
  db: Db;
  /** The read-only reports database (REPORTS_DATABASE_URL, a replica) when configured: dashboards read it. */
  reportsDb?: Db;
  clock: Clock;
  blobStore: BlobStore;
  mailer: Mailer;
  jobs: JobQueue;
}

export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteDeps extends AppDeps {
  ctx(request: FastifyRequest): Ctx;
}
