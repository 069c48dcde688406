// HTTP: survey settings, the report and its answers (staff); the signed public link (no login); the
// portal's surveys to answer (customer users).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZPublicSurvey,
  ZSurveyAnswerPage,
  ZSurveyAnswerRequest,
  ZSurveyAnswersQuery,
  ZSurveyInviteResult,
  ZSurveyKind,
  ZSurveyReport,
  ZSurveyReportQuery,
  ZSurveySettings,
  ZUpdateSurveySettingsRequest,
} from '../../../common/surveys-api.ts';
import { type Ctx, systemCtx } from '../../platform/context.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import * as answers from './answers.ts';
import { inviteSurveys } from './invite.ts';
import { surveyLinkConfig } from './link-token.ts';
import { answersExport, listAnswers, satisfactionReport } from './report.ts';
import { listSettings, updateSettings } from './settings.ts';

const tags = ['surveys'];
const ZToken = z.object({ token: z.string().min(1).max(200) });

export function registerSurveyRoutes(app: Api, deps: RouteDeps) {
  const link = surveyLinkConfig(deps.config);
  // The link's caller has no login: the request acts as the survey link itself.
  const linkCtx = (request: FastifyRequest): Ctx => ({
    ...systemCtx({ db: deps.db, clock: deps.clock, timeZone: deps.config.defaultTimeZone }, 'survey-link'),
    ip: request.ip,
    requestId: String(request.id),
  });

  app.get(
    '/api/v1/surveys/settings',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags,
        summary: 'Survey settings per kind: enabled, sampling, quiet period, link expiry, target rate',
        response: { 200: z.array(ZSurveySettings) },
      },
    },
    async (request) => listSettings(deps.ctx(request)),
  );
  app.put(
    '/api/v1/surveys/settings/:kind',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags,
        summary:
          "Change one kind's survey settings (audited); needs the current version (0 before the first change)",
        params: z.object({ kind: ZSurveyKind }),
        body: ZUpdateSurveySettingsRequest,
        response: { 200: ZSurveySettings },
      },
    },
    async (request) => updateSettings(deps.ctx(request), request.params.kind, request.body),
  );
  app.post(
    '/api/v1/surveys/invite',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags,
        summary: 'Run the survey poller now (the job runs every 5 minutes): invitations for what is new',
        response: { 200: ZSurveyInviteResult },
      },
    },
    async (request) => inviteSurveys(deps.ctx(request), link),
  );
  app.get(
    '/api/v1/surveys/report',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags,
        summary:
          'Satisfaction rate (answers with every rating 4–5 / all answers) per month, team, engineer, customer or product',
        querystring: ZSurveyReportQuery,
        response: { 200: ZSurveyReport },
      },
    },
    async (request) => satisfactionReport(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/surveys/answers',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags,
        summary: "The answers behind a figure of the report (the report's period, `by` and the row's `key`)",
        querystring: ZSurveyAnswersQuery,
        response: { 200: ZSurveyAnswerPage },
      },
    },
    async (request) => listAnswers(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/surveys/answers/export',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags,
        summary: 'The answers behind a figure as an Excel workbook (streamed, every row)',
        querystring: ZSurveyAnswersQuery.omit({ cursor: true, limit: true }).extend({ lang: ZXlsxLang }),
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const { lang, ...query } = request.query;
      return sendXlsx(reply, ctx, answersExport(ctx, query), lang, deps.config.exportPageRows);
    },
  );

  app.get(
    '/api/v1/public/surveys/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'A survey by its signed link (no login): open, answered or expired; 403 for an altered signature, 404 for an unknown link',
        params: ZToken,
        response: { 200: ZPublicSurvey },
      },
    },
    async (request) => answers.surveyByLink(linkCtx(request), link, request.params.token),
  );
  app.post(
    '/api/v1/public/surveys/:token/answer',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Answer a survey by its signed link, once: 409 when already answered, 410 when expired; an unsatisfied answer opens a service-recovery ticket',
        params: ZToken,
        body: ZSurveyAnswerRequest,
        response: { 200: ZPublicSurvey },
      },
    },
    async (request) => answers.answerByLink(linkCtx(request), link, request.params.token, request.body),
  );

  app.get(
    '/api/v1/portal/surveys',
    {
      config: { permission: 'surveys.answer' },
      schema: {
        tags,
        summary: "The organisation's surveys to answer (open, not expired) and its recent answers",
        response: { 200: z.array(ZPublicSurvey) },
      },
    },
    async (request) => answers.listPortalSurveys(deps.ctx(request)),
  );
  app.post(
    '/api/v1/portal/surveys/:id/answer',
    {
      config: { permission: 'surveys.answer' },
      schema: {
        tags,
        summary: "Answer one of the organisation's surveys in the portal, once",
        params: z.object({ id: ZId }),
        body: ZSurveyAnswerRequest,
        response: { 200: ZPublicSurvey },
      },
    },
    async (request) => answers.answerInPortal(deps.ctx(request), request.params.id, request.body),
  );
}
