// countUpTo: the workbench tiles' counts stop at cap + 1 rows, whatever the table holds.
import { gt, sql } from 'drizzle-orm';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { countUpTo } from './count-up-to.ts';

const rows = pgTable('count_up_to_rows', { n: integer('n').notNull() });
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.db.execute(sql`create table count_up_to_rows (n int not null)`);
  await t.db.execute(sql`insert into count_up_to_rows select g from generate_series(1, 50) g`);
});
afterAll(() => t.close());

describe('countUpTo', () => {
  it('counts exactly below the cap, and cap + 1 ("more than the cap") above it', async () => {
    expect(await countUpTo(t.db, rows, gt(rows.n, 45), 10)).toBe(5);
    expect(await countUpTo(t.db, rows, gt(rows.n, 40), 10)).toBe(10);
    expect(await countUpTo(t.db, rows, undefined, 10)).toBe(11);
    expect(await countUpTo(t.db, rows, gt(rows.n, 100), 10)).toBe(0);
  });
});
