// HTTP: returns (退货 / RMA) — settings, the list (and its Excel export), a return with its timeline,
// the request, inspection, approval, the unit into stock, and the return form as a PDF.
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import {
  ZCreateReturnRequest,
  ZDecideReturnRequest,
  ZInspectReturnRequest,
  ZReceiveReturnRequest,
  ZReturn,
  ZReturnDetail,
  ZReturnListQuery,
  ZReturnSettings,
  ZUpdateReturnSettingsRequest,
} from '../../../common/returns-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { returnsExport } from './exports.ts';
import { returnPdf } from './return-pdf.ts';
import * as service from './service.ts';

const tags = ['returns'];
const ZIdParams = z.object({ id: ZId });
const ZLang = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });
const ZReturnExportQuery = ZReturnListQuery.omit({ cursor: true, limit: true })
  .strict()
  .extend({ lang: ZXlsxLang });

export function registerReturnRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/returns/settings',
    {
      config: { permission: 'returns.read' },
      schema: {
        tags,
        summary:
          'Return settings: the days a return may be asked for when the contract says none, and from when',
        response: { 200: ZReturnSettings },
      },
    },
    async (request) => service.getSettings(deps.ctx(request)),
  );
  app.put(
    '/api/v1/returns/settings',
    {
      config: { permission: 'returns.manage' },
      schema: {
        tags,
        summary:
          'Change the return settings (audited); needs the current version (0 before the first change)',
        body: ZUpdateReturnSettingsRequest,
        response: { 200: ZReturnSettings },
      },
    },
    async (request) => service.updateSettings(deps.ctx(request), request.body),
  );

  app.get(
    '/api/v1/returns',
    {
      config: { permission: 'returns.read' },
      schema: {
        tags,
        summary: 'Returns, newest first (a customer user sees its own organisation only)',
        querystring: ZReturnListQuery,
        response: { 200: pageOf(ZReturn) },
      },
    },
    async (request) => service.listReturns(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/returns/export',
    {
      config: { permission: 'returns.read' },
      schema: {
        tags,
        summary: 'The returns list as an Excel workbook (streamed), with the list filters',
        querystring: ZReturnExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const ctx = deps.ctx(request);
      return sendXlsx(reply, ctx, returnsExport(ctx, query), lang, deps.config.exportPageRows);
    },
  );
  app.get(
    '/api/v1/returns/:id',
    {
      config: { permission: 'returns.read' },
      schema: {
        tags,
        summary: 'A return with its timeline',
        params: ZIdParams,
        response: { 200: ZReturnDetail },
      },
    },
    async (request) => service.getReturn(deps.ctx(request), request.params.id),
  );
  app.get(
    '/api/v1/returns/:id/pdf',
    {
      config: { permission: 'returns.read' },
      schema: { tags, summary: 'The return form (退货单) as a PDF', params: ZIdParams, querystring: ZLang },
    },
    async (request, reply) => {
      const r = await returnPdf(deps.ctx(request), deps.blobStore, request.params.id, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${r.number}.pdf"`)
        .send(r.pdf);
    },
  );
  app.post(
    '/api/v1/returns',
    {
      config: { permission: 'returns.request' },
      schema: {
        tags,
        summary:
          'Ask to return equipment of the customer within the days its contract allows (outside them: 422, unless a manager gives overrideReason)',
        body: ZCreateReturnRequest,
        response: { 201: ZReturnDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createReturn(deps.ctx(request), request.body)),
  );
  app.post(
    '/api/v1/returns/:id/inspection',
    {
      config: { permission: 'returns.inspect' },
      schema: {
        tags,
        summary:
          'Record the inspection: human damage refuses the return; a customer who could not use it gets training instead',
        params: ZIdParams,
        body: ZInspectReturnRequest,
        response: { 200: ZReturnDetail },
      },
    },
    async (request) => service.inspectReturn(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/returns/:id/decision',
    {
      config: { permission: 'returns.approve' },
      schema: {
        tags,
        summary:
          'A manager approves the return with its outcome (refund, exchange, repair) or rejects it with the reason',
        params: ZIdParams,
        body: ZDecideReturnRequest,
        response: { 200: ZReturnDetail },
      },
    },
    async (request) => service.decideReturn(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/returns/:id/receipt',
    {
      config: { permission: 'returns.receive' },
      schema: {
        tags,
        summary: 'The returned unit enters the stock as defective or good (a ledger movement naming the RMA)',
        params: ZIdParams,
        body: ZReceiveReturnRequest,
        response: { 200: ZReturnDetail },
      },
    },
    async (request) => service.receiveReturn(deps.ctx(request), request.params.id, request.body),
  );
}
