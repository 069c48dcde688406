// How common a search term's 2-character grams are, from PostgreSQL's own statistics (ANALYZE's most
// common elements of a grams column), without reading the table or its GIN index. The searches over
// such columns (tickets' search_grams, the knowledge base's title_grams and search_grams) use it to
// choose between the GIN index (a rare term: few candidates to sort) and walking the list's order and
// rechecking (a common word: a page is found at once). The planner cannot: it multiplies the grams'
// frequencies as if independent, and those of one word never are.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/pool.ts';

/** The distinct 2-character grams of a term, lower case: the grams columns' own (SQL text_bigrams). */
export function bigramsOf(term: string): string[] {
  const chars = [...term.toLowerCase()];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

export interface GramStats {
  /** The table's estimated rows (pg_class.reltuples); 0 before its first ANALYZE. */
  rows: number;
  /** Whether ANALYZE listed any gram of the column. */
  analysed: boolean;
  /** A listed gram's frequency (share of rows holding it), or undefined when not listed. */
  listed(gram: string): number | undefined;
  /** A gram not listed is in fewer rows than this share (the least frequent listed one's). */
  floor: number;
}

/** The statistics of `table`.`column` (a text[] of grams), in one read of the catalogue. */
export async function gramStats(db: Executor, table: string, column: string): Promise<GramStats> {
  const r = await db.execute<{ elems: string[] | null; freqs: number[] | null; rows: number | null }>(sql`
    select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs as freqs,
           greatest(c.reltuples, 0)::float8 as rows
      from pg_class c
      left join pg_stats s on s.schemaname = current_schema() and s.tablename = c.relname
                          and s.attname = ${column}
     where c.oid = to_regclass(${table})`);
  const row = r.rows[0];
  const elems = row?.elems ?? [];
  const freqs = (row?.freqs ?? []).map(Number);
  const freq = new Map(elems.map((e, i) => [e, freqs[i]!]));
  return {
    rows: Number(row?.rows ?? 0),
    analysed: elems.length > 0,
    listed: (gram) => freq.get(gram),
    // most_common_elem_freqs ends with the least and greatest frequency and that of empty arrays.
    floor: freqs.length >= elems.length + 3 ? freqs[elems.length]! : 0,
  };
}

/**
 * The most rows that can hold every gram of a term: its rarest gram's (a gram not listed counts as the
 * floor, an upper bound), and whether every gram was listed (then the bound is also a close estimate:
 * the grams of one word occur together). Null without statistics (a new or never analysed table).
 */
export function termRowsBound(
  stats: GramStats,
  grams: readonly string[],
): { rows: number; allListed: boolean } | null {
  if (!stats.analysed || stats.rows <= 0 || !grams.length) return null;
  const freqs = grams.map((g) => stats.listed(g));
  const allListed = freqs.every((f) => f !== undefined);
  return { rows: Math.min(...freqs.map((f) => f ?? stats.floor)) * stats.rows, allListed };
}

/**
 * Whether at least `cap` rows of `table` hold every gram of `term` in its grams column `column` (a
 * search's choice between the GIN index and walking the list): from the statistics when they can tell,
 * else counted on the GIN index up to the cap.
 */
export async function gramsHeldByAtLeast(
  db: Executor,
  table: string,
  column: string,
  term: string,
  cap: number,
): Promise<boolean> {
  const grams = bigramsOf(term);
  const bound = termRowsBound(await gramStats(db, table, column), grams);
  if (bound && bound.rows < cap) return false;
  if (bound?.allListed) return true;
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1
    from ${sql.identifier(table)} where ${sql.identifier(column)} @> ${sql.param(grams)}::text[] limit ${cap}) s`);
  return (r.rows[0]?.n ?? 0) >= cap;
}
