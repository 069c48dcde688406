// HTTP: customers.
import { z } from 'zod';
import {
  pageOf,
  ZCreateCustomerRequest,
  ZCustomer,
  ZCustomerListQuery,
  ZId,
  ZUpdateCustomerRequest,
} from '../../../common/api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { registerAssetRoutes } from './asset-routes.ts';
import { registerImportRoutes } from './import-routes.ts';
import { registerProjectRoutes } from './project-routes.ts';
import * as service from './service.ts';

const tags = ['registry'];
const ZIdParams = z.object({ id: ZId });

export function registerRegistryRoutes(app: Api, deps: RouteDeps) {
  registerProjectRoutes(app, deps);
  registerAssetRoutes(app, deps);
  registerImportRoutes(app, deps);

  app.get(
    '/api/v1/lookup/phone',
    {
      config: { permission: 'tickets.create' },
      schema: {
        tags,
        summary: 'Who is calling: customers and contacts whose phone contains the digits (at least 4)',
        querystring: z.object({ phone: z.string().trim().min(1).max(40) }),
        response: {
          200: z.array(
            z.object({
              customerId: ZId,
              customerName: z.string(),
              customerCode: z.string(),
              contactId: ZId.nullable(),
              contactName: z.string().nullable(),
              phone: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => service.lookupPhone(deps.ctx(request), request.query.phone),
  );

  app.get(
    '/api/v1/customers/duplicates',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Customers that look like the one being entered (same phone or similar name)',
        querystring: z
          .object({
            name: z.string().trim().max(200).optional(),
            phone: z.string().trim().max(40).optional(),
          })
          .refine((q) => q.name || q.phone, { message: 'give a name or a phone', path: ['name'] }),
        response: {
          200: z.array(
            z.object({
              id: ZId,
              code: z.string(),
              name: z.string(),
              contactPhone: z.string().nullable(),
              score: z.number(),
            }),
          ),
        },
      },
    },
    async (request) =>
      service.findDuplicateCustomers(deps.ctx(request), request.query.name, request.query.phone),
  );

  app.get(
    '/api/v1/customers',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'List customers (a customer user sees only its own)',
        querystring: ZCustomerListQuery,
        response: { 200: pageOf(ZCustomer) },
      },
    },
    async (request) =>
      service.listCustomers(deps.ctx(request), request.query, decodeCursor(request.query.cursor)),
  );

  app.get(
    '/api/v1/customers/:id',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: 'One customer', params: ZIdParams, response: { 200: ZCustomer } },
    },
    async (request) => service.getCustomer(deps.ctx(request), request.params.id),
  );

  app.post(
    '/api/v1/customers',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Create a customer',
        body: ZCreateCustomerRequest,
        response: { 201: ZCustomer },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createCustomer(deps.ctx(request), request.body)),
  );

  app.patch(
    '/api/v1/customers/:id',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Update a customer; needs the current version',
        params: ZIdParams,
        body: ZUpdateCustomerRequest,
        response: { 200: ZCustomer },
      },
    },
    async (request) => service.updateCustomer(deps.ctx(request), request.params.id, request.body),
  );
}
