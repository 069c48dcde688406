// HTTP: the reports (weekly service report, monthly analysis, customers' monthly project reports) —
// list, read, PDF and Excel in Chinese or English, generate on demand — their recipients, and the
// customer contacts who receive the project reports. A customer user reads its own projects' reports.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZGenerateReport,
  ZReportFileQuery,
  ZReportRecipientList,
  ZReportRecipients,
  ZReportRun,
  ZReportRunList,
  ZReportRunsQuery,
  ZReportSubscriberList,
  ZReportSubscribers,
} from '../../../common/reports-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE } from '../../platform/xlsx-export.ts';
import * as service from './service.ts';

const tags = ['reports'];
const ZIdParams = z.strictObject({ id: ZId });

export function registerReportRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/reports',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary:
          'Generated reports, newest period first (a customer user: its own projects’ monthly service reports)',
        querystring: ZReportRunsQuery,
        response: { 200: ZReportRunList },
      },
    },
    async (request) => service.listRuns(deps.ctx(request), request.query),
  );
  app.post(
    '/api/v1/reports',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary:
          'Generate the report of a week (its Monday) or a month now (again, if it exists: its figures are replaced), and optionally email it to its recipients',
        body: ZGenerateReport,
        response: { 200: ZReportRun },
      },
    },
    async (request) => {
      const ctx = deps.ctx(request);
      const { email, ...input } = request.body;
      const { run } = await service.generateOnDemand(ctx, input, {
        trigger: 'manual',
        replace: true,
        email,
        blobs: deps.blobStore,
        reads: deps.reportsDb ?? ctx.db,
      });
      return run;
    },
  );
  app.get(
    '/api/v1/reports/:id',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'A report with its figures',
        params: ZIdParams,
        response: { 200: ZReportRun },
      },
    },
    async (request) => service.getRun(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/reports/:id/pdf',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'A report as a PDF on the letterhead (zh or en)',
        params: ZIdParams,
        querystring: ZReportFileQuery,
      },
    },
    async (request, reply) => {
      const f = await service.runFile(
        deps.ctx(request),
        deps.blobStore,
        request.params.id,
        'pdf',
        request.query.lang,
      );
      return reply
        .type(f.type)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${f.name}"`)
        .send(f.data);
    },
  );
  app.get(
    '/api/v1/reports/:id/xlsx',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        summary: 'A report as an Excel workbook (zh or en)',
        params: ZIdParams,
        querystring: ZReportFileQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      // The run is found (or a 404) before the download starts.
      const spec = await service.runWorkbook(ctx, request.params.id, request.query.lang);
      return sendXlsx(reply, ctx, spec, request.query.lang);
    },
  );
  app.get(
    '/api/v1/report-recipients',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: 'Who receives the weekly and monthly reports by email',
        response: { 200: ZReportRecipientList },
      },
    },
    async (request) => service.listRecipients(deps.ctx(request)),
  );
  app.put(
    '/api/v1/report-recipients',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary:
          'Replace the recipients: staff users (their email address) or email addresses; one without an email is a 422 naming it',
        body: ZReportRecipients,
        response: { 200: ZReportRecipientList },
      },
    },
    async (request) => service.setRecipients(deps.ctx(request), request.body),
  );
  app.get(
    '/api/v1/customers/:id/report-subscribers',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary: "The customer's contacts who receive its monthly project reports by email",
        params: ZIdParams,
        response: { 200: ZReportSubscriberList },
      },
    },
    async (request) => service.listSubscribers(deps.ctx(request), request.params.id),
  );
  app.put(
    '/api/v1/customers/:id/report-subscribers',
    {
      config: { permission: 'reports.manage' },
      schema: {
        tags,
        summary:
          "Replace the customer's contacts who receive its monthly project reports (none: the project's main contact does)",
        params: ZIdParams,
        body: ZReportSubscribers,
        response: { 200: ZReportSubscriberList },
      },
    },
    async (request) => service.setSubscribers(deps.ctx(request), request.params.id, request.body.contactIds),
  );
}
