// HTTP: the current user's notifications.
import { z } from 'zod';
import { ZId } from '../../../common/api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { listNotifications, markRead } from './service.ts';

const tags = ['notifications'];
const ZNotification = z.object({
  id: ZId,
  template: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function registerNotificationRoutes(app: Api, deps: RouteDeps) {
  app.get(
    '/api/v1/notifications',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          before: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ unread: z.int(), items: z.array(ZNotification) }) },
      },
    },
    async (request) =>
      listNotifications(deps.ctx(request), { ...request.query, unread: request.query.unread === 'true' }),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: z.object({ id: ZId }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markRead(deps.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { authenticated: true },
      schema: { tags, summary: 'Mark all my notifications read', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await markRead(deps.ctx(request), 'all');
      return reply.code(204).send(null);
    },
  );
}
