// HTTP: authentication, own profile, users, roles, API tokens.
import { z } from 'zod';
import {
  pageOf,
  ZApiToken,
  ZChangePasswordRequest,
  ZCompanyProfile,
  ZCreateApiTokenRequest,
  ZCreatedApiToken,
  ZCreateUserRequest,
  ZId,
  ZLoginRequest,
  ZMe,
  ZResetPasswordRequest,
  ZRoleInfo,
  ZUpdateCompanyProfileRequest,
  ZUpdateProfileRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserListQuery,
} from '../../../common/api.ts';
import { ALL_ROLES, ROLE_PERMISSIONS, STAFF_ROLES } from '../../../common/roles.ts';
import type { Api, RouteDeps } from '../../platform/deps.ts';
import { decodeCursor } from '../../platform/pagination.ts';
import * as company from './company.ts';
import * as service from './service.ts';

const tags = ['accounts'];
const ZIdParams = z.object({ id: ZId });

export function registerAccountRoutes(app: Api, deps: RouteDeps) {
  const secure = (protocol: string) =>
    deps.config.cookieSecure === 'true' || (deps.config.cookieSecure === 'auto' && protocol === 'https');

  app.get(
    '/api/v1/company',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: "The company's letterhead: the name and logo printed on its documents",
        response: { 200: ZCompanyProfile },
      },
    },
    async (request) => company.getCompanyProfile(deps.ctx(request)),
  );
  app.put(
    '/api/v1/company',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary:
          "Change the company's name and logo (a PNG or JPEG file uploaded first; audited); needs the current version (0 before the first change)",
        body: ZUpdateCompanyProfileRequest,
        response: { 200: ZCompanyProfile },
      },
    },
    async (request) => company.updateCompanyProfile(deps.ctx(request), request.body),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Log in with a username and password',
        body: ZLoginRequest,
        response: { 200: ZMe },
      },
    },
    async (request, reply) => {
      const result = await service.login(deps.db, deps.clock, deps.config, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(service.SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request.protocol),
        maxAge: Math.floor(deps.config.sessionTtlMs / 1000),
      });
      const authenticated = await service.authenticate(deps.db, deps.clock, deps.config, {
        sessionToken: result.token,
      });
      request.principal = authenticated!.principal;
      return service.getMe(deps.ctx(request), result.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { authenticated: true },
      schema: { tags, summary: 'End the current session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await service.logout(deps.ctx(request));
      reply.clearCookie(service.SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { authenticated: true },
      schema: { tags, summary: 'The current user', response: { 200: ZMe } },
    },
    async (request) => service.getMe(deps.ctx(request), request.sessionCsrf),
  );

  app.patch(
    '/api/v1/me',
    {
      config: { permission: 'profile.update' },
      schema: { tags, summary: 'Update own profile', body: ZUpdateProfileRequest, response: { 200: ZMe } },
    },
    async (request) => {
      await service.updateProfile(deps.ctx(request), request.body);
      return service.getMe(deps.ctx(request), request.sessionCsrf);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { permission: 'profile.update' },
      schema: {
        tags,
        summary: 'Change own password; ends every other session',
        body: ZChangePasswordRequest,
        response: { 200: z.object({ endedSessions: z.int() }) },
      },
    },
    async (request) => service.changePassword(deps.ctx(request), request.body),
  );

  app.get(
    '/api/v1/users',
    {
      config: { permission: 'users.read' },
      schema: { tags, summary: 'List users', querystring: ZUserListQuery, response: { 200: pageOf(ZUser) } },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor);
      return service.listUsers(deps.ctx(request), request.query, after as { v: string; id: string } | null);
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.read' },
      schema: { tags, summary: 'One user', params: ZIdParams, response: { 200: ZUser } },
    },
    async (request) => service.getUser(deps.ctx(request), request.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Create a staff or customer user',
        body: ZCreateUserRequest,
        response: { 201: ZUser },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createUser(deps.ctx(request), request.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: 'Update a user (roles, disable…); needs the current version',
        params: ZIdParams,
        body: ZUpdateUserRequest,
        response: { 200: ZUser },
      },
    },
    async (request) => service.updateUser(deps.ctx(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: "Set a user's password; ends all their sessions",
        params: ZIdParams,
        body: ZResetPasswordRequest,
        response: { 200: ZUser },
      },
    },
    async (request) => service.resetPassword(deps.ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/staff-directory',
    {
      config: { permission: 'staff.directory' },
      schema: {
        tags,
        summary: 'Active staff by role, for choosing engineers (names and roles only)',
        querystring: z.object({
          role: z.enum(STAFF_ROLES).optional(),
          q: z.string().trim().max(100).optional(),
        }),
        response: {
          200: z.array(z.object({ id: ZId, displayName: z.string(), roles: z.array(z.string()) })),
        },
      },
    },
    async (request) => service.staffDirectory(deps.ctx(request), request.query),
  );

  app.get(
    '/api/v1/roles',
    {
      config: { permission: 'roles.read' },
      schema: { tags, summary: 'Roles and their permissions', response: { 200: z.array(ZRoleInfo) } },
    },
    async () => ALL_ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
  );

  app.get(
    '/api/v1/api-tokens',
    {
      config: { permission: 'api_tokens.manage' },
      schema: { tags, summary: 'List API tokens', response: { 200: z.array(ZApiToken) } },
    },
    async (request) => service.listApiTokens(deps.ctx(request)),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { permission: 'api_tokens.manage' },
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: ZCreateApiTokenRequest,
        response: { 201: ZCreatedApiToken },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createApiToken(deps.ctx(request), request.body)),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { permission: 'api_tokens.manage' },
      schema: { tags, summary: 'Revoke an API token', params: ZIdParams, response: { 200: ZApiToken } },
    },
    async (request) => service.revokeApiToken(deps.ctx(request), request.params.id),
  );
}
