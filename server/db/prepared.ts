// Hot statements: the few statements every request or every ticket sends, built once instead of per call.
//
// drizzle builds a statement's SQL text anew on every call, walking every chunk of it; for a wide insert
// (a ticket's 40 columns, its SLA targets' 7 rows of 25) that walk was ~2 ms of node's CPU per ticket
// at intake, more than everything else the request did. A hot statement is built by drizzle once, from
// the schema as any other, with `sql.placeholder(name)` where its values go; each call only fills the
// values in, sends the statement by name (PostgreSQL parses and plans it once per connection) and maps
// the rows back as drizzle does for any query. The SQL is the same as the plain builder's.
import { type Column, getTableColumns, is, Param, Placeholder, type SQL, sql, type Table } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './pool.ts';

/** What drizzle's prepared query holds: its text, parameters and result mapping. */
interface DrizzlePrepared {
  queryString: string;
  params: unknown[];
  fields?: unknown;
  joinsNotNullableMap?: unknown;
  customResultMapper?: unknown;
}

/** A statement as built once: its text and mapping, and how to fill its parameters from a call's values. */
interface Built<I> extends DrizzlePrepared {
  fill: (input: I) => unknown[];
}

/**
 * The parameters' fillers, decided once: a placeholder of a column's value is encoded as drizzle
 * encodes that column (null stays null), a bare placeholder is sent as given, a value built in stays.
 */
function compile<I>(
  prepared: DrizzlePrepared,
  read: (placeholder: string) => (input: I) => unknown,
): Built<I> {
  const fillers = prepared.params.map((p): ((input: I) => unknown) => {
    const placeholder = is(p, Param) && is(p.value, Placeholder) ? p.value : is(p, Placeholder) ? p : null;
    if (!placeholder) return () => p;
    const get = read(placeholder.name);
    const encode = is(p, Param) ? (v: unknown) => p.encoder.mapToDriverValue(v) : (v: unknown) => v;
    return (input) => {
      const v = get(input);
      return v === null || v === undefined ? null : encode(v);
    };
  });
  return { ...prepared, fill: (input) => fillers.map((f) => f(input)) };
}

/** A call's value of a placeholder, by name (a missing one is a mistake in the caller). */
const byName = (key: string) => (values: Record<string, unknown>) => {
  if (!(key in values)) throw new Error(`no value for the placeholder ${key}`);
  return values[key];
};

interface PreparedQuery<R> {
  joinsNotNullableMap?: unknown;
  execute(values?: Record<string, unknown>): Promise<R>;
}

/** drizzle's session of a database handle or transaction (the pool, or the transaction's client). */
interface Session {
  prepareQuery<R>(
    query: { sql: string; params: unknown[] },
    fields: unknown,
    name: string,
    isResponseInArrayMode: boolean,
    customResultMapper?: unknown,
  ): PreparedQuery<R>;
}

/** A builder drizzle can prepare (select, insert, update, delete). */
interface Preparable<R> {
  prepare(name: string): PreparedQuery<R>;
}

const names = new Set<string>();

/** A statement's name on each connection: one text per name, so unique in the process. */
function claim(name: string) {
  if (names.has(name)) throw new Error(`hot statement ${name} is defined twice`);
  names.add(name);
}

// Beyond these a statement is built per call as usual: a batch's text would be large and rarely reused.
const MAX_HOT_ROWS = 16;
const MAX_SHAPES = 32;

function run<R, I>(ex: Executor, name: string, built: Built<I>, input: I): Promise<R> {
  const session = (ex as unknown as { session: Session }).session;
  const query = session.prepareQuery<R>(
    { sql: built.queryString, params: built.fill(input) },
    built.fields,
    name,
    true,
    built.customResultMapper,
  );
  query.joinsNotNullableMap = built.joinsNotNullableMap;
  return query.execute();
}

/**
 * A statement built once: `build` makes it with `sql.placeholder(…)` for every value that changes
 * between calls (a value written into the builder is built in, the same for every call). `name` is
 * the statement's name on each connection: unique in the process.
 */
export function hotStatement<V extends Record<string, unknown>, R>(
  name: string,
  build: (db: Executor) => Preparable<R>,
): (ex: Executor, values: V) => Promise<R> {
  claim(name);
  let built: Built<V> | undefined;
  return async (ex, values) => {
    built ??= compile(build(ex).prepare(name) as unknown as DrizzlePrepared, byName);
    return run<R, V>(ex, name, built, values);
  };
}

/**
 * What an insert adds to the rows' own values, built in once: a common table expression and column
 * values reading it (a document number taken in the statement), with placeholders of its own.
 */
export interface InsertExtra {
  with: Parameters<Executor['with']>[0];
  set: Record<string, SQL>;
}

type Insert<T extends PgTable, R> = (
  ex: Executor,
  rows: readonly T['$inferInsert'][],
  extraValues?: Record<string, unknown>,
) => Promise<R>;

function insertByShape<T extends PgTable>(
  name: string,
  table: T,
  returning: boolean,
  extra?: InsertExtra,
): Insert<T, T['$inferSelect'][]> {
  claim(name);
  const columns = getTableColumns(table as Table) as Record<string, Column>;
  type Input = { rows: readonly T['$inferInsert'][]; extra: Record<string, unknown> };
  const shapes = new Map<string, { name: string; built: Built<Input> }>();
  const plain = (ex: Executor, rows: readonly T['$inferInsert'][]) => {
    const withExtra = (row: T['$inferInsert']) => (extra ? { ...row, ...extra.set } : row);
    const insert = (extra ? ex.with(extra.with) : ex).insert(table).values(rows.map(withExtra));
    return (returning ? insert.returning() : insert) as unknown as Preparable<T['$inferSelect'][]>;
  };
  return async (ex, rows, extraValues = {}) => {
    if (!rows.length) return [];
    // The columns a row sets (drizzle ignores keys that are not columns, and so does the shape).
    const setColumns = (row: T['$inferInsert']) => {
      const r = row as Record<string, unknown>;
      return Object.keys(r).filter((k) => r[k] !== undefined && k in columns);
    };
    const keys = setColumns(rows[0]!);
    const signature = keys.join(',');
    const shape = `${rows.length}:${signature}`;
    const uniform =
      rows.length <= MAX_HOT_ROWS &&
      rows.every((row, i) => i === 0 || setColumns(row).join(',') === signature);
    let entry = shapes.get(shape);
    if (!entry && uniform && shapes.size < MAX_SHAPES && !computedDefault(columns, keys)) {
      const statement = `${name}_${shapes.size + 1}`;
      // Each row's value of a column is its own placeholder, read straight from the call's rows.
      const cells = new Map<string, [number, string]>();
      const placeholders = rows.map((_, i) => {
        const row: Record<string, unknown> = {};
        for (const k of keys) {
          cells.set(`${i}.${k}`, [i, k]);
          row[k] = sql.placeholder(`${i}.${k}`);
        }
        return row as T['$inferInsert'];
      });
      const read = (placeholder: string) => {
        const cell = cells.get(placeholder);
        if (!cell) return (input: Input) => byName(placeholder)(input.extra);
        const [i, k] = cell;
        return (input: Input) => (input.rows[i] as Record<string, unknown>)[k];
      };
      entry = {
        name: statement,
        built: compile(plain(ex, placeholders).prepare(statement) as unknown as DrizzlePrepared, read),
      };
      shapes.set(shape, entry);
    }
    if (!entry || !uniform) {
      // Built per call, its extra placeholders filled from the same values.
      const built = compile(plain(ex, rows).prepare('') as unknown as DrizzlePrepared, byName);
      return run<T['$inferSelect'][], Record<string, unknown>>(ex, '', built, extraValues);
    }
    return run<T['$inferSelect'][], Input>(ex, entry.name, entry.built, { rows, extra: extraValues });
  };
}

/**
 * Inserts rows into `table` with a statement built once per shape (the number of rows and the columns
 * they set; a column left undefined takes its default, as with drizzle's insert). Rows that do not all
 * set the same columns, or more than a few, are inserted by a statement built for the call.
 */
export function hotInsert<T extends PgTable>(name: string, table: T) {
  const insert = insertByShape(name, table, false);
  return async (ex: Executor, rows: readonly T['$inferInsert'][]): Promise<void> => {
    await insert(ex, rows);
  };
}

/** `hotInsert` returning the rows written, with `extra` added to each (e.g. a number taken in the statement). */
export function hotInsertReturning<T extends PgTable>(
  name: string,
  table: T,
  extra?: InsertExtra,
): Insert<T, T['$inferSelect'][]> {
  return insertByShape(name, table, true, extra);
}

/** Whether a column the rows leave out gets a value computed in JS (built in once, it would repeat). */
function computedDefault(columns: Record<string, Column>, keys: string[]): boolean {
  return Object.entries(columns).some(
    ([k, c]) => !keys.includes(k) && (c.defaultFn !== undefined || c.onUpdateFn !== undefined),
  );
}
