// HTTP: the follow-up (回访) rules' settings, the call list, assignment, outcomes and the customer
// told, the job run on demand, and the report on screen, as a PDF and as a workbook.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZAssignFollowUpsRequest,
  ZCallListQuery,
  ZCreateDueResult,
  ZCustomerToldRequest,
  ZFollowUp,
  ZFollowUpReport,
  ZFollowUpSettings,
  ZOpenFollowUpQuery,
  ZPortalFollowUp,
  ZRecordOutcomeRequest,
  ZReportFileQuery,
  ZReportQuery,
  ZUpdateFollowUpSettingsRequest,
} from '../../../common/followups-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import * as calls from './call-list.ts';
import { createDueFollowUps } from './generate.ts';
import * as outcome from './outcome.ts';
import * as portal from './portal.ts';
import * as report from './report.ts';
import * as settings from './settings.ts';

const tags = ['followups'];
const ZIdParams = z.object({ id: ZId });

export function registerFollowUpRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/portal/follow-ups',
    {
      config: { permission: 'followups.own' },
      schema: {
        tags,
        summary:
          "The customer's own organisation's follow-ups (回访), latest first: scheduled and done, what was found and done",
        response: { 200: z.array(ZPortalFollowUp) },
      },
    },
    async (request) => portal.listPortalFollowUps(deps.ctx(request)),
  );
  app.get(
    '/api/v1/portal/follow-ups/:id',
    {
      config: { permission: 'followups.own' },
      schema: {
        tags,
        summary: "One of the organisation's follow-ups (another organisation's: 404)",
        params: ZIdParams,
        response: { 200: ZPortalFollowUp },
      },
    },
    async (request) => portal.getPortalFollowUp(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/followups/settings',
    {
      config: { permission: 'followups.work' },
      schema: {
        tags,
        summary:
          'The follow-up rules (each with its channel, interval or delay, questions), retries and warnings',
        response: { 200: ZFollowUpSettings },
      },
    },
    async (request) => settings.settingsOf(deps.ctx(request).db),
  );
  app.put(
    '/api/v1/followups/settings',
    {
      config: { permission: 'followups.manage' },
      schema: {
        tags,
        summary:
          'Change the follow-up settings (audited); needs the current version (0 before the first change)',
        body: ZUpdateFollowUpSettingsRequest,
        response: { 200: ZFollowUpSettings },
      },
    },
    async (request) => settings.updateSettings(deps.ctx(request), request.body),
  );
  app.get(
    '/api/v1/followups/call-list',
    {
      config: { permission: 'followups.work' },
      schema: {
        tags,
        summary:
          "回访清单: an agent's follow-ups of a day, overdue ones included (managers: any agent's, or the unassigned)",
        querystring: ZCallListQuery,
        response: { 200: z.array(ZFollowUp) },
      },
    },
    async (request) => calls.callList(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/follow-ups',
    {
      config: { permission: 'followups.work' },
      schema: {
        tags,
        summary: 'Open follow-ups, earliest due first (200 at most)',
        querystring: ZOpenFollowUpQuery,
        response: { 200: z.array(ZFollowUp) },
      },
    },
    async (request) => calls.openFollowUps(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/follow-ups/export',
    {
      config: { permission: 'followups.work' },
      schema: {
        tags,
        summary: 'The open follow-ups as an Excel workbook, earliest due first (every row)',
        querystring: z.strictObject({ lang: ZXlsxLang }),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      return sendXlsx(
        reply,
        ctx,
        report.openFollowUpExport(ctx),
        request.query.lang,
        deps.config.exportPageRows,
      );
    },
  );
  app.get(
    '/api/v1/followups/:id',
    {
      config: { permission: 'followups.work' },
      schema: {
        tags,
        summary: 'One follow-up (an agent: of his own list)',
        params: ZIdParams,
        response: { 200: ZFollowUp },
      },
    },
    async (request) => calls.getFollowUp(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/followups/assign',
    {
      config: { permission: 'followups.manage' },
      schema: {
        tags,
        summary: "Put follow-ups on an agent's call list (agentId null: take them off); audited",
        body: ZAssignFollowUpsRequest,
        response: { 200: z.object({ assigned: z.int() }) },
      },
    },
    async (request) => calls.assignFollowUps(deps.ctx(request), request.body),
  );
  app.post(
    '/api/v1/followups/:id/outcome',
    {
      config: { permission: 'followups.work' },
      schema: {
        tags,
        summary:
          'Record a call: not reached (the next try, then the questions by email) or reached with answers, ' +
          'satisfaction 1–5, problems (usage: guidance or a consultation ticket; quality/service: a ticket) and ' +
          'suggestions. Send an Idempotency-Key: a retry replays the first answer',
        params: ZIdParams,
        body: ZRecordOutcomeRequest,
        response: { 200: ZFollowUp },
      },
    },
    async (request) => outcome.recordOutcome(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/followups/:id/customer-told',
    {
      config: { permission: 'followups.work' },
      schema: {
        tags,
        summary: 'The customer has been told the outcome of the problems passed on: the follow-up closes',
        params: ZIdParams,
        body: ZCustomerToldRequest,
        response: { 200: ZFollowUp },
      },
    },
    async (request) => outcome.customerTold(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/followups/create-due',
    {
      config: { permission: 'followups.manage', idempotency: 'lease' },
      schema: {
        tags,
        summary: 'Run the rules now (the hourly job does it too): every follow-up due is created once',
        response: { 200: ZCreateDueResult },
      },
    },
    async (request) => createDueFollowUps(deps.ctx(request)),
  );
  app.get(
    '/api/v1/followups/report',
    {
      config: { permission: 'followups.report' },
      schema: {
        tags,
        summary: '回访报告: the follow-ups due in the period — reached, satisfaction, problems, actions',
        querystring: ZReportQuery,
        response: { 200: ZFollowUpReport },
      },
    },
    async (request) => report.followUpReport(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/followups/report.pdf',
    {
      config: { permission: 'followups.report' },
      schema: { tags, summary: 'The follow-up report as a PDF (zh or en)', querystring: ZReportFileQuery },
    },
    async (request, reply) => {
      const pdf = await report.followUpReportPdf(deps.ctx(request), deps.blobStore, request.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="follow-up-report-${request.query.from}.pdf"`)
        .send(pdf);
    },
  );
  app.get(
    '/api/v1/followups/report.xlsx',
    {
      config: { permission: 'followups.report' },
      schema: {
        tags,
        summary: 'Every follow-up of the period with its outcome, as an Excel workbook (streamed)',
        querystring: ZReportFileQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      return sendXlsx(
        reply,
        ctx,
        report.followUpReportExport(ctx, request.query),
        request.query.lang,
        deps.config.exportPageRows,
      );
    },
  );
}
