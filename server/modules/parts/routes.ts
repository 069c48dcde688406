// HTTP: the parts catalogue and stock locations; movements, reorder and stock-taking are registered
// from stock-routes.ts and count-routes.ts. Customers have none of these permissions.
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import {
  ZAvailability,
  ZCreateLocationRequest,
  ZCreatePartRequest,
  ZImportPartsRequest,
  ZImportPartsResult,
  ZLedgerPage,
  ZLocationStockLine,
  ZPart,
  ZPartDetail,
  ZPartListItem,
  ZPartListQuery,
  ZPartMovementsQuery,
  ZStockLocation,
  ZStockLocationListItem,
  ZUpdateLocationRequest,
  ZUpdatePartRequest,
} from '../../../common/parts-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { registerPartsAnalysisRoutes } from './analysis-routes.ts';
import * as catalog from './catalog.ts';
import { registerCountRoutes } from './count-routes.ts';
import { catalogueExport, ledgerExport } from './exports.ts';
import { importParts } from './import.ts';
import { registerStockRoutes } from './stock-routes.ts';

const tags = ['parts'];
const ZIdParams = z.object({ id: ZId });
const ZPartExportQuery = ZPartListQuery.omit({ cursor: true, limit: true })
  .extend({ lang: ZXlsxLang })
  .strict();
const ZLedgerExportQuery = z.strictObject({ lang: ZXlsxLang });

export function registerPartsRoutes(app: Api, deps: RouteDeps) {
  // ---------- catalogue ----------
  app.get(
    '/api/v1/parts',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Parts, with stock totals over the locations the caller may see',
        querystring: ZPartListQuery,
        response: { 200: pageOf(ZPartListItem) },
      },
    },
    async (request) =>
      catalog.listParts(deps.ctx(request), request.query, decodeCursor(request.query.cursor)),
  );
  app.post(
    '/api/v1/parts',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Add a part to the catalogue',
        body: ZCreatePartRequest,
        response: { 201: ZPart },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createPart(deps.ctx(request), request.body)),
  );
  app.get(
    '/api/v1/parts/export',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary:
          'The catalogue as an Excel workbook (the import format; streamed, every row; the list filter q; an unknown parameter is a 400)',
        querystring: ZPartExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const spec = catalogueExport(ctx, request.query);
      return sendXlsx(reply, ctx, spec, request.query.lang, deps.config.exportPageRows);
    },
  );
  app.post(
    '/api/v1/parts/import',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Import (create or update by part number) from an uploaded workbook; all rows or none',
        body: ZImportPartsRequest,
        response: { 200: ZImportPartsResult },
      },
    },
    async (request) => importParts(deps.ctx(request), deps.blobStore, request.body.fileId),
  );
  app.get(
    '/api/v1/parts/:id',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'A part with its stock by location and batch, and reorder rules',
        params: ZIdParams,
        response: { 200: ZPartDetail },
      },
    },
    async (request) => catalog.getPart(deps.ctx(request), request.params.id),
  );
  app.patch(
    '/api/v1/parts/:id',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Change a part; needs the current version',
        params: ZIdParams,
        body: ZUpdatePartRequest,
        response: { 200: ZPart },
      },
    },
    async (request) => catalog.updatePart(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/parts/:id/movements',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: "The part's ledger, newest first (locations the caller may see)",
        params: ZIdParams,
        querystring: ZPartMovementsQuery,
        response: { 200: ZLedgerPage },
      },
    },
    async (request) => catalog.partMovements(deps.ctx(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/parts/:id/movements/export',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary:
          "The part's ledger as an Excel workbook, newest first (streamed, every line; locations the caller may see)",
        params: ZIdParams,
        querystring: ZLedgerExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      const spec = await ledgerExport(ctx, request.params.id);
      return sendXlsx(reply, ctx, spec, request.query.lang, deps.config.exportPageRows);
    },
  );
  app.get(
    '/api/v1/parts/:id/availability',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Where the part is available (quantities only), the caller’s own van first',
        params: ZIdParams,
        response: { 200: z.array(ZAvailability) },
      },
    },
    async (request) => catalog.availability(deps.ctx(request), request.params.id),
  );

  // ---------- locations ----------
  app.get(
    '/api/v1/stock/locations',
    {
      config: { permission: 'parts.read' },
      schema: { tags, summary: 'Warehouses and vans', response: { 200: z.array(ZStockLocationListItem) } },
    },
    async (request) => catalog.listLocations(deps.ctx(request)),
  );
  app.post(
    '/api/v1/stock/locations',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Add a warehouse or a van',
        body: ZCreateLocationRequest,
        response: { 201: ZStockLocation },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await catalog.createLocation(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/stock/locations/:id',
    {
      config: { permission: 'parts.manage' },
      schema: {
        tags,
        summary: 'Change a location; needs the current version',
        params: ZIdParams,
        body: ZUpdateLocationRequest,
        response: { 200: ZStockLocation },
      },
    },
    async (request) => catalog.updateLocation(deps.ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/stock/locations/:id/stock',
    {
      config: { permission: 'parts.read' },
      schema: {
        tags,
        summary: 'Stock held at a location',
        params: ZIdParams,
        response: { 200: z.array(ZLocationStockLine) },
      },
    },
    async (request) => catalog.locationStock(deps.ctx(request), request.params.id),
  );
  registerStockRoutes(app, deps);
  registerCountRoutes(app, deps);
  registerPartsAnalysisRoutes(app, deps);
}
