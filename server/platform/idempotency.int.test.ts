// A key left running by a request whose process died (kill -9) is taken over once its lease is over.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, newKey, type Session, type TestApp } from '../../test/helpers.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, { role: 'admin' })).session;
});
afterAll(async () => {
  await t.close();
});

async function requestHashOf(key: string) {
  const r = await t.db.execute<{ request_hash: string }>(
    sql`select request_hash from idempotency_keys where key = ${key}`,
  );
  return r.rows[0]!.request_hash;
}

describe('idempotency lease', () => {
  it('a retry takes over a key left running past its lease, and runs the request once', async () => {
    const key = newKey();
    const body = { code: `LEASE-${key.slice(0, 6)}`, name: 'Lease Ltd' };
    // Learn the hash the key stores for this body, then leave the key as a crashed request would.
    const probe = newKey();
    await admin.request('POST', '/api/v1/customers', body, { 'idempotency-key': probe });
    const hash = await requestHashOf(probe);
    await t.db.execute(sql`delete from customers where code = ${body.code}`);
    await t.db.execute(sql`insert into idempotency_keys (principal, key, method, path, request_hash, created_at)
      values (${admin.me.id}, ${key}, 'POST', '/api/v1/customers', ${hash}, now() - interval '2 days')`);

    const retry = await admin.request('POST', '/api/v1/customers', body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    const again = await admin.request('POST', '/api/v1/customers', body, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(retry.json().id);
    const count = await t.db.execute(sql`select count(*)::int as n from customers where code = ${body.code}`);
    expect(count.rows[0]!.n).toBe(1);
  });

  it('a key still inside its lease answers 409', async () => {
    const key = newKey();
    const body = { code: `HELD-${key.slice(0, 6)}`, name: 'Held Ltd' };
    const probe = newKey();
    await admin.request('POST', '/api/v1/customers', body, { 'idempotency-key': probe });
    const hash = await requestHashOf(probe);
    await t.db.execute(sql`insert into idempotency_keys (principal, key, method, path, request_hash)
      values (${admin.me.id}, ${key}, 'POST', '/api/v1/customers', ${hash})`);
    const retry = await admin.request('POST', '/api/v1/customers', body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(409);
  });
});
