// Document numbers (BX-2026-000123, WO-2026-000042, SF-2026-000007): gap-free per prefix and year,
// unique under concurrency, the year being the organisation's local year at the moment of numbering.
import { type SQL, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { toLocalDate } from '../../common/calendar-dates.ts';
import type { Executor } from '../db/pool.ts';
import { numberCounters } from './schema.ts';

/** The next value of a series; the counter row stays locked until the caller's transaction ends. */
export async function nextSequence(db: Executor, prefix: string, year: number): Promise<number> {
  const [row] = await db
    .insert(numberCounters)
    .values({ prefix, year, last: 1 })
    .onConflictDoUpdate({
      target: [numberCounters.prefix, numberCounters.year],
      set: { last: sql`${numberCounters.last} + 1` },
    })
    .returning({ last: numberCounters.last });
  return row!.last;
}

/** `count` consecutive values of a series in one statement (the last of them returned first: `last`). */
export async function nextSequenceBlock(
  db: Executor,
  prefix: string,
  year: number,
  count: number,
): Promise<number> {
  const [row] = await db
    .insert(numberCounters)
    .values({ prefix, year, last: count })
    .onConflictDoUpdate({
      target: [numberCounters.prefix, numberCounters.year],
      set: { last: sql`${numberCounters.last} + ${count}` },
    })
    .returning({ last: numberCounters.last });
  return row!.last - count + 1;
}

/** The organisation's calendar year of an instant. */
export function localYear(at: Date, timeZone: string): number {
  return Number(toLocalDate(at, timeZone).slice(0, 4));
}

/** `PREFIX-YYYY-NNNNNN`: the next number of a series in the organisation's year of `at`. */
export async function nextDocumentNumber(
  db: Executor,
  prefix: string,
  at: Date,
  timeZone: string,
  digits = 6,
): Promise<string> {
  const year = localYear(at, timeZone);
  const seq = await nextSequence(db, prefix, year);
  return `${prefix}-${year}-${String(seq).padStart(digits, '0')}`;
}

/**
 * The next number of a series as a common table expression and the value that reads it, for an
 * insert that takes its number in the same statement (`tx.with(cte).insert(t).values({ number: value })`):
 * a caller that numbers last holds the counter's row lock from that statement to its commit only.
 */
export function numberInStatement(prefix: string, at: Date, timeZone: string, digits = 6) {
  return numberExpression(sql`${prefix}`, sql`${localYear(at, timeZone)}`, digits);
}

/**
 * `numberInStatement` for a statement built once (server/db/prepared.ts): the series and the year are
 * the placeholders `numberPrefix` and `numberYear`, filled per call by `numberPlaceholders`.
 */
export function hotNumberInStatement(digits = 6) {
  return numberExpression(
    sql`${sql.placeholder('numberPrefix')}`,
    sql`${sql.placeholder('numberYear')}`,
    digits,
  );
}

export function numberPlaceholders(prefix: string, at: Date, timeZone: string) {
  return { numberPrefix: prefix, numberYear: localYear(at, timeZone) };
}

function numberExpression(prefix: SQL, year: SQL, digits: number) {
  const cte = new QueryBuilder().$with('next_number', { last: sql<number>`last` }).as(
    sql`insert into ${numberCounters} (prefix, year, last) values (${prefix}::text, ${year}::int, 1)
        on conflict (prefix, year) do update set last = ${numberCounters}.last + 1 returning last`,
  );
  // Zero-padded to `digits`, never cut (lpad would cut a longer number).
  const value = sql<string>`(select ${prefix}::text || '-' || ${year}::int::text || '-' || repeat('0', greatest(0, ${digits}::int - length(last::text))) || last::text from next_number)`;
  return { cte, value };
}
