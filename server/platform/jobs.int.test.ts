// pg-boss for real: two runners (two app instances) share the queue and each job runs once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildUser, createTestDatabase, TEST_TIME_ZONE, type TestDatabase } from '../../test/helpers.ts';
import { purgeExpiredSessionsJob } from '../modules/accounts/index.ts';
import { LocalBlobStore } from './blob-store.ts';
import { ManualClock } from './clock.ts';
import { defineJob, JobRunner } from './jobs.ts';

let database: TestDatabase;
const runs: string[] = [];
const log = { info() {}, error() {} };
const clock = new ManualClock(new Date('2026-06-01T00:00:00Z'));

const recordJob = defineJob({
  name: 'test.record',
  schema: z.object({ label: z.string() }),
  handler: async ({ label }) => {
    runs.push(label);
  },
});

let a: JobRunner;
let b: JobRunner;

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = {
    db: database.db,
    clock,
    timeZone: TEST_TIME_ZONE,
    log,
    blobStore: new LocalBlobStore('/tmp/aftercare-jobs-test'),
  };
  a = new JobRunner(database.url, [recordJob, purgeExpiredSessionsJob], deps);
  b = new JobRunner(database.url, [recordJob, purgeExpiredSessionsJob], deps);
  await a.start();
  await b.start();
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  await database.drop();
});

async function until(check: () => Promise<boolean> | boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('job runner', () => {
  it('runs each job once across two instances', async () => {
    for (let i = 0; i < 6; i++) await (i % 2 ? a : b).send(recordJob, { label: `job-${i}` });
    await until(() => runs.length >= 6);
    await new Promise((r) => setTimeout(r, 2500));
    expect(runs.sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4', 'job-5']);
  });

  it("schedules recurring jobs in the organisation's time zone (from the configuration)", async () => {
    const rows = await database.db.execute<{ cron: string; timezone: string }>(
      sql`select cron, timezone from pgboss.schedule where name = ${purgeExpiredSessionsJob.name}`,
    );
    expect(rows.rows).toEqual([{ cron: purgeExpiredSessionsJob.cron, timezone: TEST_TIME_ZONE }]);
  });

  it('a job key makes a repeated send from any instance a no-op', async () => {
    const first = await a.send(recordJob, { label: 'once' }, 'same-key');
    const second = await b.send(recordJob, { label: 'once' }, 'same-key');
    expect(first).toBeTruthy();
    expect(second).toBeNull();
  });

  it('purges expired sessions (the platform job)', async () => {
    const user = await buildUser(database.db);
    await database.db.execute(sql`insert into sessions (id, user_id, csrf_token, expires_at)
      values ('expired-1', ${user.id}, 'x', ${new Date('2026-05-31T00:00:00Z')}),
             ('live-1', ${user.id}, 'x', ${new Date('2026-06-02T00:00:00Z')})`);
    await a.send(purgeExpiredSessionsJob, {});
    await until(async () => {
      const r = await database.db.execute(sql`select id from sessions where user_id = ${user.id}`);
      return r.rows.length === 1;
    });
    const left = await database.db.execute(sql`select id from sessions where user_id = ${user.id}`);
    expect(left.rows.map((r) => r.id)).toEqual(['live-1']);
  });
});
