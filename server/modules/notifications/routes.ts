// HTTP: the current user's notifications.
import { z } from 'zod';
import { patchOf, ZId } from '../../../common/api.ts';
import {
  ZNotificationDefaults,
  ZNotificationPreferences,
  ZPutNotificationDefaultsRequest,
  ZPutNotificationPreferencesRequest,
} from '../../../common/notifications-api.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { registerMailLogRoutes } from './mail-log-routes.ts';
import { getNotificationDefaults, putNotificationDefaults } from './org-defaults.ts';
import { getMyPreferences, putMyPreferences } from './preferences.ts';
import { listNotifications, markRead } from './service.ts';
import * as hooks from './webhooks.ts';

const tags = ['notifications'];
const ZNotification = z.object({
  id: ZId,
  template: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function registerNotificationRoutes(app: Api, deps: RouteDeps) {
  registerMailLogRoutes(app, deps);
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

  app.get(
    '/api/v1/notifications/preferences',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'My notification preferences: the channels I get per kind (my choice or the default)',
        querystring: z.strictObject({}),
        response: { 200: ZNotificationPreferences },
      },
    },
    async (request) => getMyPreferences(deps.ctx(request)),
  );
  app.put(
    '/api/v1/notifications/preferences',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary:
          'Choose my channels per kind (only my own); needs the version read (0 before the first save), a stale one is a 409',
        querystring: z.strictObject({}),
        body: ZPutNotificationPreferencesRequest,
        response: { 200: ZNotificationPreferences },
      },
    },
    async (request) => putMyPreferences(deps.ctx(request), request.body),
  );

  app.get(
    '/api/v1/notifications/defaults',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary:
          "The organisation's default channels per kind of notification (what users who have not chosen get)",
        querystring: z.strictObject({}),
        response: { 200: ZNotificationDefaults },
      },
    },
    async (request) => getNotificationDefaults(deps.ctx(request)),
  );
  app.put(
    '/api/v1/notifications/defaults',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary:
          "Set the organisation's default channels per kind (audited); null goes back to the product's default; needs the version read (0 before the first save), a stale one is a 409",
        querystring: z.strictObject({}),
        body: ZPutNotificationDefaultsRequest,
        response: { 200: ZNotificationDefaults },
      },
    },
    async (request) => putNotificationDefaults(deps.ctx(request), request.body),
  );

  const ZWebhook = z.object({
    id: ZId,
    name: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    version: z.int(),
    secretHint: z.string(),
  });
  const ZWebhookFields = {
    name: z.string().trim().min(1).max(100),
    url: z.url({ protocol: /^https?$/ }).max(500),
    events: z.array(z.enum(hooks.WEBHOOK_EVENTS)).min(1),
    active: z.boolean().default(true),
  };
  app.get(
    '/api/v1/webhooks',
    {
      config: { permission: 'webhooks.manage' },
      schema: { tags, summary: 'Webhooks', response: { 200: z.array(ZWebhook) } },
    },
    async (request) => hooks.listWebhooks(deps.ctx(request)),
  );
  app.post(
    '/api/v1/webhooks',
    {
      config: { permission: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the answer carries the signing secret, shown only this once',
        body: z.strictObject(ZWebhookFields),
        response: { 201: ZWebhook.extend({ secret: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await hooks.createWebhook(deps.ctx(request), request.body as hooks.WebhookInput)),
  );
  app.patch(
    '/api/v1/webhooks/:id',
    {
      config: { permission: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'Change a webhook; needs the current version',
        params: z.object({ id: ZId }),
        body: patchOf(ZWebhookFields),
        response: { 200: ZWebhook },
      },
    },
    async (request) =>
      hooks.updateWebhook(
        deps.ctx(request),
        request.params.id,
        request.body as Partial<hooks.WebhookInput> & { version: number },
      ),
  );
  app.delete(
    '/api/v1/webhooks/:id',
    {
      config: { permission: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'Delete a webhook',
        params: z.object({ id: ZId }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await hooks.deleteWebhook(deps.ctx(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
