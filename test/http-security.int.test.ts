import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

const METRICS_TOKEN = 'metrics-token-0123456789';
let t: TestApp;
let proxied: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { METRICS_TOKEN } });
  proxied = await createTestApp({ env: { TRUST_PROXY: '1' } });
});
afterAll(async () => {
  await t.close();
  await proxied.close();
});

describe('/metrics', () => {
  const scrape = (remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });

  it('is served to a scraper on this machine', async () => {
    const res = await scrape('127.0.0.1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds');
  });

  it('is refused to another address without the token, and with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-metrics-token' }] as Record<
      string,
      string
    >[]) {
      const res = await scrape('203.0.113.5', headers);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toContain('http_request_duration_seconds');
    }
  });

  it('is served to another address that sends METRICS_TOKEN', async () => {
    const res = await scrape('203.0.113.5', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.statusCode).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  it('with a hop count of 1, takes the address the proxy saw, not a forged leftmost one', async () => {
    const username = `xff-${Date.now()}`;
    const res = await proxied.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': '127.0.0.1, 198.51.100.7, 203.0.113.9' },
      payload: { username, password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    const rows = await proxied.db.execute<{ ip: string }>(
      sql`select ip from login_attempts where username = ${username}`,
    );
    expect(rows.rows.map((r) => r.ip)).toEqual(['203.0.113.9']);
  });

  it('a forged X-Forwarded-For from 127.0.0.1 does not open /metrics behind a proxy', async () => {
    const res = await proxied.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('Content-Security-Policy', () => {
  it('does not ask the browser to upgrade requests over plain http', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { host: 'aftercare.lan:3000' },
    });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('asks for the upgrade over https', async () => {
    const res = await proxied.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https', host: 'service.example.com' },
    });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain('upgrade-insecure-requests');
  });
});

describe('bad URLs', () => {
  it('answers an over-long path segment with a 414 problem document that does not echo the URL', async () => {
    const marker = `zz${'q'.repeat(300)}`;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/customers/${marker}` });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 414, title: 'URI too long' });
    expect(res.body).not.toContain('qqqqqqqqqq');
  });

  it('answers a malformed percent-encoding with a 400 problem document that does not echo the URL', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers/%E0%A4%A<script>' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400 });
    expect(res.body).not.toContain('script');
  });
});
