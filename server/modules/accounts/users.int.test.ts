import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildUser,
  createTestApp,
  login,
  loginAs,
  type Session,
  type TestApp,
} from '../../../test/helpers.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

describe('user administration', () => {
  it('creates a staff user who can then log in with the given role', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      kind: 'staff',
      username: 'new.trainer',
      displayName: '陈老师',
      roles: ['trainer'],
      password: 'trainer-password-1',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'staff', roles: ['trainer'], disabled: false, version: 1 });
    expect(JSON.stringify(res.json())).not.toMatch(/password/i);
    const session = await login(t, 'NEW.TRAINER', 'trainer-password-1');
    expect(session.me.roles).toEqual(['trainer']);
  });

  it('creates a customer user bound to one organisation', async () => {
    const c = await buildCustomer(t.db);
    const res = await admin.request('POST', '/api/v1/users', {
      kind: 'customer',
      username: `portal-${c.code}`,
      displayName: 'Portal',
      roles: ['customer_admin'],
      customerId: c.id,
      password: 'customer-password-1',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().customerName).toBe(c.name);
  });

  it('refuses mismatched kinds and roles, naming the field', async () => {
    const c = await buildCustomer(t.db);
    const cases = [
      [{ kind: 'customer', roles: ['customer_user'] }, 'customerId'],
      [{ kind: 'customer', roles: ['admin'], customerId: c.id }, 'roles'],
      [{ kind: 'staff', roles: ['customer_user'] }, 'roles'],
      [{ kind: 'staff', roles: ['agent'], customerId: c.id }, 'customerId'],
    ] as const;
    for (const [fields, field] of cases) {
      const res = await admin.request('POST', '/api/v1/users', {
        username: `x-${Math.random().toString(36).slice(2, 8)}`,
        displayName: 'x',
        password: 'long-enough-password',
        ...fields,
      });
      expect(res.statusCode, JSON.stringify(fields)).toBe(422);
      expect(res.json().errors[0].field).toBe(field);
    }
  });

  it('refuses a duplicate username regardless of case with 409', async () => {
    const u = await buildUser(t.db);
    const res = await admin.request('POST', '/api/v1/users', {
      kind: 'staff',
      username: u.username.toUpperCase(),
      displayName: 'dup',
      roles: ['agent'],
      password: 'long-enough-password',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('username');
  });

  it('refuses a short password naming the field', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      kind: 'staff',
      username: 'shorty',
      displayName: 'x',
      roles: ['agent'],
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('password');
  });

  it('disabling a user ends their sessions; resetting a password ends them too', async () => {
    const u = await buildUser(t.db);
    const s1 = await login(t, u.username);
    const off = await admin.request('PATCH', `/api/v1/users/${u.id}`, { version: u.version, disabled: true });
    expect(off.statusCode).toBe(200);
    expect((await s1.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const on = await admin.request('PATCH', `/api/v1/users/${u.id}`, {
      version: off.json().version,
      disabled: false,
    });
    const s2 = await login(t, u.username);
    const reset = await admin.request('POST', `/api/v1/users/${u.id}/reset-password`, {
      version: on.json().version,
      newPassword: 'reset-by-the-admin',
    });
    expect(reset.statusCode).toBe(200);
    expect((await s2.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await login(t, u.username, 'reset-by-the-admin')).me.id).toBe(u.id);
  });

  it('an admin cannot disable themself', async () => {
    const me = (await admin.request('GET', `/api/v1/users/${admin.me.id}`)).json();
    const res = await admin.request('PATCH', `/api/v1/users/${admin.me.id}`, {
      version: me.version,
      disabled: true,
    });
    expect(res.statusCode).toBe(422);
  });

  it('lists users with filters and a stable cursor', async () => {
    const c = await buildCustomer(t.db);
    for (let i = 0; i < 3; i++) await buildUser(t.db, { customerId: c.id });
    const first = (await admin.request('GET', `/api/v1/users?customerId=${c.id}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const second = (
      await admin.request('GET', `/api/v1/users?customerId=${c.id}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(3);
    const staff = (await admin.request('GET', '/api/v1/users?kind=staff&role=admin')).json();
    expect(staff.items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
  });

  it('a manager may read users but not change them', async () => {
    const { session: manager } = await loginAs(t, { role: 'manager' });
    expect((await manager.request('GET', '/api/v1/users')).statusCode).toBe(200);
    const u = await buildUser(t.db);
    expect(
      (await manager.request('PATCH', `/api/v1/users/${u.id}`, { version: 1, roles: ['admin'] })).statusCode,
    ).toBe(403);
  });

  it('a user updates their own profile and language', async () => {
    const { session } = await loginAs(t, { role: 'agent' });
    const res = await session.request('PATCH', '/api/v1/me', { displayName: '新名字', locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '新名字', locale: 'en' });
  });
});
