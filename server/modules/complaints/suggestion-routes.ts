// HTTP: improvement suggestions (改进建议): register, evaluate, decide, track the effect.
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import {
  ZCreateSuggestionRequest,
  ZDecideSuggestionRequest,
  ZEvaluateSuggestionRequest,
  ZSuggestion,
  ZSuggestionEffectRequest,
  ZSuggestionListQuery,
} from '../../../common/complaints-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import * as service from './suggestions.ts';

const tags = ['suggestions'];
const ZIdParams = z.object({ id: ZId });

export function registerSuggestionRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/suggestions',
    {
      config: { permission: 'complaints.read' },
      schema: {
        tags,
        summary: 'Improvement suggestions (newest first); a customer sees its own organisation’s',
        querystring: ZSuggestionListQuery,
        response: { 200: pageOf(ZSuggestion) },
      },
    },
    async (request) => service.listSuggestions(deps.ctx(request), request.query),
  );
  app.post(
    '/api/v1/suggestions',
    {
      config: { permission: 'complaints.file' },
      schema: {
        tags,
        summary: 'Register a suggestion (from a follow-up, survey, complaint, the portal or staff)',
        body: ZCreateSuggestionRequest,
        response: { 201: ZSuggestion },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createSuggestion(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/suggestions/:id',
    {
      config: { permission: 'complaints.read' },
      schema: { tags, summary: 'A suggestion', params: ZIdParams, response: { 200: ZSuggestion } },
    },
    async (request) => service.getSuggestion(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/suggestions/:id/evaluate',
    {
      config: { permission: 'suggestions.manage' },
      schema: {
        tags,
        summary: 'Evaluate: feasible, cost estimate (fen), note',
        params: ZIdParams,
        body: ZEvaluateSuggestionRequest,
        response: { 200: ZSuggestion },
      },
    },
    async (request) => service.evaluateSuggestion(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/suggestions/:id/decide',
    {
      config: { permission: 'suggestions.manage' },
      schema: {
        tags,
        summary:
          'Decide: into the service improvement plan, or declined with the reason; the customer told by email',
        params: ZIdParams,
        body: ZDecideSuggestionRequest,
        response: { 200: ZSuggestion },
      },
    },
    async (request) => service.decideSuggestion(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/suggestions/:id/effect',
    {
      config: { permission: 'suggestions.manage' },
      schema: {
        tags,
        summary: 'Record the effect of a planned improvement (a note and the date)',
        params: ZIdParams,
        body: ZSuggestionEffectRequest,
        response: { 200: ZSuggestion },
      },
    },
    async (request) => service.recordSuggestionEffect(deps.ctx(request), request.params.id, request.body),
  );
}
