// HTTP: quality (质量, issue 19) — the detector's settings and a run on demand, the alerts, the quality
// cases (open, analyse and decide, close, PDF) and the field feedback forms.
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import { ZVisitWorkOrder } from '../../../common/maintenance-visits-api.ts';
import {
  ZAlertInspections,
  ZAlertListQuery,
  ZCaseListQuery,
  ZCloseCaseRequest,
  ZCreateCaseRequest,
  ZDetectionResult,
  ZFeedbackForm,
  ZFeedbackListQuery,
  ZQualityAlert,
  ZQualityCase,
  ZQualityCaseDetail,
  ZQualitySettings,
  ZStartAlertInspectionsRequest,
  ZSubmitFeedbackRequest,
  ZUpdateCaseRequest,
  ZUpdateQualitySettingsRequest,
} from '../../../common/quality-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { getAlert, inspectionsOfAlert, listAlerts, startAlertInspections } from './alerts.ts';
import { casePdf } from './case-pdf.ts';
import { registerQualityDashboardRoutes } from './dashboard-routes.ts';
import { runDetection } from './detector.ts';
import { feedbackOfWorkOrder, listFeedback, submitFeedback } from './feedback.ts';
import * as service from './service.ts';

const tags = ['quality'];
const ZIdParams = z.object({ id: ZId });
const ZLang = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export function registerQualityRoutes(app: Api, deps: RouteDeps) {
  registerQualityDashboardRoutes(app, deps);
  app.get(
    '/api/v1/quality/settings',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'Early-warning settings (level, minimum count, consecutive periods, history)',
        response: { 200: ZQualitySettings },
      },
    },
    async (request) => service.getSettings(deps.ctx(request)),
  );
  app.put(
    '/api/v1/quality/settings',
    {
      config: { permission: 'quality.settings' },
      schema: {
        tags,
        summary:
          'Change the early-warning settings (audited); out-of-range values are a 400 naming the field',
        body: ZUpdateQualitySettingsRequest,
        response: { 200: ZQualitySettings },
      },
    },
    async (request) => service.updateSettings(deps.ctx(request), request.body),
  );
  app.post(
    '/api/v1/quality/detect',
    {
      config: { permission: 'quality.manage' },
      schema: {
        tags,
        summary: 'Run the early warning now (the daily job does it every morning)',
        response: { 200: ZDetectionResult },
      },
    },
    async (request) => runDetection(deps.ctx(request)),
  );
  app.get(
    '/api/v1/quality/alerts',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'Early-warning alerts, newest first',
        querystring: ZAlertListQuery,
        response: { 200: pageOf(ZQualityAlert) },
      },
    },
    async (request) => listAlerts(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/quality/alerts/:id',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'An alert with its evidence',
        params: ZIdParams,
        response: { 200: ZQualityAlert },
      },
    },
    async (request) => getAlert(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/quality/alerts/:id/inspections',
    {
      config: { permission: 'quality.manage' },
      schema: {
        tags,
        summary:
          "特殊巡查 from an alert: one inspection visit per site for the equipment of the alert's evidence, due by dueOn (default: today + the maintenance settings' specialInspectionDays). While the alert's inspections are open they come back (200) instead of new ones (201)",
        params: ZIdParams,
        body: ZStartAlertInspectionsRequest,
        response: { 200: ZAlertInspections, 201: ZAlertInspections },
      },
    },
    async (request, reply) => {
      const result = await startAlertInspections(deps.ctx(request), request.params.id, request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
  app.get(
    '/api/v1/quality/alerts/:id/inspections',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'The special inspections started from an alert, with their work orders’ state',
        params: ZIdParams,
        response: { 200: z.array(ZVisitWorkOrder) },
      },
    },
    async (request) => inspectionsOfAlert(deps.ctx(request), request.params.id),
  );

  app.get(
    '/api/v1/quality/cases',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'Quality cases, newest first',
        querystring: ZCaseListQuery,
        response: { 200: pageOf(ZQualityCase) },
      },
    },
    async (request) => service.listCases(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/quality/cases/:id',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'A quality case with its timeline',
        params: ZIdParams,
        response: { 200: ZQualityCaseDetail },
      },
    },
    async (request) => service.getCase(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/quality/cases/:id/pdf',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'The quality case (产品质量处理单) as a PDF',
        params: ZIdParams,
        querystring: ZLang,
      },
    },
    async (request, reply) => {
      const r = await casePdf(deps.ctx(request), deps.blobStore, request.params.id, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${r.number}.pdf"`)
        .send(r.pdf);
    },
  );
  app.post(
    '/api/v1/quality/cases',
    {
      config: { permission: 'quality.manage' },
      schema: {
        tags,
        summary:
          'Open a quality case from a ticket, work order, return, complaint, alert or feedback form (a missing source is a 422 on sourceId)',
        body: ZCreateCaseRequest,
        response: { 201: ZQualityCaseDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createCase(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/quality/cases/:id',
    {
      config: { permission: 'quality.manage' },
      schema: {
        tags,
        summary:
          'Record the analysis, the decision (technical → improvement request, service → training need) and the actions; needs the version read',
        params: ZIdParams,
        body: ZUpdateCaseRequest,
        response: { 200: ZQualityCaseDetail },
      },
    },
    async (request) => service.updateCase(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/quality/cases/:id/close',
    {
      config: { permission: 'quality.manage' },
      schema: {
        tags,
        summary:
          'Close the case with its cause and action (every action done); the same problem later reopens it',
        params: ZIdParams,
        body: ZCloseCaseRequest,
        response: { 200: ZQualityCaseDetail },
      },
    },
    async (request) => service.closeCase(deps.ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/quality/feedback',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags,
        summary: 'Field feedback forms, newest first',
        querystring: ZFeedbackListQuery,
        response: { 200: pageOf(ZFeedbackForm) },
      },
    },
    async (request) => listFeedback(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/work-orders/:id/feedback',
    {
      config: { permission: 'quality.feedback' },
      schema: {
        tags,
        summary: "The work order's field feedback form (404 until filled)",
        params: ZIdParams,
        response: { 200: ZFeedbackForm },
      },
    },
    async (request) => feedbackOfWorkOrder(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/work-orders/:id/feedback',
    {
      config: { permission: 'quality.feedback' },
      schema: {
        tags,
        summary:
          'The engineer fills the field feedback form (售后信息反馈意见表) of a completed work order, once',
        params: ZIdParams,
        body: ZSubmitFeedbackRequest,
        response: { 201: ZFeedbackForm },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submitFeedback(deps.ctx(request), request.params.id, request.body)),
  );
}
