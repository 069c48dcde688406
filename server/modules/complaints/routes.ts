// HTTP: complaints (投诉) — settings, queue, acceptance, the workflow steps, the summary — and
// improvement suggestions (改进建议).
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import {
  type TComplaint,
  ZCloseRequest,
  ZComplaint,
  ZComplaintListItem,
  ZComplaintListQuery,
  ZComplaintSettings,
  ZComplaintSummary,
  ZComplaintSummaryQuery,
  ZCreateComplaintRequest,
  ZFeedbackRequest,
  ZFindingsRequest,
  ZHandleRequest,
  ZInvestigateRequest,
  ZProgressRequest,
  ZUpdateComplaintSettingsRequest,
  ZVersionOnly,
} from '../../../common/complaints-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { sweepComplaintDeadlines } from './deadlines.ts';
import * as service from './service.ts';
import { registerSuggestionRoutes } from './suggestion-routes.ts';
import { complaintSummary, summaryExport, summaryPdf } from './summary.ts';

const tags = ['complaints'];
const ZIdParams = z.object({ id: ZId });
const ZLang = z.enum(['zh-CN', 'en']).default('zh-CN');

export function registerComplaintRoutes(app: Api, deps: RouteDeps) {
  registerSuggestionRoutes(app, deps);
  app.get(
    '/api/v1/complaints/settings',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags,
        summary: 'Complaint deadlines (hours) and the warning lead',
        response: { 200: ZComplaintSettings },
      },
    },
    async (request) => service.settingsOf(deps.ctx(request).db),
  );
  app.put(
    '/api/v1/complaints/settings',
    {
      config: { permission: 'complaints.settings' },
      schema: {
        tags,
        summary:
          'Change the complaint deadlines (audited); needs the current version (0 before the first change)',
        body: ZUpdateComplaintSettingsRequest,
        response: { 200: ZComplaintSettings },
      },
    },
    async (request) => service.updateSettings(deps.ctx(request), request.body),
  );
  app.get(
    '/api/v1/complaints',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags,
        summary: 'The complaint queue (newest first); a customer sees its own organisation’s',
        querystring: ZComplaintListQuery,
        response: { 200: pageOf(ZComplaintListItem) },
      },
    },
    async (request) => {
      const { open, ...q } = request.query;
      return service.listComplaints(deps.ctx(request), {
        ...q,
        open: open === undefined ? undefined : open === 'true',
      });
    },
  );
  app.post(
    '/api/v1/complaints',
    {
      config: { permission: 'complaints.file' },
      schema: {
        tags,
        summary:
          'Accept a complaint: numbered, deadlines set, the apology and the expected answer time emailed',
        body: ZCreateComplaintRequest,
        response: { 201: ZComplaint },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createComplaint(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/complaints/summary',
    {
      config: { permission: 'complaints.summary' },
      schema: {
        tags,
        summary: 'The complaint summary (投诉总结) of the months from … to',
        querystring: ZComplaintSummaryQuery,
        response: { 200: ZComplaintSummary },
      },
    },
    async (request) => complaintSummary(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/complaints/summary/export',
    {
      config: { permission: 'complaints.summary' },
      schema: {
        tags,
        summary: 'The complaint summary as an Excel workbook',
        querystring: ZComplaintSummaryQuery.extend({ lang: ZXlsxLang }),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { lang, ...q } = request.query;
      return sendXlsx(reply, ctx, summaryExport(ctx, q, lang), lang, deps.config.exportPageRows);
    },
  );
  app.get(
    '/api/v1/complaints/summary/pdf',
    {
      config: { permission: 'complaints.summary' },
      schema: {
        tags,
        summary: 'The complaint summary as a PDF',
        querystring: ZComplaintSummaryQuery.extend({ lang: ZLang }),
      },
    },
    async (request, reply) => {
      const { lang, ...q } = request.query;
      const pdf = await summaryPdf(deps.ctx(request), deps.blobStore, q, lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="complaint-summary-${q.from}-${q.to}.pdf"`)
        .send(pdf);
    },
  );
  app.post(
    '/api/v1/complaints/deadlines/sweep',
    {
      config: { permission: 'complaints.settings' },
      schema: {
        tags,
        summary:
          'Fire the complaint deadline warnings and breaches now (the job does it every 5 minutes); each once',
        response: { 200: z.object({ warnings: z.int(), breaches: z.int() }) },
      },
    },
    async (request) => sweepComplaintDeadlines(deps.ctx(request)),
  );
  app.get(
    '/api/v1/complaints/:id',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags,
        summary: 'A complaint with its timeline, plan and deadlines',
        params: ZIdParams,
        response: { 200: ZComplaint },
      },
    },
    async (request) => service.getComplaint(deps.ctx(request), request.params.id),
  );

  const step = <B extends z.ZodType>(
    path: string,
    permission: 'complaints.manage' | 'complaints.file',
    summary: string,
    body: B,
    run: (ctx: ReturnType<RouteDeps['ctx']>, id: string, body: z.infer<B>) => Promise<TComplaint>,
  ) =>
    app.post(
      `/api/v1/complaints/:id/${path}`,
      {
        config: { permission },
        schema: { tags, summary, params: ZIdParams, body, response: { 200: ZComplaint } },
      },
      async (request) =>
        run(deps.ctx(request), (request.params as { id: string }).id, request.body as z.infer<B>),
    );
  step(
    'investigate',
    'complaints.manage',
    'Start (or hand over) the investigation: responsible person and department',
    ZInvestigateRequest,
    service.investigate,
  );
  step(
    'findings',
    'complaints.manage',
    'Record facts, root cause, solution, whether upheld, defect times',
    ZFindingsRequest,
    service.recordFindings,
  );
  step(
    'handle',
    'complaints.manage',
    'Handled at once, or a plan with milestones (emailed to the complainant)',
    ZHandleRequest,
    service.handle,
  );
  step(
    'progress',
    'complaints.manage',
    'A progress update on the plan (emailed), optionally a milestone done',
    ZProgressRequest,
    service.recordProgress,
  );
  step(
    'ask-feedback',
    'complaints.manage',
    'Ask the complainant whether they are satisfied (emailed; answerable in the portal)',
    ZVersionOnly,
    service.askFeedback,
  );
  step(
    'feedback',
    'complaints.file',
    'The complainant’s answer: satisfied, or not (the complaint reopens)',
    ZFeedbackRequest,
    service.recordFeedback,
  );
  step(
    'close',
    'complaints.manage',
    'Close: once satisfied; otherwise a manager with a reason',
    ZCloseRequest,
    service.closeComplaint,
  );
}
