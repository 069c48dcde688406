// HTTP: stock movements and reservations, reorder rules and the replenishment list.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZDefectiveReturnRequest,
  ZIssueRequest,
  ZIssueReservedRequest,
  ZIssueReservedResult,
  ZIssueResult,
  ZMovementsResult,
  ZReceiptRequest,
  ZReceiptResult,
  ZReleaseRequest,
  ZReleaseResult,
  ZReorderRule,
  ZReorderRuleKey,
  ZReorderRuleRequest,
  ZReplenishmentSuggestion,
  ZReservationsQuery,
  ZReserveRequest,
  ZReserveResult,
  ZReturnRequest,
  ZScrapRequest,
  ZStockReservation,
  ZTransferRequest,
} from '../../../common/parts-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { sendXlsx, XLSX_RESPONSE, ZXlsxLang } from '../../platform/xlsx-export.ts';
import { replenishmentExport } from './exports.ts';
import * as reorder from './reorder.ts';
import * as reservations from './reservations.ts';
import * as stock from './stock.ts';

const tags = ['parts'];
const ZIdParams = z.object({ id: ZId });
const ZReplenishmentExportQuery = z.strictObject({ lang: ZXlsxLang });

export function registerStockRoutes(app: Api, deps: RouteDeps) {
  app.post(
    '/api/v1/stock/receipts',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Receive parts from a supplier into a location, as a batch',
        body: ZReceiptRequest,
        response: { 200: ZReceiptResult },
      },
    },
    async (request) => stock.receive(deps.ctx(request), request.body),
  );
  app.post(
    '/api/v1/stock/transfers',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Move good stock between locations (warehouse → van, van → warehouse), oldest batches first',
        body: ZTransferRequest,
        response: { 200: ZMovementsResult },
      },
    },
    async (request) => stock.transfer(deps.ctx(request), request.body),
  );
  app.post(
    '/api/v1/stock/reservations',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary:
          'Reserve parts for a ticket or work order (emergency: from the nearest location that has them)',
        body: ZReserveRequest,
        response: { 200: ZReserveResult },
      },
    },
    async (request) => reservations.reserve(deps.ctx(request), request.body),
  );
  app.get(
    '/api/v1/stock/reservations',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Open reservations of a ticket',
        querystring: ZReservationsQuery,
        response: { 200: z.array(ZStockReservation) },
      },
    },
    async (request) => reservations.reservationsOf(deps.ctx(request), request.query.ticketId),
  );
  app.post(
    '/api/v1/stock/reservations/:id/release',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Give back what a reservation holds (all, or a quantity)',
        params: ZIdParams,
        body: ZReleaseRequest,
        response: { 200: ZReleaseResult },
      },
    },
    async (request) => reservations.release(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/stock/reservations/:id/issue',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Consume reserved parts on the work',
        params: ZIdParams,
        body: ZIssueReservedRequest,
        response: { 200: ZIssueReservedResult },
      },
    },
    async (request) => reservations.issueReserved(deps.ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/stock/issues',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Consume parts without a reservation, oldest batches first',
        body: ZIssueRequest,
        response: { 200: ZIssueResult },
      },
    },
    async (request) => stock.issue(deps.ctx(request), request.body),
  );
  app.post(
    '/api/v1/stock/returns',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Return unused parts into good stock',
        body: ZReturnRequest,
        response: { 200: ZMovementsResult },
      },
    },
    async (request) => stock.returnUnused(deps.ctx(request), request.body),
  );
  app.post(
    '/api/v1/stock/defective-returns',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Bring back a replaced part as defective stock (kept apart from good stock)',
        body: ZDefectiveReturnRequest,
        response: { 200: ZMovementsResult },
      },
    },
    async (request) => stock.returnDefective(deps.ctx(request), request.body),
  );
  app.post(
    '/api/v1/stock/scraps',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Scrap stock (a reason is required)',
        body: ZScrapRequest,
        response: { 200: ZMovementsResult },
      },
    },
    async (request) => stock.scrap(deps.ctx(request), request.body),
  );

  // ---------- reorder and replenishment ----------
  app.put(
    '/api/v1/stock/reorder-rules',
    {
      config: { permission: 'stock.move_any' },
      schema: {
        tags,
        summary: 'Set the reorder point and quantity of a part at a location',
        body: ZReorderRuleRequest,
        response: { 200: ZReorderRule },
      },
    },
    async (request) => reorder.setReorderRule(deps.ctx(request), request.body),
  );
  app.delete(
    '/api/v1/stock/reorder-rules',
    {
      config: { permission: 'stock.move_any' },
      schema: {
        tags,
        summary: 'Remove a reorder rule',
        querystring: ZReorderRuleKey,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await reorder.deleteReorderRule(deps.ctx(request), request.query.partId, request.query.locationId);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/stock/replenishment',
    {
      config: { permission: 'stock.read_all' },
      schema: {
        tags,
        summary: 'The replenishment list: open suggestions by location',
        response: { 200: z.array(ZReplenishmentSuggestion) },
      },
    },
    async (request) => reorder.replenishmentList(deps.ctx(request)),
  );
  app.get(
    '/api/v1/stock/replenishment/export',
    {
      config: { permission: 'stock.read_all' },
      schema: {
        tags,
        summary: 'The replenishment list as an Excel workbook',
        querystring: ZReplenishmentExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const ctx = deps.ctx(request);
      return sendXlsx(reply, ctx, replenishmentExport(ctx), request.query.lang);
    },
  );
}
