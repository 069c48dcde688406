// Accounts use cases: log in and out, sessions, password changes, users, API tokens.
import { createHash, randomBytes } from 'node:crypto';
import type {
  TApiToken,
  TChangePasswordRequest,
  TCreateUserRequest,
  TMe,
  TUpdateUserRequest,
  TUser,
} from '../../../common/api.ts';
import { isCustomerRole, isStaffRole, permissionsOf, type TRole } from '../../../common/roles.ts';
import type { TConfig } from '../../config.ts';
import type { Db } from '../../db/pool.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import {
  invalidField,
  notFound,
  staleVersion,
  tooManyRequests,
  unauthorized,
} from '../../platform/errors.ts';
import { pageFrom } from '../../platform/pagination.ts';
import { customerExists } from '../registry/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { weakPasswordReason } from './password-policy.ts';
import * as repo from './repository.ts';

export const SESSION_COOKIE = 'ac_session';
const TOKEN_PREFIX = 'act_';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

function toUser(row: repo.UserWithCustomer): TUser {
  return {
    id: row.id,
    kind: row.kind,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    roles: row.roles,
    customerId: row.customerId,
    customerName: row.customerName,
    locale: row.locale,
    disabled: row.disabled,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function auditableUser(row: repo.UserRow) {
  const { passwordHash: _secret, ...rest } = row;
  return rest;
}

// ---------- authentication ----------
export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/**
 * The login limits, decided on the failures recorded so far (the attempt in hand included once it is
 * reserved): an address with too many failures over all accounts waits; an account with too many
 * failures waits for the addresses they came from, while any other address gets one try per
 * `lockedRetryMs` — so guessing from elsewhere cannot lock the owner out, and stays slow.
 */
function loginRefusal(
  stats: repo.LoginFailureStats,
  now: Date,
  limits: TConfig['login'],
): { retryAfterSeconds: number } | null {
  const seconds = (at: number) => ({
    retryAfterSeconds: Math.max(1, Math.ceil((at - now.getTime()) / 1000)),
  });
  const reopensAt = (oldest: Date | null) => (oldest?.getTime() ?? now.getTime()) + limits.windowMs;
  if (stats.address.n >= limits.maxFailuresPerAddress) return seconds(reopensAt(stats.address.oldest));
  if (stats.account.n < limits.maxFailuresPerAccount) return null;
  if (stats.accountFromAddress.n > 0) return seconds(reopensAt(stats.account.oldest));
  const nextTry = (stats.account.latest?.getTime() ?? 0) + limits.lockedRetryMs;
  return nextTry > now.getTime() ? seconds(nextTry) : null;
}

/** Counting the failures and reserving this attempt is one step, so parallel guesses cannot slip past. */
async function reserveLoginAttempt(db: Db, clock: Clock, config: TConfig, username: string, ip: string) {
  return db.transaction(async (tx) => {
    await repo.lockLoginAttempts(tx, username, ip);
    const now = clock.now();
    const since = new Date(now.getTime() - config.login.windowMs);
    const refusal = loginRefusal(await repo.loginFailureStats(tx, username, ip, since), now, config.login);
    if (refusal) throw tooManyRequests(refusal.retryAfterSeconds);
    await repo.insertLoginAttempt(tx, username, ip, now);
  });
}

export async function login(db: Db, clock: Clock, config: TConfig, input: LoginInput) {
  await reserveLoginAttempt(db, clock, config, input.username, input.ip);
  const user = await repo.findUserByUsername(db, input.username);
  const ok = await verifyPassword(user && !user.disabled ? user.passwordHash : null, input.password);
  if (!user || user.disabled || !ok) throw unauthorized('Wrong username or password');
  const now = clock.now();
  const token = randomToken();
  const csrfToken = randomToken(24);
  await db.transaction(async (tx) => {
    await repo.clearFailedLogins(tx, user.username, input.ip);
    await repo.insertSession(tx, {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.sessionTtlMs),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await writeAudit(tx, actorCtx(db, clock, config.defaultTimeZone, user, input.ip), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { token, csrfToken, userId: user.id };
}

function actorCtx(db: Db, clock: Clock, timeZone: string, user: repo.UserRow, ip: string): Ctx {
  return {
    db,
    clock,
    timeZone,
    principal: principalOfUser(user, null),
    scope: { kind: 'all' },
    ip,
    requestId: null,
  };
}

function principalOfUser(user: repo.UserRow, sessionId: string | null): Principal {
  return {
    userId: user.id,
    tokenId: null,
    sessionId,
    kind: user.kind,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
    customerId: user.customerId,
    label: user.username,
    displayName: user.displayName,
    locale: user.locale,
  };
}

const SESSION_TOUCH_MS = 5 * 60_000;

/** Resolve the caller from a session cookie or a bearer API token. */
export async function authenticate(
  db: Db,
  clock: Clock,
  config: TConfig,
  credentials: { sessionToken?: string; bearer?: string },
): Promise<{ principal: Principal; csrfToken: string | null } | null> {
  const now = clock.now();
  if (credentials.bearer) {
    const token = await repo.findApiTokenByHash(db, sha256(credentials.bearer), now);
    if (!token) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await repo.markApiTokenUsed(db, token.id, now);
    }
    return {
      principal: {
        userId: null,
        tokenId: token.id,
        sessionId: null,
        kind: 'staff',
        roles: [token.role],
        permissions: permissionsOf([token.role]),
        customerId: null,
        label: `token:${token.name}`,
        displayName: token.name,
        locale: 'zh-CN',
      },
      csrfToken: null,
    };
  }
  if (!credentials.sessionToken) return null;
  const id = sha256(credentials.sessionToken);
  const found = await repo.findActiveSession(db, id, now);
  if (!found) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    // Sliding expiry, written at most every few minutes per session.
    await repo.touchSession(db, id, now, new Date(now.getTime() + config.sessionTtlMs));
  }
  return { principal: principalOfUser(found.user, id), csrfToken: found.session.csrfToken };
}

export async function logout(ctx: Ctx): Promise<void> {
  const { sessionId, userId } = ctx.principal;
  if (!sessionId || !userId) return;
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx, sessionId);
    await writeAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: userId });
  });
}

export async function getMe(ctx: Ctx, csrfToken: string | null): Promise<TMe> {
  const { principal } = ctx;
  if (!principal.userId) {
    return {
      id: '00000000-0000-0000-0000-000000000000',
      kind: 'staff',
      username: principal.label,
      displayName: principal.label,
      email: null,
      roles: principal.roles as TRole[],
      permissions: [...principal.permissions],
      customerId: null,
      customerName: null,
      locale: 'zh-CN',
      timeZone: ctx.timeZone,
      organisationTimeZone: ctx.timeZone,
      csrfToken: '',
    };
  }
  const user = await repo.findUserById(ctx.db, principal.userId);
  if (!user) throw unauthorized();
  return {
    id: user.id,
    kind: user.kind,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    roles: user.roles,
    permissions: [...permissionsOf(user.roles)],
    customerId: user.customerId,
    customerName: user.customerName,
    locale: user.locale,
    timeZone: user.timeZone,
    organisationTimeZone: ctx.timeZone,
    csrfToken: csrfToken ?? '',
  };
}

export async function updateProfile(
  ctx: Ctx,
  input: { displayName?: string; email?: string | null; locale?: 'zh-CN' | 'en' },
): Promise<void> {
  const userId = requireUser(ctx);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findUserById(tx, userId);
    if (!before) throw notFound('User');
    const after = await repo.updateUser(tx, userId, before.version, input);
    if (!after) throw staleVersion('Your profile');
    await writeAudit(tx, ctx, {
      action: 'user.update-profile',
      entityType: 'user',
      entityId: userId,
      before: auditableUser(before),
      after: auditableUser(after),
    });
  });
}

/** Changing a password ends every other session of the user. */
export async function changePassword(
  ctx: Ctx,
  input: TChangePasswordRequest,
): Promise<{ endedSessions: number }> {
  const userId = requireUser(ctx);
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw unauthorized();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalidField('currentPassword', 'is not your current password');
  }
  assertStrongPassword('newPassword', input.newPassword, user);
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    const updated = await repo.updateUser(tx, userId, user.version, { passwordHash });
    if (!updated) throw staleVersion('Your account');
    const endedSessions = await repo.deleteUserSessions(tx, userId, ctx.principal.sessionId);
    await writeAudit(tx, ctx, {
      action: 'user.change-password',
      entityType: 'user',
      entityId: userId,
      after: { endedSessions },
    });
    return { endedSessions };
  });
}

function assertStrongPassword(
  field: string,
  password: string,
  names: { username: string; displayName: string },
) {
  const reason = weakPasswordReason(password, names);
  if (reason) throw invalidField(field, reason);
}

function requireUser(ctx: Ctx): string {
  if (!ctx.principal.userId) throw unauthorized('This needs a user session, not an API token');
  return ctx.principal.userId;
}

// ---------- user administration ----------
function checkRoles(kind: 'staff' | 'customer', roles: readonly string[]) {
  const fits = kind === 'staff' ? isStaffRole : isCustomerRole;
  const wrong = roles.find((r) => !fits(r));
  if (wrong) throw invalidField('roles', `${wrong} is not a ${kind} role`);
}

export async function listUsers(
  ctx: Ctx,
  query: { q?: string; kind?: string; role?: string; customerId?: string; cursor?: string; limit: number },
  after: { v: string; id: string } | null,
) {
  const rows = await repo.listUsers(ctx.db, query, after, query.limit);
  const page = pageFrom(rows, query.limit, (r) => ({ v: r.username.toLowerCase(), id: r.id }));
  return { items: page.items.map(toUser), nextCursor: page.nextCursor };
}

export async function getUser(ctx: Ctx, id: string): Promise<TUser> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw notFound('User');
  return toUser(row);
}

export async function createUser(ctx: Ctx, input: TCreateUserRequest): Promise<TUser> {
  checkRoles(input.kind, input.roles);
  if (input.kind === 'customer' && !input.customerId) {
    throw invalidField('customerId', 'is required for a customer user');
  }
  if (input.kind === 'staff' && input.customerId) throw invalidField('customerId', 'must be empty for staff');
  if (input.customerId && !(await customerExists(ctx.db, input.customerId))) {
    throw invalidField('customerId', 'no such customer');
  }
  assertStrongPassword('password', input.password, input);
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertUser(tx, {
      kind: input.kind,
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      roles: [...new Set(input.roles)],
      customerId: input.customerId ?? null,
      locale: input.locale,
      timeZone: ctx.timeZone,
      passwordHash,
    });
    await writeAudit(tx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      after: auditableUser(row),
    });
    return row.id;
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: string, input: TUpdateUserRequest): Promise<TUser> {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findUserById(tx, id);
    if (!before) throw notFound('User');
    if (input.roles) checkRoles(before.kind, input.roles);
    if (input.disabled && id === ctx.principal.userId)
      throw invalidField('disabled', 'you cannot disable yourself');
    const { version, ...changes } = input;
    const after = await repo.updateUser(tx, id, version, {
      ...changes,
      roles: input.roles ? [...new Set(input.roles)] : undefined,
    });
    if (!after) throw staleVersion('User');
    if (input.disabled) await repo.deleteUserSessions(tx, id);
    await writeAudit(tx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: auditableUser(before),
      after: auditableUser(after),
    });
  });
  return getUser(ctx, id);
}

export async function resetPassword(ctx: Ctx, id: string, input: { version: number; newPassword: string }) {
  const user = await repo.findUserById(ctx.db, id);
  if (!user) throw notFound('User');
  assertStrongPassword('newPassword', input.newPassword, user);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateUser(tx, id, input.version, { passwordHash });
    if (!updated) {
      if (!(await repo.findUserById(tx, id))) throw notFound('User');
      throw staleVersion('User');
    }
    await repo.deleteUserSessions(tx, id);
    await writeAudit(tx, ctx, { action: 'user.reset-password', entityType: 'user', entityId: id });
  });
  return getUser(ctx, id);
}

// ---------- API tokens ----------
function toApiToken(row: Awaited<ReturnType<typeof repo.insertApiToken>>): TApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(ctx: Ctx): Promise<TApiToken[]> {
  return (await repo.listApiTokens(ctx.db)).map(toApiToken);
}

export async function createApiToken(
  ctx: Ctx,
  input: { name: string; role: TRole; expiresAt?: string | null },
) {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertApiToken(tx, {
      name: input.name,
      role: input.role,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      createdBy: ctx.principal.userId,
      createdAt: ctx.clock.now(),
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    await writeAudit(tx, ctx, {
      action: 'api-token.create',
      entityType: 'api_token',
      entityId: row.id,
      after: row,
    });
    return { ...toApiToken(row), token };
  });
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<TApiToken> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.revokeApiToken(tx, id, ctx.clock.now());
    if (!row) throw notFound('Active API token');
    await writeAudit(tx, ctx, { action: 'api-token.revoke', entityType: 'api_token', entityId: id });
    return toApiToken(row);
  });
}

export async function purgeExpiredSessions(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  await repo.deleteOldLoginAttempts(db, new Date(now.getTime() - 24 * 3600_000));
  return repo.deleteExpiredSessions(db, now);
}

export async function staffDirectory(ctx: Ctx, query: { role?: string; q?: string }) {
  if (ctx.scope.kind === 'customer') return [];
  const rows = await repo.listUsers(ctx.db, { kind: 'staff', role: query.role, q: query.q }, null, 200);
  return rows
    .filter((r) => !r.disabled)
    .map((r) => ({ id: r.id, displayName: r.displayName, roles: r.roles }));
}
