// Idempotency-Key on POST: the first response is stored, and a retry with the same key (by the same
// caller) gets it back without running the handler again. A retry with a different body is a 422; a
// retry while the first is still running is a 409. A running key holds a short lease: when the process
// that took it died (kill -9), a retry after the lease takes the key over and runs the request.
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/pool.ts';
import { AppError, conflict, sendProblem } from './errors.ts';
import { idempotencyKeys } from './schema.ts';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { principal: string; key: string };
  }
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
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ principal, key, method: request.method, path: request.url, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0 || (await takeOverExpired(db, principal, key, requestHash, leaseSeconds))) {
      request.idempotency = { principal, key };
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
    const where = and(eq(idempotencyKeys.principal, idem.principal), eq(idempotencyKeys.key, idem.key));
    if (reply.statusCode >= 500 || reply.statusCode === 409 || reply.statusCode === 429) {
      // Nothing was done (the transaction rolled back): let the client retry with the same key.
      await db.delete(idempotencyKeys).where(where);
    } else {
      await db
        .update(idempotencyKeys)
        .set({
          statusCode: reply.statusCode,
          responseBody: typeof payload === 'string' ? payload : payload ? String(payload) : '',
          responseType: String(reply.getHeader('content-type') ?? 'application/json'),
        })
        .where(where);
    }
    return payload;
  });
}

/** A running key whose lease ran out (the process that held it is gone) goes to this request. */
async function takeOverExpired(
  db: Db,
  principal: string,
  key: string,
  requestHash: string,
  leaseSeconds: number,
): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now()` })
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
