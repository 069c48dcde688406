// HTTP: the knowledge base (知识库) — articles (list, search, read, write, revisions, review), the
// suggestions for a fault report or a ticket, aliases, "was this helpful", deflections, and the list
// of articles that do not help.
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import {
  ZAlias,
  ZArticle,
  ZArticleActionRequest,
  ZArticleDetail,
  ZArticleListQuery,
  ZArticleRevision,
  ZCreateAliasRequest,
  ZCreateArticleRequest,
  ZDeflectionRequest,
  ZHelpfulRequest,
  ZKnowledgeFacets,
  ZSuggestQuery,
  ZUnhelpfulArticle,
  ZUnhelpfulQuery,
  ZUpdateArticleRequest,
} from '../../../common/knowledge-api.ts';
import { attachmentDisposition } from '../../platform/blob-store.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { findFile } from '../files/index.ts';
import * as service from './service.ts';

const tags = ['knowledge'];
const ZIdParams = z.object({ id: ZId });
const STEPS = ['submit', 'publish', 'reject', 'unpublish'] as const;

export function registerKnowledgeRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/knowledge/articles',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary:
          'Articles: newest change first, or with q the search (2 Chinese characters are enough; title matches before body matches; aliases widen it). A customer sees public, published articles only',
        querystring: ZArticleListQuery,
        response: { 200: pageOf(ZArticle) },
      },
    },
    async (request) => service.listArticles(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/knowledge/suggestions',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary: 'Published articles for the text of a fault report being written or of a ticket',
        querystring: ZSuggestQuery,
        response: { 200: z.array(ZArticle) },
      },
    },
    async (request) => service.suggestArticles(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/knowledge/facets',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary: 'The product categories (registry) and fault classes articles are filed under',
        response: { 200: ZKnowledgeFacets },
      },
    },
    async (request) => service.knowledgeFacets(deps.ctx(request)),
  );
  app.post(
    '/api/v1/knowledge/articles',
    {
      config: { permission: 'knowledge.write' },
      schema: {
        tags,
        summary: 'Write an article (a draft; revision 1)',
        body: ZCreateArticleRequest,
        response: { 201: ZArticleDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createArticle(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/knowledge/articles/:id',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary: 'An article with its body rendered (any HTML in it comes back as text)',
        params: ZIdParams,
        response: { 200: ZArticleDetail },
      },
    },
    async (request) => service.getArticle(deps.ctx(request), request.params.id),
  );
  app.patch(
    '/api/v1/knowledge/articles/:id',
    {
      config: { permission: 'knowledge.write' },
      schema: {
        tags,
        summary:
          'Change an article: a new revision when its text changes (a published one goes back to draft); 409 on a stale version',
        params: ZIdParams,
        body: ZUpdateArticleRequest,
        response: { 200: ZArticleDetail },
      },
    },
    async (request) => service.updateArticle(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/knowledge/articles/:id/revisions',
    {
      config: { permission: 'knowledge.write' },
      schema: {
        tags,
        summary: 'Every saved revision of an article, newest first',
        params: ZIdParams,
        response: { 200: z.array(ZArticleRevision) },
      },
    },
    async (request) => service.articleRevisions(deps.ctx(request), request.params.id),
  );
  for (const step of STEPS)
    app.post(
      `/api/v1/knowledge/articles/:id/${step}`,
      {
        config: { permission: 'knowledge.write' },
        schema: {
          tags,
          summary: {
            submit: 'Send a draft for review',
            publish: 'Publish an article in review (knowledge.publish)',
            reject: 'Send an article in review back to draft with a note (knowledge.publish)',
            unpublish: 'Take a published article back to draft (knowledge.publish)',
          }[step],
          params: ZIdParams,
          body: ZArticleActionRequest,
          response: { 200: ZArticleDetail },
        },
      },
      async (request) => service.reviewStep(deps.ctx(request), request.params.id, step, request.body),
    );
  app.get(
    '/api/v1/knowledge/articles/:id/files/:fileId',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary: 'An image or attachment of an article, for whoever may read the article',
        params: z.object({ id: ZId, fileId: ZId }),
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const fileId = await service.articleAttachment(ctx, request.params.id, request.params.fileId);
      // The article's attachments are staff uploads: readable by the article's readers.
      const row = await findFile({ ...ctx, scope: { kind: 'all' } }, fileId);
      const stream = await deps.blobStore.get(row.storageKey);
      return reply
        .header('content-type', row.contentType)
        .header('content-disposition', attachmentDisposition(row.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(stream);
    },
  );
  app.post(
    '/api/v1/knowledge/articles/:id/helpful',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary: '"Was this helpful": yes or no with a comment (one vote per reader; a new one replaces it)',
        params: ZIdParams,
        body: ZHelpfulRequest,
        response: { 200: z.object({ helpfulYes: z.int(), helpfulNo: z.int() }) },
      },
    },
    async (request) => service.voteHelpful(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/knowledge/articles/:id/deflections',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary: '"Did this solve it?" answered yes while writing a fault report: the report is not sent',
        params: ZIdParams,
        body: ZDeflectionRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.recordDeflection(deps.ctx(request), request.params.id, request.body.text);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/knowledge/unhelpful',
    {
      config: { permission: 'knowledge.publish' },
      schema: {
        tags,
        summary: 'Articles whose readers mostly said they did not help (ratio of no, then count), for review',
        querystring: ZUnhelpfulQuery,
        response: { 200: z.array(ZUnhelpfulArticle) },
      },
    },
    async (request) =>
      service.unhelpfulArticles(deps.ctx(request), request.query.minVotes, request.query.minRatio),
  );
  app.get(
    '/api/v1/knowledge/aliases',
    {
      config: { permission: 'knowledge.read' },
      schema: {
        tags,
        summary: 'Search aliases (同义词): alias → term, per product category',
        response: { 200: z.array(ZAlias) },
      },
    },
    async (request) => service.listAliases(deps.ctx(request)),
  );
  app.post(
    '/api/v1/knowledge/aliases',
    {
      config: { permission: 'knowledge.publish' },
      schema: { tags, summary: 'Add a search alias', body: ZCreateAliasRequest, response: { 201: ZAlias } },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createAlias(deps.ctx(request), request.body)),
  );
  app.delete(
    '/api/v1/knowledge/aliases/:id',
    {
      config: { permission: 'knowledge.publish' },
      schema: { tags, summary: 'Remove a search alias', params: ZIdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await service.deleteAlias(deps.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
