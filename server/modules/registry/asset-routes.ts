// HTTP: products, assets (with replacement and archive), contracts and the deposit ledger.
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import {
  ZArchiveEvent,
  ZArchiveQuery,
  ZAsset,
  ZAssetListQuery,
  ZContract,
  ZCoverage,
  ZCoverageQuery,
  ZCreateAssetRequest,
  ZCreateContractRequest,
  ZCreateDepositEntryRequest,
  ZCreateProductRequest,
  ZDepositEntry,
  ZProduct,
  ZProductListQuery,
  ZReplaceAssetRequest,
  ZUpdateAssetRequest,
  ZUpdateContractRequest,
  ZUpdateProductRequest,
} from '../../../common/registry-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { listArchiveEvents } from './archive.ts';
import { archivePdf } from './archive-pdf.ts';
import * as assetService from './asset-service.ts';
import * as contractService from './contract-service.ts';
import { assetCoverage, replacementWindow } from './warranty-service.ts';

const tags = ['registry'];
const ZIdParams = z.object({ id: ZId });
const ZPdfQuery = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export function registerAssetRoutes(app: Api, deps: RouteDeps) {
  // ---------- products ----------
  app.get(
    '/api/v1/products',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'Product catalogue',
        querystring: ZProductListQuery,
        response: { 200: pageOf(ZProduct) },
      },
    },
    async (request) =>
      assetService.listProducts(deps.ctx(request), request.query, decodeCursor(request.query.cursor)),
  );
  app.get(
    '/api/v1/products/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: 'One product', params: ZIdParams, response: { 200: ZProduct } },
    },
    async (request) => assetService.getProduct(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/products',
    {
      config: { permission: 'products.manage' },
      schema: {
        tags,
        summary: 'Add a product model',
        body: ZCreateProductRequest,
        response: { 201: ZProduct },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assetService.createProduct(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/products/:id',
    {
      config: { permission: 'products.manage' },
      schema: {
        tags,
        summary: 'Update a product',
        params: ZIdParams,
        body: ZUpdateProductRequest,
        response: { 200: ZProduct },
      },
    },
    async (request) => assetService.updateProduct(deps.ctx(request), request.params.id, request.body),
  );

  // ---------- assets ----------
  app.get(
    '/api/v1/assets',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'Equipment, filtered; q searches serial, name, location, product (Chinese substrings work)',
        querystring: ZAssetListQuery,
        response: { 200: pageOf(ZAsset) },
      },
    },
    async (request) =>
      assetService.listAssets(deps.ctx(request), request.query, decodeCursor(request.query.cursor)),
  );
  app.get(
    '/api/v1/assets/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: 'One piece of equipment', params: ZIdParams, response: { 200: ZAsset } },
    },
    async (request) => assetService.getAsset(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/assets',
    {
      config: { permission: 'registry.manage' },
      schema: { tags, summary: 'Register equipment', body: ZCreateAssetRequest, response: { 201: ZAsset } },
    },
    async (request, reply) =>
      reply.code(201).send(await assetService.createAsset(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/assets/:id',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: 'Update equipment',
        params: ZIdParams,
        body: ZUpdateAssetRequest,
        response: { 200: ZAsset },
      },
    },
    async (request) => assetService.updateAsset(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/assets/:id/replace',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: 'Replace a unit or component; the new one continues under warranty',
        params: ZIdParams,
        body: ZReplaceAssetRequest,
        response: { 201: ZAsset },
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const window = await replacementWindow(ctx, request.params.id, request.body.replacedOn);
      return reply
        .code(201)
        .send(await assetService.replaceAsset(ctx, request.params.id, request.body, window));
    },
  );
  app.get(
    '/api/v1/assets/:id/coverage',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary:
          'Warranty coverage of a piece of equipment on a date (default today) for a cause, with the reasons',
        params: ZIdParams,
        querystring: ZCoverageQuery,
        response: { 200: ZCoverage },
      },
    },
    async (request) => assetCoverage(deps.ctx(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/assets/:id/archive',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'The service archive (服务档案) of a piece of equipment, newest first',
        params: ZIdParams,
        querystring: ZArchiveQuery,
        response: { 200: pageOf(ZArchiveEvent) },
      },
    },
    async (request) => {
      const ctx = deps.ctx(request);
      await assetService.getAsset(ctx, request.params.id);
      const q = request.query;
      return listArchiveEvents(
        ctx,
        {
          assetId: request.params.id,
          kind: q.kind,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        },
        decodeCursor(q.cursor),
        q.limit,
      );
    },
  );

  app.get(
    '/api/v1/assets/:id/archive.pdf',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'The service archive of a piece of equipment as a PDF',
        params: ZIdParams,
        querystring: ZPdfQuery,
      },
    },
    async (request, reply) => {
      const doc = await archivePdf(
        deps.ctx(request),
        deps.blobStore,
        'asset',
        request.params.id,
        request.query.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="archive-${request.params.id}.pdf"`)
        .send(doc);
    },
  );
  app.get(
    '/api/v1/projects/:id/archive.pdf',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'The service archive of a project as a PDF',
        params: ZIdParams,
        querystring: ZPdfQuery,
      },
    },
    async (request, reply) => {
      const doc = await archivePdf(
        deps.ctx(request),
        deps.blobStore,
        'project',
        request.params.id,
        request.query.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="archive-${request.params.id}.pdf"`)
        .send(doc);
    },
  );

  // ---------- contracts ----------
  app.get(
    '/api/v1/contracts',
    {
      config: { permission: 'contracts.read' },
      schema: {
        tags,
        summary: 'Contracts of a project or customer',
        querystring: z.object({ projectId: ZId.optional(), customerId: ZId.optional() }),
        response: { 200: z.array(ZContract) },
      },
    },
    async (request) => contractService.listContracts(deps.ctx(request), request.query),
  );
  app.get(
    '/api/v1/contracts/:id',
    {
      config: { permission: 'contracts.read' },
      schema: { tags, summary: 'One contract', params: ZIdParams, response: { 200: ZContract } },
    },
    async (request) => contractService.getContract(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/contracts',
    {
      config: { permission: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Add a contract to a project',
        body: ZCreateContractRequest,
        response: { 201: ZContract },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await contractService.createContract(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/contracts/:id',
    {
      config: { permission: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Update a contract',
        params: ZIdParams,
        body: ZUpdateContractRequest,
        response: { 200: ZContract },
      },
    },
    async (request) => contractService.updateContract(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/contracts/:id/deposit-entries',
    {
      config: { permission: 'contracts.read' },
      schema: {
        tags,
        summary: 'The warranty deposit ledger',
        params: ZIdParams,
        response: { 200: z.array(ZDepositEntry) },
      },
    },
    async (request) => contractService.listDepositEntries(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/contracts/:id/deposit-entries',
    {
      config: { permission: 'contracts.manage' },
      schema: {
        tags,
        summary: 'Post a deposit, deduction or release (deductions and releases need deposits.approve)',
        params: ZIdParams,
        body: ZCreateDepositEntryRequest,
        response: { 201: z.object({ entryId: ZId, balanceFen: z.int() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await contractService.postDepositEntry(deps.ctx(request), request.params.id, request.body)),
  );
}
