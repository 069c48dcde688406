// A short-lived in-process cache for small configuration tables read on every write (SLA policies
// and calendars, webhook subscriptions). Keyed by database; a change made through this process clears
// it at once, one made by another instance shows within the TTL (documented in docs/operations.md).
import type { Db, Executor } from '../db/pool.ts';

export function configCache<T>(load: (tx: Executor) => Promise<T>, ttlMs = 10_000) {
  const byDatabase = new WeakMap<object, { until: number; value: Promise<T> }>();
  // Keyed by the connection pool: a request's own transaction (platform/idempotency.ts) is the same database.
  const keyOf = (db: Db): object => db.$client ?? db;
  const entries = {
    get: (db: Db) => byDatabase.get(keyOf(db)),
    set: (db: Db, entry: { until: number; value: Promise<T> }) => byDatabase.set(keyOf(db), entry),
    delete: (db: Db) => byDatabase.delete(keyOf(db)),
  };
  return {
    get(db: Db, tx: Executor = db): Promise<T> {
      const hit = entries.get(db);
      if (hit && hit.until > Date.now()) return hit.value;
      // A real promise, settled once: a query builder is lazy and would run again on each await,
      // on the connection of a transaction that may be long gone.
      const value = (async () => await load(tx))();
      entries.set(db, { until: Date.now() + ttlMs, value });
      value.catch(() => entries.delete(db));
      return value;
    },
    invalidate(db: Db) {
      entries.delete(db);
    },
    /** A change of the cached configuration, in one transaction; then this process forgets its copy. */
    async change<R>(db: Db, work: (tx: Executor) => Promise<R>): Promise<R> {
      try {
        return await db.transaction(work);
      } finally {
        entries.delete(db);
      }
    },
  };
}
