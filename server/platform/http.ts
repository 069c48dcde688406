// Route security in one place: every route declares `config.permission` (or `config.public`), and
// the check runs here for every request. Also CSRF protection and the per-request service context.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TPermission } from '../../common/roles.ts';
import type { Db } from '../db/pool.ts';
import type { Clock } from './clock.ts';
import { type Ctx, type Principal, scopeOf } from './context.ts';
import { forbidden, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs; checked before the handler. */
    permission?: TPermission;
    /** Open to anyone (login, health, docs). */
    public?: boolean;
    /** Any logged-in user (e.g. logout, own profile). */
    authenticated?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The CSRF token bound to the caller's session (cookie sessions only). */
    sessionCsrf: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiRoute {
  method: string;
  url: string;
  schema?: { body?: unknown; querystring?: unknown; params?: unknown };
}

export function registerRouteSecurity(
  app: FastifyInstance,
  opts: { allowedOrigins: (request: FastifyRequest) => string[] },
): ApiRoute[] {
  /** Every /api/v1 route, for tests that probe all of them. */
  const apiRoutes: ApiRoute[] = [];
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionCsrf', null);

  // A route without a declared access rule does not start: nothing is open by omission.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD')
        apiRoutes.push({ method, url: route.url, schema: route.schema as ApiRoute['schema'] });
    }
    const config = (route.config ?? {}) as { permission?: string; public?: boolean; authenticated?: boolean };
    if (!config.permission && !config.public && !config.authenticated) {
      throw new Error(`route ${route.method} ${route.url} declares no permission`);
    }
  });

  app.addHook('preValidation', async (request) => {
    const config = request.routeOptions.config;
    if (UNSAFE.has(request.method)) checkCsrf(request, opts.allowedOrigins(request));
    // Pages, assets and the API reference are open; every /api/v1 route declared its rule.
    if (config.public || !request.routeOptions.url?.startsWith('/api/v1')) return;
    if (!request.principal) throw unauthorized();
    if (config.permission && !request.principal.permissions.has(config.permission)) throw forbidden();
  });
  return apiRoutes;
}

/**
 * A state-changing request with a foreign Origin is refused; a cookie-authenticated one must also
 * echo its session's CSRF token in `X-CSRF-Token` (double submit bound to the session).
 */
function checkCsrf(request: FastifyRequest, allowed: string[]) {
  const origin = request.headers.origin;
  if (origin && !allowed.includes(origin)) throw forbidden('Cross-site request refused (Origin not allowed)');
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') throw forbidden('Cross-site request refused');
  if (request.sessionCsrf !== null) {
    const sent = request.headers['x-csrf-token'];
    if (sent !== request.sessionCsrf) throw forbidden('Missing or wrong CSRF token (X-CSRF-Token)');
  }
}

export function makeCtxFactory(db: Db, clock: Clock, timeZone: string) {
  return (request: FastifyRequest): Ctx => {
    const principal = request.principal;
    if (!principal) throw unauthorized();
    return {
      // With an Idempotency-Key, the request's own transaction (platform/idempotency.ts).
      db: request.idempotency?.transaction?.db ?? db,
      clock,
      principal,
      scope: scopeOf(principal),
      ip: request.ip,
      requestId: String(request.id),
      timeZone,
    };
  };
}
