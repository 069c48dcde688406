// HTTP: tickets and their conversation.
import { z } from 'zod';
import { pageOf, patchOf, ZId, ZVersion } from '../../../common/api.ts';
import { STAFF_ROLES } from '../../../common/roles.ts';
import { ZMilestoneRequest } from '../../../common/sla-api.ts';
import { TICKET_KINDS } from '../../../common/ticket-rules.ts';
import {
  ZCreateMessageRequest,
  ZCreateSavedFilterRequest,
  ZCreateTicketRequest,
  ZSavedFilter,
  ZTicket,
  ZTicketContext,
  ZTicketDetail,
  ZTicketListQuery,
  ZTicketTimelineEntry,
  ZUpdateTicketRequest,
} from '../../../common/tickets-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { registerCannedReplyRoutes } from './canned-routes.ts';
import * as conversation from './conversation.ts';
import { ticketTimeline } from './customer-view.ts';
import { ticketExport } from './exports.ts';
import * as links from './links.ts';
import * as routing from './routing.ts';
import * as filters from './saved-filters.ts';
import * as service from './service.ts';
import { ticketContext } from './ticket-context.ts';
import * as view from './ticket-view.ts';
import * as watchers from './watchers.ts';

const tags = ['tickets'];
const ZIdParams = z.object({ id: ZId });
const ZTicketExportQuery = ZTicketListQuery.omit({ cursor: true, limit: true })
  .extend({ lang: ZXlsxLang })
  .strict();

const ZRuleFields = {
  position: z.int().min(0).max(10_000),
  kind: z.enum(TICKET_KINDS).nullable(),
  faultCategory: z.string().trim().min(1).max(100).nullable(),
  productCategory: z.string().trim().min(1).max(100).nullable(),
  region: z.string().trim().min(1).max(100).nullable(),
  team: z.enum(STAFF_ROLES),
  assigneeId: ZId.nullable(),
  active: z.boolean(),
};
const ZRoutingRule = z.object({
  id: ZId,
  ...ZRuleFields,
  team: z.string(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function registerTicketRoutes(app: Api, deps: RouteDeps) {
  registerCannedReplyRoutes(app, deps);
  app.get(
    '/api/v1/routing-rules',
    {
      config: { permission: 'routing.manage' },
      schema: { tags, summary: 'Ticket routing rules, in order', response: { 200: z.array(ZRoutingRule) } },
    },
    async (request) => routing.listRoutingRules(deps.ctx(request)),
  );
  app.post(
    '/api/v1/routing-rules',
    {
      config: { permission: 'routing.manage' },
      schema: {
        tags,
        summary: 'Add a routing rule',
        body: z.strictObject(ZRuleFields),
        response: { 201: ZRoutingRule },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await routing.createRoutingRule(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/routing-rules/:id',
    {
      config: { permission: 'routing.manage' },
      schema: {
        tags,
        summary: 'Change a routing rule; needs the current version',
        params: ZIdParams,
        body: patchOf(ZRuleFields),
        response: { 200: ZRoutingRule },
      },
    },
    async (request) => routing.updateRoutingRule(deps.ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/routing-rules/:id',
    {
      config: { permission: 'routing.manage' },
      schema: { tags, summary: 'Remove a routing rule', params: ZIdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await routing.deleteRoutingRule(deps.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/inbound-emails',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Mail that needs a person: unknown senders (triage) and quarantined replies',
        querystring: z.object({
          status: z.enum(['triage', 'quarantined']).default('triage'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.array(
            z.object({
              id: ZId,
              fromAddress: z.string(),
              subject: z.string(),
              bodyText: z.string(),
              status: z.string(),
              reason: z.string().nullable(),
              ticketId: ZId.nullable(),
              receivedAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => view.listInboundEmails(deps.ctx(request), request.query.status, request.query.limit),
  );

  app.get(
    '/api/v1/tickets',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary:
          'Tickets by queue (mine, team, unassigned, waiting, open, breaching, breached, all), in the chosen order (sort, order; a keyset cursor per order); q searches the number, subject and description (Chinese words of two characters or more), the customer name and asset serials; an unknown parameter is a 400; customers see their own',
        querystring: ZTicketListQuery,
        response: { 200: pageOf(ZTicket) },
      },
    },
    async (request) => view.listTickets(deps.ctx(request), request.query, decodeCursor(request.query.cursor)),
  );
  app.get(
    '/api/v1/tickets/export',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary:
          "The ticket list as an Excel workbook: the list's filters (queue, kind, status, customerId, q, sort, order) and scope, every row (streamed); an unknown parameter is a 400",
        querystring: ZTicketExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const ctx = deps.ctx(request);
      return sendXlsx(reply, ctx, ticketExport(ctx, query), lang, deps.config.exportPageRows);
    },
  );
  app.post(
    '/api/v1/tickets/:id/links',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Link a related ticket',
        params: ZIdParams,
        body: z.strictObject({ linkedId: ZId }),
        response: { 200: ZTicketDetail },
      },
    },
    async (request) => links.linkTickets(deps.ctx(request), request.params.id, request.body.linkedId),
  );
  app.post(
    '/api/v1/tickets/:id/merge',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Merge this duplicate into another ticket of the same customer (closes it, links both)',
        params: ZIdParams,
        body: z.strictObject({ intoId: ZId, version: ZVersion }),
        response: { 200: ZTicketDetail },
      },
    },
    async (request) => links.mergeTicket(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tickets/:id/milestones',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary:
          'Record an SLA milestone (diagnosed, dispatched, arrived on site…) at the moment it happened',
        params: ZIdParams,
        body: ZMilestoneRequest,
        response: { 200: ZTicketDetail },
      },
    },
    async (request) => service.recordMilestone(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tickets/:id/split',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Split a part of the request into a new linked ticket',
        params: ZIdParams,
        body: z.strictObject({
          subject: z.string().trim().min(1).max(200),
          description: z.string().trim().min(1).max(20_000),
          kind: z.enum(TICKET_KINDS).optional(),
        }),
        response: { 201: ZTicketDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await links.splitTicket(deps.ctx(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/tickets/:id/timeline',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary:
          "A ticket's progress, oldest first: its steps and status changes (a customer gets only the steps it is told about)",
        params: ZIdParams,
        response: { 200: z.array(ZTicketTimelineEntry) },
      },
    },
    async (request) => ticketTimeline(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/tickets/:id/history',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Every change of a ticket: who, when, which fields from what to what',
        params: ZIdParams,
        response: {
          200: z.array(
            z.object({
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
            }),
          ),
        },
      },
    },
    async (request) => view.ticketHistory(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/tickets/:id/context',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary:
          "The ticket's customer, caller, project and equipment by name, and the customer's other open tickets",
        params: ZIdParams,
        response: { 200: ZTicketContext },
      },
    },
    async (request) => ticketContext(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/tickets/:id/watch',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Follow (watch: true) or stop following a ticket',
        params: ZIdParams,
        body: z.strictObject({ watch: z.boolean() }),
        response: { 200: ZTicketDetail },
      },
    },
    async (request) => watchers.toggleWatch(deps.ctx(request), request.params.id, request.body.watch),
  );
  app.get(
    '/api/v1/saved-filters',
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'My saved ticket filters', response: { 200: z.array(ZSavedFilter) } },
    },
    async (request) => filters.listSavedFilters(deps.ctx(request)),
  );
  app.post(
    '/api/v1/saved-filters',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary: 'Save (or replace) a named ticket filter',
        body: ZCreateSavedFilterRequest,
        response: { 200: ZSavedFilter },
      },
    },
    async (request) => filters.saveFilter(deps.ctx(request), request.body),
  );
  app.delete(
    '/api/v1/saved-filters/:id',
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'Delete a saved filter', params: ZIdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await filters.deleteSavedFilter(deps.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/tickets/bulk-assign',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Assign several tickets to one person',
        body: z.strictObject({ ticketIds: z.array(ZId).min(1).max(200), assigneeId: ZId }),
        response: {
          200: z.object({
            assigned: z.int(),
            results: z.array(z.object({ id: ZId, ok: z.boolean(), error: z.string().optional() })),
          }),
        },
      },
    },
    async (request) => service.bulkAssign(deps.ctx(request), request.body),
  );
  app.get(
    '/api/v1/tickets/:id',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary: 'A ticket with its conversation (internal notes for staff only)',
        params: ZIdParams,
        response: { 200: ZTicketDetail },
      },
    },
    async (request) => view.getTicket(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/tickets',
    {
      config: { permission: 'tickets.create' },
      schema: {
        tags,
        summary: 'Register a consultation, fault report, complaint, return or training request',
        body: ZCreateTicketRequest,
        response: { 201: ZTicket },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createTicket(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/tickets/:id',
    {
      config: { permission: 'tickets.manage' },
      schema: {
        tags,
        summary: 'Change status, assignee, priority…; needs the current version',
        params: ZIdParams,
        body: ZUpdateTicketRequest,
        response: { 200: ZTicketDetail },
      },
    },
    async (request) => service.updateTicket(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tickets/:id/messages',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary: 'Reply (public), note (internal, staff only) or, for a customer, write a message',
        params: ZIdParams,
        body: ZCreateMessageRequest,
        response: { 201: ZTicketDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await conversation.addMessage(deps.ctx(request), request.params.id, request.body)),
  );
}
