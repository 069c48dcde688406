// HTTP: work orders, dispatch, and the engineer's visit.
import { z } from 'zod';
import { ZId, ZVersion } from '../../../common/api.ts';
import { CAUSES } from '../../../common/warranty-rules.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import * as engineers from './engineers.ts';
import { VISIT_STAGES, WORK_ORDER_KINDS } from './schema.ts';
import * as service from './service.ts';

const tags = ['field'];
const ZIdParams = z.object({ id: ZId });
const ZAny = z.any();
const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max).nullable().optional();
/** What each stage may carry (see the stage rules in service.ts). */
const ZStageData = z.strictObject({
  faultLocation: text(500),
  cause: z.enum(CAUSES).optional(),
  plan: text(2000),
  estimatedMinutes: z.int().min(1).max(10_000).nullable().optional(),
  consent: z
    .strictObject({
      kind: z.enum(['verbal', 'signature']),
      by: z.string().trim().min(1).max(100),
      at: ZInstant.optional(),
    })
    .optional(),
  solution: text(2000),
  plannedFix: text(2000),
  process: text(4000),
  result: text(4000),
  tests: text(2000),
  prevention: text(2000),
  timeSpentMinutes: z.int().min(0).max(100_000).nullable().optional(),
  travelKm: z.number().min(0).max(10_000).nullable().optional(),
  signature: z.string().max(600_000).optional(),
  signedBy: text(100),
  outcome: text(500),
});

export function registerFieldRoutes(app: Api, deps: RouteDeps) {
  app.post(
    '/api/v1/tickets/:id/work-orders',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: 'Create a work order from a ticket (several per ticket allowed)',
        params: ZIdParams,
        body: z.strictObject({
          kind: z.enum(WORK_ORDER_KINDS).default('repair'),
          summary: z.string().trim().min(1).max(200).optional(),
          engineerId: ZId.nullable().optional(),
          scheduledAt: ZInstant.nullable().optional(),
        }),
        response: { 201: ZAny },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createFromTicket(deps.ctx(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/work-orders',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'Work orders: an engineer gets his own; dispatchers any queue',
        querystring: z.object({
          queue: z.enum(['mine', 'open', 'unassigned', 'all']).default('mine'),
          ticketId: ZId.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => {
      const ctx = deps.ctx(request);
      if (!['workorders.read_all', 'workorders.work'].some((p) => ctx.principal.permissions.has(p as never)))
        return [];
      return service.listWorkOrders(ctx, request.query);
    },
  );
  app.get(
    '/api/v1/work-orders/engineers',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: 'Field engineers: profile (skills, region, hours, leave), van and open work orders',
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => engineers.listEngineers(deps.ctx(request)),
  );
  app.get(
    '/api/v1/work-orders/:id',
    {
      config: { authenticated: true },
      schema: { tags, summary: 'A work order with its visit', params: ZIdParams, response: { 200: ZAny } },
    },
    // A work order is not visible to customers, nor to engineers it is not assigned to (404).
    async (request) => service.getWorkOrder(deps.ctx(request), request.params.id),
  );
  app.patch(
    '/api/v1/work-orders/:id',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: 'Dispatch: assign or reassign the engineer and the time; needs the current version',
        params: ZIdParams,
        body: z.strictObject({
          version: ZVersion,
          engineerId: ZId.nullable().optional(),
          scheduledAt: ZInstant.nullable().optional(),
          summary: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 200: ZAny },
      },
    },
    async (request) => service.dispatch(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/work-orders/:id/events',
    {
      config: { permission: 'workorders.work' },
      schema: {
        tags,
        summary: "Record a stage of the visit at the phone's time (idempotent by clientEventId)",
        params: ZIdParams,
        body: z.strictObject({
          clientEventId: z.string().trim().min(8).max(80),
          stage: z.enum(VISIT_STAGES),
          at: ZInstant,
          lat: z.number().min(-90).max(90).nullable().optional(),
          lng: z.number().min(-180).max(180).nullable().optional(),
          note: z.string().trim().max(2000).nullable().optional(),
          data: ZStageData.nullable().optional(),
        }),
        response: { 200: ZAny },
      },
    },
    async (request) =>
      service.recordStage(deps.ctx(request), deps.blobStore, request.params.id, request.body),
  );
  app.get(
    '/api/v1/work-orders/:id/report.pdf',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'The repair report (PDF); the customer gets those of its completed work',
        params: ZIdParams,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
      },
    },
    async (request, reply) => {
      const r = await service.reportOf(
        deps.ctx(request),
        deps.blobStore,
        request.params.id,
        request.query.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${r.number}.pdf"`)
        .send(r.pdf);
    },
  );
  app.get(
    '/api/v1/tickets/:id/reports',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: "A customer's repair reports for its ticket",
        params: ZIdParams,
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => service.customerReports(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/work-orders/:id/charges',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'The charge sheet: what the warranty does not cover, priced from the contract fee schedule',
        params: ZIdParams,
        response: { 200: ZAny },
      },
    },
    async (request) => service.chargesOf(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/work-orders/:id/third-party-deduction',
    {
      config: { permission: 'deposits.approve' },
      schema: {
        tags,
        summary:
          'The on-site deadline was missed and a third party repaired: deduct its cost from the deposit',
        params: ZIdParams,
        body: z.strictObject({
          amountFen: z.int().min(1).max(1_000_000_000),
          reason: z.string().trim().min(1).max(500),
          evidenceFileId: ZId,
        }),
        response: { 200: ZAny },
      },
    },
    async (request) => service.thirdPartyDeduction(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/follow-ups',
    {
      config: { permission: 'workorders.read_all' },
      schema: {
        tags,
        summary: 'Follow-up visits due after completed work',
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => service.openFollowUps(deps.ctx(request)),
  );
  app.put(
    '/api/v1/engineers/:id/profile',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: "Set a field engineer's skills, home region and position, working days and hours, leave",
        params: ZIdParams,
        body: z.strictObject({
          version: z.int().min(0),
          skills: z.array(z.string().trim().min(1).max(60)).max(50),
          homeRegion: z.string().trim().max(60).nullable(),
          latitude: z.number().min(-90).max(90).nullable(),
          longitude: z.number().min(-180).max(180).nullable(),
          workDays: z.array(z.int().min(0).max(6)).max(7),
          workStart: z.int().min(0).max(1440),
          workEnd: z.int().min(0).max(1440),
          leave: z.array(z.strictObject({ from: z.iso.date(), to: z.iso.date() })).max(100),
        }),
        response: { 200: ZAny },
      },
    },
    async (request) => engineers.saveProfile(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/work-orders/:id/suggestions',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: 'Engineers ranked for this work: skill, nearness, load, availability, parts in the van',
        params: ZIdParams,
        response: { 200: z.array(ZAny) },
      },
    },
    async (request) => engineers.suggestions(deps.ctx(request), request.params.id),
  );
  app.put(
    '/api/v1/work-orders/:id/photos',
    {
      config: { permission: 'workorders.work' },
      schema: {
        tags,
        summary: 'Set the photos before and after the work',
        params: ZIdParams,
        body: z.strictObject({
          before: z.array(ZId).max(30).optional(),
          after: z.array(ZId).max(30).optional(),
        }),
        response: { 200: ZAny },
      },
    },
    async (request) => service.setPhotos(deps.ctx(request), request.params.id, request.body),
  );
}
