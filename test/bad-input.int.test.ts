// Bad input over every route of the API: text PostgreSQL cannot store (NUL, unpaired surrogates), a
// cursor that decodes to it, versions past int4, malformed multipart. Each is a 4xx problem document
// naming what is wrong — never a 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnstorableText } from '../server/platform/input-guards.ts';
import { createTestApp, loginAs, type Session, type TestApp } from './helpers.ts';
import { fillRoute, shapeOf } from './route-sweep.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(() => t.close());

const headers = () => ({
  cookie: admin.cookie,
  'x-csrf-token': admin.csrf,
  'content-type': 'application/json',
});

/** A body with the route's first string-like field set to `text` (or a generic field). */
function bodyWithText(route: { schema?: { body?: unknown } }, text: string): Record<string, unknown> {
  const shape = shapeOf(route.schema?.body);
  const field = shape ? (Object.keys(shape).find((k) => k !== 'version') ?? 'name') : 'name';
  return { [field]: text };
}

describe('text that cannot be stored', () => {
  it('finds NUL and unpaired surrogates anywhere in a value, and nothing in well-formed text', () => {
    expect(findUnstorableText({ a: [{ b: 'x\u0000y' }] })).toEqual({
      field: 'a.0.b',
      message: 'contains a NUL character',
    });
    expect(findUnstorableText({ s: 'ok \ud83d\ude00', t: 'bad \ud800' })?.field).toBe('t');
    expect(findUnstorableText({ 'k\udc00': 1 })?.field).toBe('k\udc00');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(findUnstorableText({ s: s.replaceAll('\u0000', '') })).toBeNull();
      }),
    );
  });

  it('answers a NUL in any body with 400 naming the field, on every route', async () => {
    const bodyRoutes = t.app.apiRoutes.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method));
    for (const route of bodyRoutes) {
      const body = bodyWithText(route, 'a\u0000b');
      const res = await t.app.inject({
        method: route.method as 'POST',
        url: fillRoute(route),
        headers: headers(),
        payload: JSON.stringify(body),
      });
      const what = `${route.method} ${route.url} → ${res.statusCode}`;
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, what).toBeLessThan(500);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
    }
  });

  it('answers an unpaired surrogate in a body with 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: headers(),
      payload: '{"code":"SURR","name":"bad \\ud800 name","kind":"company"}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'name', message: 'contains an unpaired surrogate (not valid Unicode text)' },
    ]);
  });

  it('answers a NUL in a query string or in a decoded cursor with 400 on every list', async () => {
    const evilCursor = Buffer.from(JSON.stringify(['a\u0000', 'b'])).toString('base64url');
    // The live stream stays open by design; every other GET answers.
    const lists = t.app.apiRoutes.filter((r) => r.method === 'GET' && !r.url.endsWith('/live'));
    for (const route of lists) {
      for (const query of [`q=a%00b`, `cursor=${evilCursor}`]) {
        const res = await t.app.inject({
          method: 'GET',
          url: `${fillRoute(route)}?${query}`,
          headers: headers(),
        });
        const what = `GET ${route.url}?${query} → ${res.statusCode}`;
        expect(res.statusCode, what).toBeLessThan(500);
      }
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers?q=a%00b', headers: headers() });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('q');
  });
});

describe('numbers past what a column holds', () => {
  it('answers a version ≥ 2³¹ with 400 naming version on every PATCH', async () => {
    const patches = t.app.apiRoutes.filter((r) => r.method === 'PATCH' && shapeOf(r.schema?.body)?.version);
    expect(patches.length).toBeGreaterThan(5);
    for (const route of patches) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: fillRoute(route),
        headers: headers(),
        payload: JSON.stringify({ version: 2 ** 31 }),
      });
      const what = `PATCH ${route.url} → ${res.statusCode} ${res.body}`;
      expect(res.statusCode, what).toBe(400);
      expect(
        (res.json().errors ?? []).map((e: { field: string }) => e.field),
        what,
      ).toContain('version');
    }
  });
});

describe('malformed multipart', () => {
  it('answers an unterminated part with 400, on uploads and imports', async () => {
    const boundary = '----aftercare';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004 unterminated`;
    for (const url of ['/api/v1/files', '/api/v1/imports?kind=customers']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
      const what = `POST ${url} → ${res.statusCode} ${res.body}`;
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
    }
  });
});
