// HTTP: contacts, projects, acceptance records, the project archive.
import { z } from 'zod';
import { pageOf, ZId } from '../../../common/api.ts';
import {
  ZAcceptanceRecord,
  ZArchiveEvent,
  ZArchiveQuery,
  ZContact,
  ZCreateAcceptanceRequest,
  ZCreateContactRequest,
  ZCreateProjectRequest,
  ZProject,
  ZProjectListQuery,
  ZUpdateContactRequest,
  ZUpdateProjectRequest,
} from '../../../common/registry-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import { listArchiveEvents } from './archive.ts';
import * as service from './project-service.ts';

const tags = ['registry'];
const ZIdParams = z.object({ id: ZId });

export function registerProjectRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/customers/:id/contacts',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "A customer's contacts",
        params: ZIdParams,
        response: { 200: z.array(ZContact) },
      },
    },
    async (request) => service.listContacts(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/contacts',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Add a contact to a customer',
        body: ZCreateContactRequest,
        response: { 201: ZContact },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createContact(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/contacts/:id',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Update a contact',
        params: ZIdParams,
        body: ZUpdateContactRequest,
        response: { 200: ZContact },
      },
    },
    async (request) => service.updateContact(deps.ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/projects',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'List projects / sites',
        querystring: ZProjectListQuery,
        response: { 200: pageOf(ZProject) },
      },
    },
    async (request) =>
      service.listProjects(deps.ctx(request), request.query, decodeCursor(request.query.cursor)),
  );
  app.get(
    '/api/v1/projects/:id',
    {
      config: { permission: 'registry.read' },
      schema: { tags, summary: 'One project', params: ZIdParams, response: { 200: ZProject } },
    },
    async (request) => service.getProject(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/projects',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: 'Register a project / site',
        body: ZCreateProjectRequest,
        response: { 201: ZProject },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createProject(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/projects/:id',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary: 'Update a project',
        params: ZIdParams,
        body: ZUpdateProjectRequest,
        response: { 200: ZProject },
      },
    },
    async (request) => service.updateProject(deps.ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/projects/:id/acceptance-records',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'Installation, commissioning and acceptance records of a project',
        params: ZIdParams,
        response: { 200: z.array(ZAcceptanceRecord) },
      },
    },
    async (request) => service.listAcceptanceRecords(deps.ctx(request), request.params.id),
  );
  app.post(
    '/api/v1/projects/:id/acceptance-records',
    {
      config: { permission: 'registry.manage' },
      schema: {
        tags,
        summary:
          'Record installation, commissioning or acceptance (acceptance starts the warranty of all its equipment)',
        params: ZIdParams,
        body: ZCreateAcceptanceRequest,
        response: { 201: z.object({ record: ZAcceptanceRecord, acceptedAssets: z.int() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.recordAcceptance(deps.ctx(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/projects/:id/archive',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        summary: 'The service archive (服务档案) of a project, newest first',
        params: ZIdParams,
        querystring: ZArchiveQuery,
        response: { 200: pageOf(ZArchiveEvent) },
      },
    },
    async (request) => {
      const ctx = deps.ctx(request);
      await service.getProject(ctx, request.params.id);
      const q = request.query;
      return listArchiveEvents(
        ctx,
        {
          projectId: request.params.id,
          kind: q.kind,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        },
        decodeCursor(q.cursor),
        q.limit,
      );
    },
  );
}
