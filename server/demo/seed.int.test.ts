// Three instances starting together on an empty database load the demo once; none of them fails.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMonths, toLocalDate } from '../../common/calendar-dates.ts';
import { createTestDatabase, TEST_TIME_ZONE, type TestDatabase } from '../../test/helpers.ts';
import { listAnswers, satisfactionReport } from '../modules/surveys/index.ts';
import { systemClock } from '../platform/clock.ts';
import { systemCtx } from '../platform/context.ts';
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
  // The satisfaction report has months of answers behind it: mostly satisfied, a few low ones with a
  // comment, one that opened a service-recovery ticket (closed by the manager), one survey still open.
  const ctx = systemCtx({ db: database.db, clock: systemClock, timeZone: TEST_TIME_ZONE }, 'test');
  const today = toLocalDate(new Date(), TEST_TIME_ZONE);
  const period = { from: `${addMonths(today, -5).slice(0, 7)}-01`, to: today, kind: 'ticket' as const };
  const report = await satisfactionReport(ctx, { ...period, by: 'month' });
  expect(report.total.answers).toBe(22);
  expect(report.total.satisfied).toBe(19);
  expect(report.rows.length).toBeGreaterThanOrEqual(5);
  expect(report.rows.every((r) => r.key! < today.slice(0, 7) || r.key === today.slice(0, 7))).toBe(true);
  const byEngineer = await satisfactionReport(ctx, { ...period, by: 'engineer' });
  expect(byEngineer.rows.map((r) => r.label).sort()).toEqual([
    '刘工 Liu (field engineer)',
    '张工 Zhang (support engineer)',
  ]);
  const byProduct = await satisfactionReport(ctx, { ...period, by: 'product' });
  expect(byProduct.rows.filter((r) => r.key).length).toBeGreaterThanOrEqual(1);
  const low = await listAnswers(ctx, { ...period, satisfied: 'false', limit: 50 });
  expect(low.items).toHaveLength(3);
  expect(low.items.every((a) => a.comment.length > 0)).toBe(true);
  const recovered = low.items.filter((a) => a.recoveryTicketId);
  expect(recovered).toHaveLength(1);
  const s = await database.db.execute<{ status: string; answered_late: number; open_park: number }>(
    sql`select (select status from tickets where id = ${recovered[0]!.recoveryTicketId}) as status,
               (select count(*)::int from survey_invitations where answered_at >= now() or answered_at > expires_at) as answered_late,
               (select count(*)::int from survey_invitations i join customers c on c.id = i.customer_id
                 where i.status = 'open' and c.code = 'SZ-PARK' and i.expires_at > now()) as open_park`,
  );
  expect(s.rows[0]).toEqual({ status: 'closed', answered_late: 0, open_park: 1 });
}, 240_000);
