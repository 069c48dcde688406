// The response is stored in the same transaction as the work, so a crash leaves either both (a retry
// gets the stored response) or neither (a retry runs the request once). A key left running by a
// request whose process died (kill -9) is taken over once its lease is over.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  createTestApp,
  loginAs,
  newKey,
  type Session,
  type TestApp,
} from '../../test/helpers.ts';

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

describe('the response is stored in the same transaction as the work', () => {
  const ticketsWith = async (subject: string) =>
    (
      await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from tickets where subject = ${subject}`,
      )
    ).rows[0]!.n;
  const ageKey = (key: string) =>
    t.db.execute(sql`update idempotency_keys set created_at = now() - interval '2 days' where key = ${key}`);

  it('a failure while storing the response keeps no work; the retry runs once', async () => {
    // The process dies at the last step before commit: storing the response fails.
    await t.db.execute(sql`create function test_fail_response_store() returns trigger language plpgsql as $$
      begin
        if new.status_code is not null and new.key like 'crash-%' then
          raise exception 'simulated crash while storing the response';
        end if;
        return new;
      end $$`);
    await t.db.execute(sql`create trigger test_fail_response_store before update on idempotency_keys
      for each row execute function test_fail_response_store()`);
    const customer = await buildCustomer(t.db);
    const subject = `crash-before-commit ${newKey()}`;
    const body = { kind: 'consultation', customerId: customer.id, subject, description: 'x' };
    const key = `crash-${newKey()}`;
    try {
      const first = await admin.request('POST', '/api/v1/tickets', body, { 'idempotency-key': key });
      expect(first.statusCode).toBe(500);
      expect(await ticketsWith(subject)).toBe(0);
    } finally {
      await t.db.execute(sql`drop trigger test_fail_response_store on idempotency_keys`);
      await t.db.execute(sql`drop function test_fail_response_store()`);
    }
    await ageKey(key);
    const retry = await admin.request('POST', '/api/v1/tickets', body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(await ticketsWith(subject)).toBe(1);
  });

  it('a retry after the work committed (the client never got the answer) gets the stored response', async () => {
    const customer = await buildCustomer(t.db);
    const subject = `crash-after-commit ${newKey()}`;
    const body = { kind: 'consultation', customerId: customer.id, subject, description: 'x' };
    const key = newKey();
    const lost = await admin.request('POST', '/api/v1/tickets', body, { 'idempotency-key': key });
    expect(lost.statusCode).toBe(201);
    await ageKey(key); // long after any lease
    const retry = await admin.request('POST', '/api/v1/tickets', body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(lost.json().id);
    expect(await ticketsWith(subject)).toBe(1);
  });

  it('a first run that lost its key to a retry rolls its work back (409); the retry stands', async () => {
    const customer = await buildCustomer(t.db);
    const subject = `taken-over ${newKey()}`;
    const body = { kind: 'consultation', customerId: customer.id, subject, description: 'x' };
    const key = newKey();
    // The first run is slow: it waits on the ticket counter, which this test holds locked.
    const blocker = await t.pool.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select * from ticket_counters for update');
      const slow = admin.request('POST', '/api/v1/tickets', body, { 'idempotency-key': key });
      await expect
        .poll(
          async () =>
            (await t.db.execute(sql`select 1 from idempotency_keys where key = ${key}`)).rows.length,
        )
        .toBe(1);
      // Its lease runs out and a retry takes the key over (a new holder) before the first commits.
      await t.db.execute(
        sql`update idempotency_keys set created_at = now() - interval '2 days', holder = gen_random_uuid() where key = ${key}`,
      );
      await blocker.query('commit');
      const first = await slow;
      expect(first.statusCode).toBe(409);
      expect(await ticketsWith(subject)).toBe(0);
    } finally {
      await blocker.query('rollback').catch(() => {});
      blocker.release();
    }
  });
});
