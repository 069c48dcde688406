// Three instances starting together on an empty database load the demo once; none of them fails.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, TEST_TIME_ZONE, type TestDatabase } from '../../test/helpers.ts';
import { systemClock } from '../platform/clock.ts';
import { loadDemoIfEmpty } from './seed.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it('loads the demo once when three instances start at the same time', async () => {
  const results = await Promise.all(
    [1, 2, 3].map(() => loadDemoIfEmpty(database.db, systemClock, TEST_TIME_ZONE)),
  );
  expect(results.filter((r) => r !== null)).toHaveLength(1);
  const admins = await database.db.execute(
    sql`select count(*)::int as n from users where username = 'admin'`,
  );
  expect(admins.rows[0]!.n).toBe(1);
  // The quality engineer finds early warnings and a quality case opened from one.
  const quality = await database.db.execute<{ alerts: number; cases: number }>(
    sql`select (select count(*)::int from quality_alerts) as alerts,
               (select count(*)::int from quality_cases where source_kind = 'alert' and decision = 'technical') as cases`,
  );
  expect(quality.rows[0]!.alerts).toBeGreaterThanOrEqual(1);
  expect(quality.rows[0]!.cases).toBe(1);
  // Every demo asset has a QR label; the first street lamp has the known code.
  const labels = await database.db.execute<{ assets: number; labels: number; lamp: number }>(sql`select
    (select count(*)::int from assets) as assets,
    (select count(*)::int from asset_labels where revoked_at is null) as labels,
    (select count(*)::int from asset_labels l join assets a on a.id = l.asset_id
      where l.code = 'DEMXSTREET000001' and a.serial = 'HZ-L1-P001') as lamp`);
  expect(labels.rows[0]).toEqual({ assets: labels.rows[0]!.labels, labels: labels.rows[0]!.assets, lamp: 1 });
  // The agent's call list and the Shenzhen park's portal show follow-ups; one per project and rule.
  const f = await database.db.execute<{ open: number; done: number; dup: number }>(
    sql`select count(*) filter (where f.status = 'open' and f.agent_id is not null)::int as open,
               count(*) filter (where f.status = 'done' and c.code = 'SZ-PARK' and f.told_note is not null)::int as done,
               (select count(*) from (select 1 from follow_ups group by rule, subject_id having count(*) > 1) d)::int as dup
          from follow_ups f join customers c on c.id = f.customer_id`,
  );
  expect(f.rows[0]!.open).toBeGreaterThan(0);
  expect(f.rows[0]!.done).toBe(1);
  expect(f.rows[0]!.dup).toBe(0);
}, 240_000);
