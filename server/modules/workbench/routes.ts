// HTTP: the caller's workbench (home page) and the console's global search.
import { ZSearchQuery, ZSearchResult, ZWorkbench } from '../../../common/workbench-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import * as service from './service.ts';

const tags = ['workbench'];

export function registerWorkbenchRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/workbench',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: "The caller's workbench: the sections of its roles, each figure live and linkable",
        response: { 200: ZWorkbench },
      },
    },
    async (request) => service.workbench(deps.ctx(request)),
  );
  app.get(
    '/api/v1/search',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'Global search: tickets, customers, contacts by phone, equipment, parts and work orders',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResult },
      },
    },
    async (request) => ({
      hits: await service.search(deps.ctx(request), request.query.q, request.query.limit),
    }),
  );
}
