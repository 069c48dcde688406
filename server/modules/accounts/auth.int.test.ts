import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildUser,
  createTestApp,
  login,
  loginAs,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/helpers.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('login', () => {
  it('logs in with the right password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const user = await buildUser(t.db, { role: 'agent' });
    const res = await post('/api/v1/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ac_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().permissions).toContain('customers.read');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `ac_session=${cookie?.value}` },
    });
    expect(me.json().username).toBe(user.username);
  });

  it('rejects a wrong password with 401 and a problem document', async () => {
    const user = await buildUser(t.db);
    const res = await post('/api/v1/auth/login', { username: user.username, password: 'not-the-password' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/wrong username or password/i);
    expect(res.cookies).toHaveLength(0);
  });

  it('rejects a disabled user even with the right password', async () => {
    const { session: admin } = await loginAs(t, { role: 'admin' });
    const user = await buildUser(t.db);
    const off = await admin.request('PATCH', `/api/v1/users/${user.id}`, {
      version: user.version,
      disabled: true,
    });
    expect(off.statusCode).toBe(200);
    const res = await post('/api/v1/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(401);
  });

  it('rate-limits an account after repeated failures with 429 and Retry-After, then reopens', async () => {
    const user = await buildUser(t.db);
    for (let i = 0; i < 5; i++) {
      const r = await post('/api/v1/auth/login', { username: user.username, password: 'wrong-password' });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await post('/api/v1/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    clock.advance(retryAfter * 1000 + 1000);
    const again = await post('/api/v1/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(again.statusCode).toBe(200);
  });

  it('rate-limits an address trying many accounts', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const local = await createTestApp({
      clock,
      env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' },
    });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await local.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: `nobody-${i}`, password: 'x' },
          headers,
        });
        expect(r.statusCode).toBe(401);
      }
      const user = await buildUser(local.db);
      const blocked = await local.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
        headers,
      });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
    } finally {
      await local.close();
    }
  });
});

describe('login limits', () => {
  const from = (ip: string, username: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('checks at most the limit of passwords when 30 wrong ones arrive at once', async () => {
    const user = await buildUser(t.db);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => from('198.51.100.20', user.username, 'wrong-password')),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(25);
    const recorded = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from login_attempts where username = ${user.username.toLowerCase()}`,
    );
    expect(recorded.rows[0]?.n).toBe(5);
  });

  it('lets the right password through from an address without failures after a short delay', async () => {
    const user = await buildUser(t.db);
    for (let i = 0; i < 5; i++) {
      expect((await from('198.51.100.30', user.username, 'wrong-password')).statusCode).toBe(401);
    }
    const atOnce = await from('198.51.100.31', user.username, TEST_PASSWORD);
    expect(atOnce.statusCode).toBe(429);
    expect(Number(atOnce.headers['retry-after'])).toBeLessThanOrEqual(10);
    clock.advance(10_000);
    expect((await from('198.51.100.31', user.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await from('198.51.100.30', user.username, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('gives a locked account one guess per interval from other addresses, not one per address', async () => {
    const user = await buildUser(t.db, { role: 'admin' });
    for (let i = 0; i < 5; i++) await from('198.51.100.40', user.username, 'wrong-password');
    clock.advance(10_000);
    const spread = await Promise.all(
      Array.from({ length: 10 }, (_, i) => from(`198.51.100.${50 + i}`, user.username, 'wrong-password')),
    );
    expect(spread.filter((r) => r.statusCode === 401)).toHaveLength(1);
    expect(spread.filter((r) => r.statusCode === 429)).toHaveLength(9);
  });
});

describe('sessions', () => {
  it('logout ends the session', async () => {
    const { session } = await loginAs(t);
    expect((await session.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await session.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    const user = await buildUser(t.db);
    const a = await login(t, user.username);
    const b = await login(t, user.username);
    const res = await a.request('POST', '/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a-brand-new-password',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().endedSessions).toBe(1);
    expect((await a.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await b.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect(
      (await post('/api/v1/auth/login', { username: user.username, password: TEST_PASSWORD })).statusCode,
    ).toBe(401);
    expect(
      (await post('/api/v1/auth/login', { username: user.username, password: 'a-brand-new-password' }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a password change with the wrong current password, naming the field', async () => {
    const { session } = await loginAs(t);
    const res = await session.request('POST', '/api/v1/me/password', {
      currentPassword: 'wrong-current',
      newPassword: 'another-long-password',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('currentPassword');
  });

  it('an expired session no longer authenticates', async () => {
    const { session } = await loginAs(t);
    clock.advance(13 * 3600_000);
    expect((await session.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });
});

describe('weak passwords', () => {
  it('are refused on user creation, password change and reset, naming the field', async () => {
    const { session: admin } = await loginAs(t, { role: 'admin' });
    const create = (password: string) =>
      admin.request('POST', '/api/v1/users', {
        kind: 'staff',
        username: 'zhou.weak',
        displayName: 'Zhou Weak',
        roles: ['agent'],
        password,
      });
    for (const password of ['aaaaaaaaaa', 'password123', '1234567890', 'zhou.weak-2026']) {
      const res = await create(password);
      expect(res.statusCode, password).toBe(422);
      expect(res.json().errors[0].field).toBe('password');
    }
    expect((await create('plum blossoms in the snow')).statusCode).toBe(201);

    const { user, session } = await loginAs(t);
    const change = await session.request('POST', '/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'qwertyuiop',
    });
    expect(change.statusCode).toBe(422);
    expect(change.json().errors[0]).toMatchObject({ field: 'newPassword' });
    expect(change.json().errors[0].message).toMatch(/easy to guess/);

    const reset = await admin.request('POST', `/api/v1/users/${user.id}/reset-password`, {
      version: user.version,
      newPassword: `${user.username}!`,
    });
    expect(reset.statusCode).toBe(422);
    expect(reset.json().errors[0]).toMatchObject({
      field: 'newPassword',
      message: 'must not contain your login name or display name',
    });
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const { session } = await loginAs(t, { role: 'agent' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: session.cookie },
      payload: { code: 'CSRF-1', name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/CSRF/);
  });

  it('refuses a request from a foreign Origin even with the token', async () => {
    const { session } = await loginAs(t, { role: 'agent' });
    const res = await session.request(
      'POST',
      '/api/v1/customers',
      { code: 'CSRF-2', name: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
  });

  it('refuses a login posted from a foreign site', async () => {
    const user = await buildUser(t.db);
    const res = await post(
      '/api/v1/auth/login',
      { username: user.username, password: TEST_PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
  });

  it('accepts the same-origin request with the token', async () => {
    const { session } = await loginAs(t, { role: 'agent' });
    const res = await session.request(
      'POST',
      '/api/v1/customers',
      { code: 'CSRF-3', name: 'ok' },
      { origin: 'http://localhost:80', host: 'localhost:80' },
    );
    expect(res.statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('authenticates with a bearer token scoped to its role, until revoked', async () => {
    const { session: admin } = await loginAs(t, { role: 'admin' });
    const created = await admin.request('POST', '/api/v1/api-tokens', { name: 'erp', role: 'agent' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const auth = { authorization: `Bearer ${token}` };
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: auth });
    expect(list.statusCode).toBe(200);
    // bearer requests need no CSRF token: no cookie is involved
    const make = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: auth,
      payload: { code: `TOK-${id.slice(0, 6)}`, name: 'via token' },
    });
    expect(make.statusCode).toBe(201);
    // an agent token cannot manage users
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: auth })).statusCode).toBe(403);
    const tokens = (await admin.request('GET', '/api/v1/api-tokens')).json();
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect((await admin.request('DELETE', `/api/v1/api-tokens/${id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: auth })).statusCode).toBe(
      401,
    );
  });

  it('rejects an unknown token', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { authorization: 'Bearer act_nonsense' },
    });
    expect(res.statusCode).toBe(401);
  });
});
