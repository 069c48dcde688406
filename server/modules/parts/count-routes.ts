// HTTP: stock-taking (盘点).
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import {
  ZCountStepRequest,
  ZCountsQuery,
  ZEnterCountsRequest,
  ZOpenCountRequest,
  ZStockCount,
  ZStockCountDetail,
} from '../../../common/parts-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import * as counts from './counts.ts';

const tags = ['parts'];
const ZIdParams = z.object({ id: ZId });

export function registerCountRoutes(app: Api, deps: RouteDeps) {
  // ---------- stock-taking ----------
  app.get(
    '/api/v1/stock/counts',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Counts of a location, newest first',
        querystring: ZCountsQuery,
        response: { 200: z.array(ZStockCount) },
      },
    },
    async (request) => counts.listCounts(deps.ctx(request), request.query.locationId),
  );
  app.post(
    '/api/v1/stock/counts',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Open a count of a location (snapshot of the expected quantities)',
        body: ZOpenCountRequest,
        response: { 201: ZStockCount },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await counts.openCount(deps.ctx(request), request.body.locationId)),
  );
  app.get(
    '/api/v1/stock/counts/:id',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'A count with its lines and variance report',
        params: ZIdParams,
        response: { 200: ZStockCountDetail },
      },
    },
    async (request) => counts.getCount(deps.ctx(request), request.params.id),
  );
  app.patch(
    '/api/v1/stock/counts/:id/lines',
    {
      config: { permission: 'stock.move' },
      schema: {
        tags,
        summary: 'Enter counted quantities (a part not expected gets a line of its own)',
        params: ZIdParams,
        body: ZEnterCountsRequest,
        response: { 200: ZStockCountDetail },
      },
    },
    async (request) => counts.enterCounts(deps.ctx(request), request.params.id, request.body),
  );
  for (const [action, permission, summary, run] of [
    ['submit', 'stock.move', 'Submit a finished count for approval', counts.submitCount],
    [
      'approve',
      'stock.approve',
      'Approve a count: its variances are posted as adjustments',
      counts.approveCount,
    ],
    ['cancel', 'stock.move', 'Cancel a count', counts.cancelCount],
  ] as const) {
    app.post(
      `/api/v1/stock/counts/:id/${action}`,
      {
        config: { permission },
        schema: {
          tags,
          summary,
          params: ZIdParams,
          body: ZCountStepRequest,
          response: { 200: ZStockCountDetail },
        },
      },
      async (request) => run(deps.ctx(request), request.params.id, request.body.version),
    );
  }
}
