// Idempotency-Key on POST: the first response is stored, and a retry with the same key (by the same
// caller) gets it back without running the handler again. A retry with a different body is a 422.
//
// The response is stored in the SAME transaction as the request's work: the handler's Ctx runs in a
// transaction opened for the request (services' own transactions become savepoints in it), and the
// key's row gets the response just before that transaction commits. So a process that dies before the
// commit leaves no work and no response (a retry runs the request again), and one that dies after it
// leaves both (a retry gets the stored response): never a duplicate.
//
// While the first request runs, its key is held (a row committed at once, without a response): a retry
// then answers 409. The hold is a lease: when the process that took it died (kill -9), a retry after
// `IDEMPOTENCY_LEASE_SECONDS` takes the key over (a new holder) and runs the request; the first run, if
// it was only slow, finds itself no longer the holder at commit and rolls its work back.
//
// Routes that stream an upload or queue a job declare `config.idempotency: 'lease'`: their work runs in
// their own transactions as without a key, and the response is stored after them (the lease covers a crash).
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../db/pool.ts';
import { AppError, conflict, PROBLEM_TYPE, sendProblem } from './errors.ts';
import { idempotencyKeys } from './schema.ts';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'lease' (uploads, routes that queue jobs): the response is stored after the work, not with it. */
    idempotency?: 'lease';
  }
  interface FastifyRequest {
    idempotency?: { principal: string; key: string; holder: string; transaction: RequestTransaction | null };
  }
}

/** A transaction held open across a request: the handler works in `db`, the last step decides. */
export interface RequestTransaction {
  db: Db;
  /** Runs `last` in the transaction and commits; throws (rolled back) when `last` or the commit fails. */
  commit(last: (tx: Tx) => Promise<void>): Promise<void>;
  rollback(): Promise<void>;
  readonly open: boolean;
}

class Rollback extends Error {}

export function beginRequestTransaction(db: Db): Promise<RequestTransaction> {
  return new Promise((resolve, reject) => {
    let started = false;
    const outcome = db.transaction(async (tx) => {
      started = true;
      const last = await new Promise<((tx: Tx) => Promise<void>) | null>((decide) => {
        let open = true;
        const end = (step: ((tx: Tx) => Promise<void>) | null) => {
          if (!open) return Promise.resolve();
          open = false;
          decide(step);
          return outcome;
        };
        resolve({
          db: Object.assign(tx, { $client: db.$client }) as unknown as Db,
          commit: (step) => end(step),
          rollback: () =>
            end(null).catch((err) => (err instanceof Rollback ? undefined : Promise.reject(err))),
          get open() {
            return open;
          },
        });
      });
      if (!last) throw new Rollback();
      await last(tx);
    });
    outcome.catch((err) => {
      if (!started) reject(err);
    });
  });
}

/** `leaseSeconds`: how long a first request may run before a retry with its key may take it over. */
export function registerIdempotency(app: FastifyInstance, db: Db, leaseSeconds: number) {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError(400, 'Bad request', 'Idempotency-Key must be 8–200 letters, digits or . _ : -', [
        { field: 'Idempotency-Key', message: 'invalid' },
      ]);
    }
    const principal = request.principal?.userId ?? request.principal?.tokenId ?? `anon:${request.ip}`;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const holder = randomUUID();
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ principal, key, method: request.method, path: request.url, requestHash, holder })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (
      inserted.length > 0 ||
      (await takeOverExpired(db, principal, key, requestHash, holder, leaseSeconds))
    ) {
      const transaction =
        request.routeOptions.config.idempotency === 'lease' ? null : await beginRequestTransaction(db);
      request.idempotency = { principal, key, holder, transaction };
      return;
    }
    const [previous] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
    if (!previous) throw conflict('The request with this Idempotency-Key is being retried; try again');
    if (previous.requestHash !== requestHash) {
      throw new AppError(422, 'Validation failed', 'This Idempotency-Key was used for a different request', [
        { field: 'Idempotency-Key', message: 'reused with a different request' },
      ]);
    }
    if (previous.statusCode === null)
      throw conflict('The first request with this Idempotency-Key is still running');
    reply.header('idempotent-replayed', 'true');
    if (previous.responseType?.includes('problem+json')) {
      const body = JSON.parse(previous.responseBody ?? '{}');
      return sendProblem(reply, previous.statusCode, body.title, body.detail, body.errors);
    }
    return reply
      .code(previous.statusCode)
      .type(previous.responseType ?? 'application/json')
      .send(previous.responseBody ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem) return payload;
    request.idempotency = undefined;
    const held = and(
      eq(idempotencyKeys.principal, idem.principal),
      eq(idempotencyKeys.key, idem.key),
      eq(idempotencyKeys.holder, idem.holder),
      isNull(idempotencyKeys.statusCode),
    );
    const release = () => db.delete(idempotencyKeys).where(held);
    if (reply.statusCode >= 500 || reply.statusCode === 409 || reply.statusCode === 429) {
      // Nothing was done (the work rolls back): let the client retry with the same key.
      await idem.transaction?.rollback();
      await release();
      return payload;
    }
    const response = {
      statusCode: reply.statusCode,
      responseBody: typeof payload === 'string' ? payload : payload ? String(payload) : '',
      responseType: String(reply.getHeader('content-type') ?? 'application/json'),
    };
    const store = async (executor: Db | Tx) => {
      const stored = await executor
        .update(idempotencyKeys)
        .set(response)
        .where(held)
        .returning({ key: idempotencyKeys.key });
      if (stored.length === 0) throw new TakenOver();
    };
    if (!idem.transaction) {
      await store(db).catch((err) => (err instanceof TakenOver ? undefined : Promise.reject(err)));
      return payload;
    }
    try {
      await idem.transaction.commit(store);
      return payload;
    } catch (err) {
      if (err instanceof TakenOver) {
        return replaceWithProblem(
          reply,
          409,
          'A retry with this Idempotency-Key took it over; nothing was done',
        );
      }
      if (reply.statusCode >= 400) {
        // A refusal whose failed statement aborted the transaction: nothing was done, store the answer alone.
        await store(db).catch(() => undefined);
        return payload;
      }
      request.log.error({ err }, 'the request transaction failed to commit');
      await release().catch(() => undefined);
      return replaceWithProblem(reply, 500, 'Internal error', 'The change could not be saved; retry');
    }
  });

  // A request that ends without sending (aborted, hijacked) must not keep its transaction open.
  const abandon = async (request: FastifyRequest) => {
    const transaction = request.idempotency?.transaction;
    if (transaction?.open) await transaction.rollback();
  };
  app.addHook('onResponse', abandon);
  app.addHook('onRequestAbort', abandon);
}

class TakenOver extends Error {}

function replaceWithProblem(reply: FastifyReply, status: number, title: string, detail?: string): string {
  reply.code(status).type('application/problem+json').removeHeader('content-length');
  return JSON.stringify({
    type: PROBLEM_TYPE,
    title,
    status,
    detail: detail ?? title,
    requestId: String(reply.request.id),
  });
}

/** A running key whose lease ran out (the process that held it is gone) goes to this request. */
async function takeOverExpired(
  db: Db,
  principal: string,
  key: string,
  requestHash: string,
  holder: string,
  leaseSeconds: number,
): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now()`, holder })
    .where(
      and(
        eq(idempotencyKeys.principal, principal),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.requestHash, requestHash),
        isNull(idempotencyKeys.statusCode),
        lt(idempotencyKeys.createdAt, sql`now() - ${leaseSeconds}::int * interval '1 second'`),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0;
}

export async function purgeIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, olderThan))
    .returning({ k: idempotencyKeys.key });
  return rows.length;
}
