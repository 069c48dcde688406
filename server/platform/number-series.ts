// Document numbers (BX-2026-000123, WO-2026-000042, SF-2026-000007): gap-free per prefix and year,
// unique under concurrency, the year being the organisation's local year at the moment of numbering.
import { sql } from 'drizzle-orm';
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
