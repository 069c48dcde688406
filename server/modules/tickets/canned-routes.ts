// HTTP: canned replies (read by staff, kept by managers and administrators).
import { z } from 'zod';
import { patchOf, ZId } from '../../../common/api.ts';
import {
  ZCannedReply,
  ZCannedReplyFields,
  ZCreateCannedReplyRequest,
} from '../../../common/canned-replies.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import * as canned from './canned-replies.ts';

const tags = ['tickets'];
const ZIdParams = z.object({ id: ZId });

export function registerCannedReplyRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/canned-replies',
    {
      config: { permission: 'tickets.internal' },
      schema: {
        tags,
        summary: 'Canned replies, by title (variables such as {{customer.name}} are filled on insertion)',
        response: { 200: z.array(ZCannedReply) },
      },
    },
    async (request) => canned.listCannedReplies(deps.ctx(request)),
  );
  app.post(
    '/api/v1/canned-replies',
    {
      config: { permission: 'canned_replies.manage' },
      schema: {
        tags,
        summary: 'Add a canned reply; an unknown variable is a 422 naming body',
        body: ZCreateCannedReplyRequest,
        response: { 201: ZCannedReply },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await canned.createCannedReply(deps.ctx(request), request.body)),
  );
  app.patch(
    '/api/v1/canned-replies/:id',
    {
      config: { permission: 'canned_replies.manage' },
      schema: {
        tags,
        summary: 'Change a canned reply; needs the current version',
        params: ZIdParams,
        body: patchOf(ZCannedReplyFields),
        response: { 200: ZCannedReply },
      },
    },
    async (request) => canned.updateCannedReply(deps.ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/canned-replies/:id',
    {
      config: { permission: 'canned_replies.manage' },
      schema: { tags, summary: 'Remove a canned reply', params: ZIdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await canned.deleteCannedReply(deps.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
