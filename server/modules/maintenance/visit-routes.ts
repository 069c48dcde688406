// HTTP: the maintenance visit on the phone — checklist and answers, rectification suggestions, the
// signed maintenance record and its review.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZRecord,
  ZRecordListQuery,
  ZReviewRecordRequest,
  ZSaveAnswersRequest,
  ZSignVisitRequest,
  ZSuggestion,
  ZUpdateSuggestionRequest,
  ZVisitChecklist,
} from '../../../common/maintenance-visit-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import * as records from './record.ts';
import * as checklist from './visit-checklist.ts';

const tags = ['maintenance'];
const ZIdParams = z.object({ id: ZId });
const ZLang = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export function registerVisitRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/maintenance/work-orders/:id/checklist',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary:
          "A maintenance work order's visit: every asset's checklist with its answers, suggestions, record",
        params: ZIdParams,
        response: { 200: ZVisitChecklist },
      },
    },
    async (request) => checklist.checklistOfWorkOrder(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/maintenance/visits/:id/checklist',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary: "A maintenance visit's checklists with their answers, suggestions and record",
        params: ZIdParams,
        response: { 200: ZVisitChecklist },
      },
    },
    async (request) => checklist.checklistOfVisit(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/maintenance/visits/:id/answers',
    {
      config: { permission: 'maintenance.work' },
      schema: {
        tags,
        summary:
          'Answers from the phone, with its time (offline replay: the later answer wins, a resend changes nothing); a failed check or a measurement out of range needs a note and a photo and becomes a rectification suggestion',
        params: ZIdParams,
        body: ZSaveAnswersRequest,
        response: { 200: ZVisitChecklist },
      },
    },
    async (request) => checklist.saveAnswers(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/maintenance/visits/:id/sign',
    {
      config: { permission: 'maintenance.sign' },
      schema: {
        tags,
        summary:
          'The customer signs the maintenance record (every required item answered, else 422 naming them): the work order is completed, the PDF stored, archived and emailed',
        params: ZIdParams,
        body: ZSignVisitRequest,
        response: { 200: ZRecord },
      },
    },
    async (request) => records.signVisit(deps.ctx(request), deps.blobStore, request.params.id, request.body),
  );

  app.get(
    '/api/v1/maintenance/suggestions',
    {
      config: { permission: 'maintenance.records' },
      schema: {
        tags,
        summary: 'Rectification suggestions (整改建议): a customer its own; staff by visit',
        querystring: z.object({ visitId: ZId.optional(), customerId: ZId.optional() }),
        response: { 200: z.array(ZSuggestion) },
      },
    },
    async (request) => checklist.listSuggestions(deps.ctx(request), request.query),
  );
  app.patch(
    '/api/v1/maintenance/suggestions/:id',
    {
      config: { permission: 'maintenance.work' },
      schema: {
        tags,
        summary: 'Change a suggestion: its text, due date, who does it; needs the current version',
        params: ZIdParams,
        body: ZUpdateSuggestionRequest,
        response: { 200: ZSuggestion },
      },
    },
    async (request) => checklist.updateSuggestion(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/maintenance/suggestions/:id/ticket',
    {
      config: { permission: 'maintenance.work' },
      schema: {
        tags,
        summary: 'The repair is needed now: a fault ticket on the asset, linked to the suggestion (once)',
        params: ZIdParams,
        response: { 200: ZSuggestion },
      },
    },
    async (request) => checklist.ticketFromSuggestion(deps.ctx(request), request.params.id),
  );

  app.get(
    '/api/v1/maintenance/records',
    {
      config: { permission: 'maintenance.records' },
      schema: {
        tags,
        summary:
          'Maintenance records (保养记录): a customer its signed ones; reviewers all (status=signed is the review queue); an engineer his own',
        querystring: ZRecordListQuery,
        response: { 200: z.array(ZRecord) },
      },
    },
    async (request) => records.listRecords(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/maintenance/records/:id',
    {
      config: { permission: 'maintenance.records' },
      schema: { tags, summary: 'A maintenance record', params: ZIdParams, response: { 200: ZRecord } },
    },
    async (request) => records.getRecord(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/maintenance/records/:id/pdf',
    {
      config: { permission: 'maintenance.records' },
      schema: { tags, summary: 'The maintenance record as a PDF', params: ZIdParams, querystring: ZLang },
    },
    async (request, reply) => {
      const r = await records.recordPdfOf(
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
  for (const decision of ['approve', 'return'] as const)
    app.post(
      `/api/v1/maintenance/records/:id/${decision}`,
      {
        config: { permission: 'maintenance.review' },
        schema: {
          tags,
          summary:
            decision === 'approve'
              ? 'The service centre approves a signed maintenance record'
              : 'The service centre returns a signed record to the engineer with the reason',
          params: ZIdParams,
          body: ZReviewRecordRequest,
          response: { 200: ZRecord },
        },
      },
      async (request) => records.reviewRecord(deps.ctx(request), request.params.id, decision, request.body),
    );
}
