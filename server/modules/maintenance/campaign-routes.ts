// HTTP: special inspections from a ticket, campaigns and their board, the customer's upcoming visits
// and date requests with the dispatcher's decision, and the visit reminders.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZCampaign,
  ZCampaignDetail,
  ZCampaignPreview,
  ZCampaignPreviewRequest,
  ZCampaignVisitQuery,
  ZCreateCampaignRequest,
  ZCreateDateRequest,
  ZCreateSpecialInspectionRequest,
  ZDateRequest,
  ZDateRequestQuery,
  ZDecideDateRequest,
  ZReminderResult,
  ZUpcomingVisit,
  ZVisitWorkOrder,
} from '../../../common/maintenance-visits-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import * as campaigns from './campaigns.ts';
import * as dates from './date-requests.ts';
import { sendVisitReminders } from './reminders.ts';
import * as special from './special-inspections.ts';

const tags = ['maintenance'];
const ZIdParams = z.object({ id: ZId });

export function registerCampaignRoutes(app: Api, deps: RouteDeps) {
  app.post(
    '/api/v1/maintenance/special-inspections',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary:
          "特殊巡查: a special inspection from a ticket — an inspection work order for the ticket's project and equipment, linked to the ticket",
        body: ZCreateSpecialInspectionRequest,
        response: { 201: ZVisitWorkOrder },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await special.createSpecialInspection(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/tickets/:id/special-inspections',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'The special inspections started from a ticket',
        params: ZIdParams,
        response: { 200: z.array(ZVisitWorkOrder) },
      },
    },
    async (request) => special.specialInspectionsOf(deps.ctx(request), request.params.id),
  );

  app.post(
    '/api/v1/maintenance/campaigns/preview',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary: 'How many sites and pieces of equipment a campaign filter selects (nothing is written)',
        body: ZCampaignPreviewRequest,
        response: { 200: ZCampaignPreview },
      },
    },
    async (request) => campaigns.previewCampaign(deps.ctx(request), request.body.selection),
  );
  app.post(
    '/api/v1/maintenance/campaigns',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          'Create a campaign (before a holiday, a major event, after a storm): one inspection visit per selected site, due by the deadline, in one transaction; send an Idempotency-Key to retry safely',
        body: ZCreateCampaignRequest,
        response: { 201: ZCampaignDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await campaigns.createCampaign(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/maintenance/campaigns',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: 'The campaign board: each campaign with its visits planned, done, with findings and overdue',
        response: { 200: z.array(ZCampaign) },
      },
    },
    async (request) => campaigns.listCampaigns(deps.ctx(request)),
  );
  app.get(
    '/api/v1/maintenance/campaigns/:id',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: "A campaign with each site's visit and work order (the board's drill-down)",
        params: ZIdParams,
        querystring: ZCampaignVisitQuery,
        response: { 200: ZCampaignDetail },
      },
    },
    async (request) => campaigns.getCampaign(deps.ctx(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/maintenance/upcoming-visits',
    {
      config: { permission: 'maintenance.visits' },
      schema: {
        tags,
        summary:
          "The customer's upcoming maintenance and inspection visits (its own organisation's only), with any date request",
        response: { 200: z.array(ZUpcomingVisit) },
      },
    },
    async (request) => dates.upcomingVisits(deps.ctx(request)),
  );
  app.post(
    '/api/v1/maintenance/date-requests',
    {
      config: { permission: 'maintenance.visits' },
      schema: {
        tags,
        summary:
          'Ask for another date for an upcoming visit, with a reason (not for a visit already dispatched or done)',
        body: ZCreateDateRequest.extend({ visitId: ZId }),
        response: { 201: ZDateRequest },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await dates.createDateRequest(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/maintenance/date-requests',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: "Customers' date requests for visits, latest first",
        querystring: ZDateRequestQuery,
        response: { 200: z.array(ZDateRequest) },
      },
    },
    async (request) => dates.listDateRequests(deps.ctx(request), request.query),
  );
  app.post(
    '/api/v1/maintenance/date-requests/:id/decision',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary:
          'Confirm (the visit and its work order move, while not dispatched) or decline with a reason; the customer is told',
        params: ZIdParams,
        body: ZDecideDateRequest,
        response: { 200: ZDateRequest },
      },
    },
    async (request) => dates.decideDateRequest(deps.ctx(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/maintenance/reminders/run',
    {
      config: { permission: 'maintenance.manage' },
      schema: {
        tags,
        summary:
          'Send now the reminders the daily job sends: visits due within reminderDays, each contact told once',
        response: { 200: ZReminderResult },
      },
    },
    async (request) => sendVisitReminders(deps.ctx(request)),
  );
}
