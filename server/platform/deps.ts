// What the HTTP layer and jobs are built from; tests build their own.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TConfig } from '../config.ts';
import type { Db } from '../db/pool.ts';
import type { BlobStore } from './blob-store.ts';
import type { Clock } from './clock.ts';
import type { Ctx } from './context.ts';
import type { Mailer } from './mailer.ts';

export interface AppDeps {
  config: TConfig;
  db: Db;
  clock: Clock;
  blobStore: BlobStore;
  mailer: Mailer;
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
