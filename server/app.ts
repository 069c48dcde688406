// Builds the Fastify instance: plugins → security → modules → error handling. Tests use it directly.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TConfig } from './config.ts';
import { consoleFirstPage } from './first-page/first-page.ts';
import {
  authenticate,
  customerUserReferences,
  registerAccountRoutes,
  SESSION_COOKIE,
  staffReferences,
} from './modules/accounts/index.ts';
import { registerAnalyticsRoutes } from './modules/analytics/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { registerComplaintRoutes, suggestionFromFollowUp } from './modules/complaints/index.ts';
import {
  provideDueWindows,
  registerFieldRoutes,
  workOrderPartChargesSql,
  workOrderTicketIds,
} from './modules/field/index.ts';
import { fileReferences, provideFileGuard, registerFileRoutes } from './modules/files/index.ts';
import { provideFollowUpSuggestions, registerFollowUpRoutes } from './modules/followups/index.ts';
import { registerKnowledgeRoutes } from './modules/knowledge/index.ts';
import { registerLabelRoutes } from './modules/labels/index.ts';
import { registerMaintenanceRoutes, visitDueWindows } from './modules/maintenance/index.ts';
import { registerNotificationRoutes } from './modules/notifications/index.ts';
import { partReferences, provideWorkOrderPartCharges, registerPartsRoutes } from './modules/parts/index.ts';
import { registerQualityRoutes } from './modules/quality/index.ts';
import {
  assetReferences,
  contactReferences,
  customerReferences,
  projectReferences,
  registerRegistryRoutes,
} from './modules/registry/index.ts';
import { registerReportRoutes } from './modules/reports/index.ts';
import { registerReturnRoutes } from './modules/returns/index.ts';
import { registerSlaRoutes } from './modules/sla/index.ts';
import { provideSurveySource, registerSurveyRoutes } from './modules/surveys/index.ts';
import {
  attachmentWithheld,
  provideWorkOrderTickets,
  registerTicketRoutes,
  slaTicketPort,
} from './modules/tickets/index.ts';
import {
  endedTrainingSessions,
  registerTrainingPublicRoutes,
  registerTrainingRoutes,
} from './modules/training/index.ts';
import { registerWorkbenchRoutes } from './modules/workbench/index.ts';
import type { AppDeps, RouteDeps } from './platform/deps.ts';
import { errorHandler, sendProblem } from './platform/errors.ts';
import { makeCtxFactory, registerRouteSecurity } from './platform/http.ts';
import { registerIdempotency } from './platform/idempotency.ts';
import { registerInputGuards } from './platform/input-guards.ts';
import { LiveHub } from './platform/live.ts';
import { registerMetrics } from './platform/metrics.ts';
import { provideReferences } from './platform/references.ts';
import { ASSETS_PREFIX, registerWebApp, sendPersonalPage, webAppPage } from './platform/web-app.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A hop count trusts that many proxies nearest to the server (Fastify's own rule for a number). */
function trustProxyOption(value: TConfig['trustProxy']) {
  return typeof value === 'number' ? (_address: string, hop: number) => hop < value : value;
}

export async function buildApp(
  deps: AppDeps,
  options: { loggerInstance?: FastifyServerOptions['loggerInstance']; logger?: boolean } = {},
) {
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger === false ? false : { level: deps.config.logLevel } }),
    trustProxy: trustProxyOption(deps.config.trustProxy),
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: false } },
    // A bad or over-long URL answers as a problem document and never echoes the URL.
    frameworkErrors: (err, _request, reply) => {
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendProblem(reply, 414, 'URI too long', 'A part of the URL is too long');
      }
      if (err.code === 'FST_ERR_BAD_URL') {
        return sendProblem(reply, 400, 'Bad request', 'The URL is not valid (bad percent-encoding)');
      }
      return sendProblem(reply, err.statusCode ?? 400, 'Bad request', 'The request could not be read');
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time (CSS-in-JS)
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain http it would send the browser to https for every asset: a blank page.
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.config.cookieSecure === 'true',
  });
  app.addHook('onRequest', async (request, reply) => {
    const csp = reply.getHeader('content-security-policy');
    if (request.protocol === 'https' && typeof csp === 'string') {
      reply.header('content-security-policy', `${csp};upgrade-insecure-requests`);
    }
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 10 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Aftercare API',
        version: '1',
        description:
          'After-sales service platform. Errors are application/problem+json (RFC 9457). Authenticate with the session cookie (browser, plus X-CSRF-Token on changes) or `Authorization: Bearer <API token>`. POST accepts `Idempotency-Key`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const apiRoutes = registerRouteSecurity(app, {
    allowedOrigins: (request) => {
      const origins = [`${request.protocol}://${request.headers.host}`];
      if (deps.config.publicUrl) origins.push(new URL(deps.config.publicUrl).origin);
      return origins;
    },
  });
  app.addHook('onRequest', async (request) => {
    // the web app's hashed files are the same for everyone: no session lookup for each of them (a
    // console page's first load asks for a dozen at once)
    if (request.url.startsWith(ASSETS_PREFIX)) return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!bearer && !sessionToken) return;
    const result = await authenticate(deps.db, deps.clock, deps.config, { bearer, sessionToken });
    if (result) {
      request.principal = result.principal;
      request.sessionCsrf = result.csrfToken;
    }
  });
  registerInputGuards(app);
  registerIdempotency(app, deps.db, deps.config.idempotencyLeaseSeconds);
  registerMetrics(app, { token: deps.config.metricsToken });

  const routeDeps: RouteDeps = {
    ...deps,
    ctx: makeCtxFactory(deps.db, deps.clock, deps.config.defaultTimeZone),
  };
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        hide: true,
        response: { 200: z.object({ status: z.string() }), 503: z.object({ status: z.string() }) },
      },
    },
    async (_request, reply) => {
      try {
        await deps.db.execute(sql`select 1`);
        return { status: 'ok' };
      } catch {
        return reply.code(503).send({ status: 'database unreachable' });
      }
    },
  );
  const live = new LiveHub(deps.db);
  app.addHook('onClose', async () => live.close());
  app.get(
    '/api/v1/live',
    {
      config: { authenticated: true },
      schema: {
        tags: ['live'],
        summary: 'Server-Sent Events: ids of records that changed and that you may see',
      },
    },
    async (request, reply) => {
      const ctx = routeDeps.ctx(request);
      // Field engineers (no tickets.read_all) hear of the tickets assigned to them only.
      const ownWorkOnly = ctx.scope.kind === 'all' && !ctx.principal.permissions.has('tickets.read_all');
      await live.subscribe(ctx.scope, reply, ctx.principal.userId, ownWorkOnly);
      return reply;
    },
  );
  wireReferences();
  registerAccountRoutes(app, routeDeps);
  registerRegistryRoutes(app, routeDeps);
  registerAuditRoutes(app, routeDeps);
  registerFileRoutes(app, routeDeps);
  registerNotificationRoutes(app, routeDeps);
  registerTicketRoutes(app, routeDeps);
  registerSlaRoutes(app, routeDeps, slaTicketPort);
  registerPartsRoutes(app, routeDeps);
  registerFieldRoutes(app, routeDeps);
  registerMaintenanceRoutes(app, routeDeps);
  registerSurveyRoutes(app, routeDeps);
  registerReturnRoutes(app, routeDeps);
  registerComplaintRoutes(app, routeDeps);
  registerQualityRoutes(app, routeDeps);
  registerAnalyticsRoutes(app, routeDeps);
  registerReportRoutes(app, routeDeps);
  registerFollowUpRoutes(app, routeDeps);
  registerKnowledgeRoutes(app, routeDeps);
  registerTrainingRoutes(app, routeDeps);
  registerTrainingPublicRoutes(app, routeDeps);
  registerWorkbenchRoutes(app, routeDeps);
  registerLabelRoutes(app, routeDeps);

  const hasWeb = existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await registerWebApp(app, WEB_DIST);
  }
  const pageOf = webAppPage(WEB_DIST);
  const firstPage = consoleFirstPage({ webRoot: WEB_DIST, ctx: routeDeps.ctx, log: app.log });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.method === 'GET' && hasWeb && !request.url.startsWith('/api/')) {
      // The single-page app handles its own routes (and its own 404 page); the ticket list's page
      // carries its first rows for the caller (first-page/first-page.ts), so it is never shared.
      const file = pageOf(request.url);
      const personal = file === 'console.html' ? await firstPage(request) : null;
      if (personal) return sendPersonalPage(request, reply, personal);
      return reply.type('text/html').sendFile(file);
    }
    return sendProblem(reply, 404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`);
  });
  return Object.assign(app, { apiRoutes });
}

/**
 * The owners that answer "may this id be bound here?" (platform/references.ts), and which tickets a
 * field engineer's work orders open to him (tickets/work-port.ts) and which ticket attachments he may not
 * download (files/guard.ts).
 * The training module is the surveys' training source (survey-source.ts).
 * The complaints module registers the suggestions given on follow-ups' outcomes (followups' port).
 */
export function wireReferences(): void {
  provideWorkOrderTickets(workOrderTicketIds);
  provideWorkOrderPartCharges(workOrderPartChargesSql);
  provideDueWindows(visitDueWindows);
  provideFileGuard(attachmentWithheld);
  provideReferences('customer', customerReferences);
  provideReferences('contact', contactReferences);
  provideReferences('project', projectReferences);
  provideReferences('asset', assetReferences);
  provideReferences('file', fileReferences);
  provideReferences('part', partReferences);
  provideReferences('staff', staffReferences);
  provideReferences('customer_user', customerUserReferences);
  provideSurveySource('training', endedTrainingSessions);
  provideFollowUpSuggestions(suggestionFromFollowUp);
}
