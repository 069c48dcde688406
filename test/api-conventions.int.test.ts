// Conventions every route must keep: bad input → 4xx naming the field (never 500), 409 on stale
// versions, idempotent POST, customer confinement, audit written and unalterable.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, createTestApp, loginAs, newKey, type Session, type TestApp } from './helpers.ts';
import { defOf, fillRoute, SAMPLE_ID, shapeOf, unwrap } from './route-sweep.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

describe('every route validates its input', () => {
  it('answers malformed JSON with 400, never 500', async () => {
    const bodyRoutes = t.app.apiRoutes.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method));
    expect(bodyRoutes.length).toBeGreaterThan(5);
    for (const route of bodyRoutes) {
      const res = await t.app.inject({
        method: route.method as 'POST',
        url: fillRoute(route),
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        payload: '{"name": "unterminated',
      });
      expect([400, 415], `${route.method} ${route.url} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers an oversized body with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    for (const route of t.app.apiRoutes.filter((r) => r.schema?.body)) {
      const res = await t.app.inject({
        method: route.method as 'POST',
        url: fillRoute(route),
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        payload: big,
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(413);
    }
  });

  it('answers wrong types with 400 and an error for each field', async () => {
    for (const route of t.app.apiRoutes) {
      const shape = shapeOf(route.schema?.body);
      if (!shape) continue;
      const payload = Object.fromEntries(Object.keys(shape).map((k) => [k, { wrong: { deeper: true } }]));
      const res = await admin.request(route.method as 'POST', fillRoute(route), payload);
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(400);
      const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
      for (const key of Object.keys(shape)) {
        expect(
          fields.some((f) => f === key || f.startsWith(`${key}.`)),
          `${route.url} names ${key}: ${fields.join(', ')}`,
        ).toBe(true);
      }
    }
  });

  it('answers unknown fields with 400 naming the field', async () => {
    for (const route of t.app.apiRoutes) {
      if (!shapeOf(route.schema?.body)) continue;
      const res = await admin.request(route.method as 'POST', fillRoute(route), { surprise: 1 });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('surprise');
    }
  });

  it('answers unknown enum values with 400 naming the field', async () => {
    let probed = 0;
    for (const route of t.app.apiRoutes) {
      for (const where of ['body', 'querystring'] as const) {
        const shape = shapeOf(route.schema?.[where]);
        if (!shape) continue;
        for (const [key, field] of Object.entries(shape)) {
          if (defOf(unwrap(field)).type !== 'enum') continue;
          probed++;
          const url = fillRoute(route);
          const res =
            where === 'body'
              ? await admin.request(route.method as 'POST', url, { [key]: 'no-such-value' })
              : await admin.request(route.method as 'GET', `${url}?${key}=no-such-value`);
          expect(res.statusCode, `${route.method} ${route.url} ${key}`).toBe(400);
          expect((res.json().errors as { field: string }[]).map((e) => e.field)).toContain(key);
        }
      }
    }
    expect(probed).toBeGreaterThan(2);
  });

  it('answers a malformed id in the path with 400', async () => {
    for (const route of t.app.apiRoutes.filter((r) => r.url.includes(':id'))) {
      const res = await admin.request(
        route.method as 'GET',
        fillRoute(route, 'not-an-id'),
        route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      );
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(400);
    }
  });

  it('answers a garbage cursor with 400', async () => {
    const res = await admin.request('GET', '/api/v1/customers?cursor=%%%garbage');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('cursor');
  });
});

describe('permissions', () => {
  it('every route refuses an anonymous caller', async () => {
    for (const route of t.app.apiRoutes) {
      if (route.url === '/api/v1/auth/login') continue;
      // Signed-link routes (a survey link) need no login: an unsigned or unknown link is a 404.
      if (route.url.startsWith('/api/v1/public/')) {
        const res = await t.app.inject({ method: route.method as 'GET', url: fillRoute(route), payload: {} });
        expect([400, 404], `${route.method} ${route.url}`).toContain(res.statusCode);
        continue;
      }
      const res = await t.app.inject({ method: route.method as 'GET', url: fillRoute(route) });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses staff without the permission with 403', async () => {
    const { session: field } = await loginAs(t, { role: 'field_engineer' });
    expect((await field.request('GET', '/api/v1/users')).statusCode).toBe(403);
    expect((await field.request('GET', '/api/v1/audit')).statusCode).toBe(403);
    expect((await field.request('POST', '/api/v1/customers', { code: 'NOPE', name: 'x' })).statusCode).toBe(
      403,
    );
  });

  it("answers customer A reading customer B's record with 404, same as a missing one", async () => {
    const a = await buildCustomer(t.db);
    const b = await buildCustomer(t.db);
    const { session } = await loginAs(t, { customerId: a.id });
    expect((await session.request('GET', `/api/v1/customers/${a.id}`)).statusCode).toBe(200);
    const other = await session.request('GET', `/api/v1/customers/${b.id}`);
    const missing = await session.request('GET', `/api/v1/customers/${SAMPLE_ID}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().detail).toBe(missing.json().detail);
    const list = (await session.request('GET', '/api/v1/customers?limit=200')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([a.id]);
    expect(
      (await session.request('GET', `/api/v1/customers?q=${encodeURIComponent(b.name)}`)).json().items,
    ).toEqual([]);
  });

  it('exposes the role → permission table to admins', async () => {
    const res = await admin.request('GET', '/api/v1/roles');
    expect(res.statusCode).toBe(200);
    const agent = res.json().find((r: { role: string }) => r.role === 'agent');
    expect(agent.permissions).toContain('customers.manage');
    expect(agent.permissions).not.toContain('users.manage');
  });
});

describe('optimistic concurrency', () => {
  it('rejects an update with a stale version with 409 and keeps the first change', async () => {
    const c = await buildCustomer(t.db);
    const first = await admin.request('PATCH', `/api/v1/customers/${c.id}`, {
      version: c.version,
      name: 'First',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(c.version + 1);
    const second = await admin.request('PATCH', `/api/v1/customers/${c.id}`, {
      version: c.version,
      name: 'Second',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().errors[0].field).toBe('version');
    expect((await admin.request('GET', `/api/v1/customers/${c.id}`)).json().name).toBe('First');
  });
});

describe('idempotency', () => {
  it('a retried POST with the same key returns the first response and creates nothing', async () => {
    const key = newKey();
    const body = { code: `IDEM-${key.slice(0, 8)}`, name: 'Idempotent Ltd' };
    const first = await admin.request('POST', '/api/v1/customers', body, { 'idempotency-key': key });
    const retry = await admin.request('POST', '/api/v1/customers', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const count = await t.db.execute(sql`select count(*)::int as n from customers where code = ${body.code}`);
    expect(count.rows[0]!.n).toBe(1);
  });

  it('refuses the same key with a different body', async () => {
    const key = newKey();
    await admin.request(
      'POST',
      '/api/v1/customers',
      { code: `K1-${key.slice(0, 6)}`, name: 'a' },
      { 'idempotency-key': key },
    );
    const other = await admin.request(
      'POST',
      '/api/v1/customers',
      { code: `K2-${key.slice(0, 6)}`, name: 'b' },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(422);
  });

  it('lets a failed request be retried with the same key', async () => {
    const key = newKey();
    const dup = await buildCustomer(t.db);
    const failed = await admin.request(
      'POST',
      '/api/v1/customers',
      { code: dup.code, name: 'dup' },
      { 'idempotency-key': key },
    );
    expect(failed.statusCode).toBe(409);
    const ok = await admin.request(
      'POST',
      '/api/v1/customers',
      { code: dup.code, name: 'dup' },
      { 'idempotency-key': key },
    );
    expect(ok.statusCode).toBe(409);
  });
});

describe('transactions', () => {
  it('a failed create leaves nothing behind (no row, no audit entry)', async () => {
    const existing = await buildCustomer(t.db);
    const before = await t.db.execute(sql`select count(*)::int as n from audit_log`);
    const res = await admin.request('POST', '/api/v1/customers', {
      code: existing.code.toLowerCase(),
      name: 'Clash',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('code');
    const after = await t.db.execute(sql`select count(*)::int as n from audit_log`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe('audit log', () => {
  it('records actor, action, before/after and address for a change', async () => {
    const c = await buildCustomer(t.db);
    await admin.request('PATCH', `/api/v1/customers/${c.id}`, {
      version: c.version,
      contactPhone: '13800000000',
    });
    const res = await admin.request(
      'GET',
      `/api/v1/audit?entityType=customer&entityId=${c.id}&action=customer.update`,
    );
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items;
    expect(entry.actorId).toBe(admin.me.id);
    expect(entry.before.contactPhone).toBeNull();
    expect(entry.after.contactPhone).toBe('13800000000');
    expect(entry.ip).toBeTruthy();
  });

  it('never stores password hashes', async () => {
    const res = await admin.request('GET', '/api/v1/audit?action=user.create&limit=5');
    expect(res.body).not.toMatch(/argon2/);
  });

  it('cannot be altered or deleted, even by direct SQL', async () => {
    for (const statement of [
      "update audit_log set action = 'forged'",
      'delete from audit_log',
      'truncate audit_log',
    ]) {
      await expect(t.pool.query(statement), statement).rejects.toThrow(/append-only/);
    }
    expect((await t.pool.query('select count(*)::int as n from audit_log')).rows[0].n).toBeGreaterThan(0);
  });

  it('pages through entries with a cursor', async () => {
    const page1 = (await admin.request('GET', '/api/v1/audit?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await admin.request('GET', `/api/v1/audit?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(Number(page2.items[0].id)).toBeLessThan(Number(page1.items[1].id));
  });
});

describe('health and docs', () => {
  it('serves /healthz, /metrics and the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).toContain(
      'http_request_duration_seconds',
    );
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/customers');
  });
});
