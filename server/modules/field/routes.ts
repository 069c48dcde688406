// HTTP: work orders, dispatch, and the engineer's visit.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZCharges,
  ZChargesQuery,
  ZCreateWorkOrderRequest,
  ZCustomerReport,
  ZDispatchRequest,
  ZDispatchResponse,
  ZEngineer,
  ZEngineerProfile,
  ZEngineerSuggestion,
  ZFieldSettings,
  ZListWorkOrdersQuery,
  ZRecordStageRequest,
  ZReportQuery,
  ZSaveProfileRequest,
  ZSetPhotosRequest,
  ZThirdPartyDeduction,
  ZThirdPartyDeductionRequest,
  ZUpdateFieldSettingsRequest,
  ZWorkOrderDetail,
  ZWorkOrderListItem,
} from '../../../common/field-api.ts';
import type { TPermission } from '../../../common/roles.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { forbidden } from '../../platform/errors.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import * as billing from './billing.ts';
import * as engineers from './engineers.ts';
import { workOrderExport } from './exports.ts';
import * as reports from './report-service.ts';
import * as service from './service.ts';
import * as settings from './settings.ts';
import * as visit from './visit.ts';

const tags = ['field'];
const ZIdParams = z.object({ id: ZId });
const WORK_ORDER_READERS: TPermission[] = ['workorders.read_all', 'workorders.work'];
const ZWorkOrderExportQuery = ZListWorkOrdersQuery.omit({ limit: true }).extend({ lang: ZXlsxLang }).strict();

export function registerFieldRoutes(app: Api, deps: RouteDeps) {
  app.post(
    '/api/v1/tickets/:id/work-orders',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: 'Create a work order from a ticket (several per ticket allowed)',
        params: ZIdParams,
        body: ZCreateWorkOrderRequest,
        response: { 201: ZWorkOrderDetail },
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
        querystring: ZListWorkOrdersQuery,
        response: { 200: z.array(ZWorkOrderListItem) },
      },
    },
    async (request) => {
      const ctx = deps.ctx(request);
      if (!WORK_ORDER_READERS.some((p) => ctx.principal.permissions.has(p))) return [];
      return service.listWorkOrders(ctx, request.query);
    },
  );
  app.get(
    '/api/v1/work-orders/export',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary:
          "Work orders as an Excel workbook: the list's queue and ticketId and its scope (an engineer his own open work), every row, newest number first; an unknown parameter is a 400",
        querystring: ZWorkOrderExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      if (!WORK_ORDER_READERS.some((p) => ctx.principal.permissions.has(p))) throw forbidden();
      const { lang, ...query } = request.query;
      return sendXlsx(reply, ctx, workOrderExport(ctx, query), lang, deps.config.exportPageRows);
    },
  );
  app.get(
    '/api/v1/work-orders/engineers',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: 'Field engineers: profile (skills, region, hours, leave), van and open work orders',
        response: { 200: z.array(ZEngineer) },
      },
    },
    async (request) => engineers.listEngineers(deps.ctx(request)),
  );
  app.get(
    '/api/v1/work-orders/:id',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'A work order with its visit',
        params: ZIdParams,
        response: { 200: ZWorkOrderDetail },
      },
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
        summary:
          'Dispatch: assign or reassign the engineer and the time; needs the current version. ' +
          "A time after the ticket's on-site deadline is saved with a warning (after_on_site_deadline)",
        params: ZIdParams,
        body: ZDispatchRequest,
        response: { 200: ZDispatchResponse },
      },
    },
    async (request) => service.dispatch(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/work-orders/:id/events',
    {
      // Completion queues the report job, which must find the committed work order.
      config: { permission: 'workorders.work', idempotency: 'lease' },
      schema: {
        tags,
        summary: "Record a stage of the visit at the phone's time (idempotent by clientEventId)",
        params: ZIdParams,
        body: ZRecordStageRequest,
        response: { 200: ZWorkOrderDetail },
      },
    },
    async (request) => visit.recordStage(deps.ctx(request), deps, request.params.id, request.body),
  );
  app.get(
    '/api/v1/work-orders/:id/report.pdf',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'The repair report (PDF); the customer gets those of its completed work',
        params: ZIdParams,
        querystring: ZReportQuery,
      },
    },
    async (request, reply) => {
      const r = await reports.reportOf(
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
        response: { 200: z.array(ZCustomerReport) },
      },
    },
    async (request) => reports.customerReports(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/work-orders/:id/charges',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary:
          'The charge sheet: what the warranty does not cover, priced from the contract fee schedule ' +
          '(travel: the km entered × the rate per km of the field settings). ' +
          'Before completion, timeSpentMinutes and travelKm preview it with what the engineer enters',
        params: ZIdParams,
        querystring: ZChargesQuery,
        response: { 200: ZCharges },
      },
    },
    async (request) => billing.chargesOf(deps.ctx(request), request.params.id, request.query),
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
        body: ZThirdPartyDeductionRequest,
        response: { 200: ZThirdPartyDeduction },
      },
    },
    async (request) => billing.thirdPartyDeduction(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/field/settings',
    {
      config: { permission: 'workorders.read_all' },
      schema: {
        tags,
        summary: 'Field settings: the travel rates per km',
        response: { 200: ZFieldSettings },
      },
    },
    async (request) => settings.getFieldSettings(deps.ctx(request)),
  );
  app.put(
    '/api/v1/field/settings',
    {
      config: { permission: 'sla.manage' },
      schema: {
        tags,
        summary:
          'Change the field settings named (audited); needs the current version (0 before the first change)',
        body: ZUpdateFieldSettingsRequest,
        response: { 200: ZFieldSettings },
      },
    },
    async (request) => settings.updateFieldSettings(deps.ctx(request), request.body),
  );
  app.put(
    '/api/v1/engineers/:id/profile',
    {
      config: { permission: 'workorders.dispatch' },
      schema: {
        tags,
        summary: "Set a field engineer's skills, home region and position, working days and hours, leave",
        params: ZIdParams,
        body: ZSaveProfileRequest,
        response: { 200: ZEngineerProfile },
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
        response: { 200: z.array(ZEngineerSuggestion) },
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
        body: ZSetPhotosRequest,
        response: { 200: ZWorkOrderDetail },
      },
    },
    async (request) => service.setPhotos(deps.ctx(request), request.params.id, request.body),
  );
}
