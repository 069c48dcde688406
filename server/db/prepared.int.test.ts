// Hot statements write and read exactly what drizzle's plain builder does, each call with its own values.
import { asc, eq, sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.ts';
import { hotNumberInStatement, numberPlaceholders } from '../platform/number-series.ts';
import { hotInsert, hotInsertReturning, hotStatement } from './prepared.ts';

const things = pgTable('hot_things', {
  id: integer('id').primaryKey(),
  label: text('label'),
  note: text('note').notNull().default('none'),
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  data: jsonb('data').$type<unknown>(),
  tags: text('tags').array(),
  owner: uuid('owner'),
  done: boolean('done'),
  code: text('code'),
});
const computed = pgTable('hot_computed', {
  id: integer('id').primaryKey(),
  token: text('token').$defaultFn(() => `t${Math.random()}`),
});

const insertThings = hotInsert('test_hot_things', things);
const insertComputed = hotInsert('test_hot_computed', computed);
const number = hotNumberInStatement(4);
const insertNumbered = hotInsertReturning('test_hot_numbered', things, {
  with: number.cte,
  set: { code: number.value },
});
const thingsSince = hotStatement('test_hot_since', (db) =>
  db
    .select({ id: things.id, label: things.label, at: things.at, data: things.data })
    .from(things)
    .where(
      sql`${things.at} >= ${sql.placeholder('since')}::timestamptz and ${things.label} = ${sql.placeholder('label')}`,
    )
    .orderBy(asc(things.id)),
);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.execute(sql`create table hot_things (id int primary key, label text, note text not null default 'none',
    at timestamptz, data jsonb, tags text[], owner uuid, done boolean, code text)`);
  await t.db.execute(sql`create table hot_computed (id int primary key, token text)`);
});
afterAll(() => t.close());

const read = () => t.db.select().from(things).orderBy(asc(things.id));

describe('hot statements', () => {
  it('insert what the plain builder inserts: nulls, defaults, dates, json, arrays; each call its own values', async () => {
    const at = new Date('2026-03-01T08:00:00.000Z');
    const row = (id: number) => ({
      id,
      label: `标签${id}`,
      at,
      data: { nested: [1, 'two', null], id },
      tags: ['a', `b${id}`],
      owner: null,
      done: id % 2 === 0,
    });
    await insertThings(t.db, [row(1), row(2)]);
    await insertThings(t.db, [row(3), row(4)]); // the same shape: the statement built once
    await insertThings(t.db, [row(5)]); // another shape
    await t.db.insert(things).values([row(101), row(102)]);
    const rows = await read();
    const strip = ({ id: _id, label: _l, data, tags, ...rest }: (typeof rows)[number]) => ({
      ...rest,
      data: { ...(data as object), id: 0 },
      tags: tags?.[0],
    });
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 101, 102]);
    expect(rows[3]).toMatchObject({
      label: '标签4',
      note: 'none',
      at,
      tags: ['a', 'b4'],
      owner: null,
      done: true,
    });
    expect(rows[3]!.data).toEqual({ nested: [1, 'two', null], id: 4 });
    // Byte for byte what drizzle's own insert wrote, but for the values that differ per row.
    expect(strip(rows[3]!)).toEqual(strip(rows[6]!));
    expect(strip(rows[4]!)).toEqual({ ...strip(rows[5]!), done: false });
  });

  it('set defaults for the columns a shape leaves out, and rows that differ in shape still go in', async () => {
    await insertThings(t.db, [{ id: 10, label: 'x', note: 'given' }]);
    await insertThings(t.db, [{ id: 11, label: 'y' }]); // note left undefined: its default
    await insertThings(t.db, [
      { id: 12, label: 'z' },
      { id: 13, note: 'only note' },
    ]); // mixed
    const rows = (await read()).filter((r) => r.id >= 10 && r.id < 20);
    expect(rows.map((r) => [r.id, r.label, r.note])).toEqual([
      [10, 'x', 'given'],
      [11, 'y', 'none'],
      [12, 'z', 'none'],
      [13, null, 'only note'],
    ]);
  });

  it('prepare one statement per shape on a connection and run it again; a key that is no column changes nothing', async () => {
    const runs = await t.db.transaction(async (tx) => {
      const row = (id: number, done: boolean) => ({ id, label: `r${id}`, done });
      await insertThings(tx, [row(301, true), row(302, false)]);
      await insertThings(tx, [row(303, true), row(304, true)]);
      // drizzle ignores a key that is not a column of the table, and so does the shape.
      await insertThings(tx, [row(305, false), { ...row(306, true), scratch: 1 } as never]);
      // On this connection: the statements of two rows of three columns (6 parameters), each with the
      // number of times it ran.
      const r = await tx.execute<{ runs: number }>(
        sql`select (generic_plans + custom_plans)::int as runs from pg_prepared_statements
              where name like 'test_hot_things_%' and statement like '%$6,%' and statement not like '%$7%'`,
      );
      return r.rows.map((x) => x.runs);
    });
    expect(runs).toEqual([3]);
    expect((await read()).filter((r) => r.id >= 301 && r.id <= 306).map((r) => [r.id, r.done])).toEqual([
      [301, true],
      [302, false],
      [303, true],
      [304, true],
      [305, false],
      [306, true],
    ]);
  });

  it('compute a JS default per call, never once for all', async () => {
    await insertComputed(t.db, [{ id: 1 }]);
    await insertComputed(t.db, [{ id: 2 }]);
    const rows = await t.db.select().from(computed);
    expect(new Set(rows.map((r) => r.token)).size).toBe(2);
  });

  it('take consecutive numbers in the statement inside a transaction, and return the rows as drizzle maps them', async () => {
    const at = new Date('2026-12-31T17:00:00.000Z'); // 2027 in Shanghai
    const made = await t.db.transaction(async (tx) => [
      ...(await insertNumbered(
        tx,
        [{ id: 201, label: 'n', at }],
        numberPlaceholders('HT', at, 'Asia/Shanghai'),
      )),
      ...(await insertNumbered(
        tx,
        [{ id: 202, label: 'n', at }],
        numberPlaceholders('HT', at, 'Asia/Shanghai'),
      )),
    ]);
    expect(made.map((r) => r.code)).toEqual(['HT-2027-0001', 'HT-2027-0002']);
    expect(made[0]!.at).toEqual(at);
    expect(made[0]!.note).toBe('none');
    // A rolled-back transaction leaves neither a row nor a gap.
    await expect(
      t.db.transaction(async (tx) => {
        await insertNumbered(
          tx,
          [{ id: 203, label: 'n', at }],
          numberPlaceholders('HT', at, 'Asia/Shanghai'),
        );
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const [next] = await insertNumbered(
      t.db,
      [{ id: 204, at }],
      numberPlaceholders('HT', at, 'Asia/Shanghai'),
    );
    expect(next!.code).toBe('HT-2027-0003');
    expect((await t.db.select().from(things).where(eq(things.id, 203))).length).toBe(0);
  });

  it('select with placeholders, each call with its own values', async () => {
    const early = await thingsSince(t.db, { since: '2026-01-01T00:00:00Z', label: '标签2' });
    expect(early).toEqual([
      {
        id: 2,
        label: '标签2',
        at: new Date('2026-03-01T08:00:00.000Z'),
        data: { nested: [1, 'two', null], id: 2 },
      },
    ]);
    expect(await thingsSince(t.db, { since: '2026-06-01T00:00:00Z', label: '标签2' })).toEqual([]);
    await expect(thingsSince(t.db, { since: '2026-06-01T00:00:00Z' } as never)).rejects.toThrow('label');
  });
});
