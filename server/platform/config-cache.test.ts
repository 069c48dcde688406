import { describe, expect, it } from 'vitest';
import type { Db } from '../db/pool.ts';
import { configCache } from './config-cache.ts';

/** A lazy thenable like a query builder: it runs each time it is awaited. */
function lazyQuery(counter: { runs: number }) {
  return {
    // biome-ignore lint/suspicious/noThenProperty: imitating a lazy query builder
    then<T>(resolve: (v: number) => T) {
      counter.runs++;
      return Promise.resolve(resolve(42));
    },
  };
}

describe('configCache', () => {
  it('runs a lazy loader once, however many wait on it, until invalidated', async () => {
    const counter = { runs: 0 };
    const cache = configCache(() => lazyQuery(counter) as unknown as Promise<number>);
    const db = {} as Db;
    const values = await Promise.all([cache.get(db), cache.get(db), cache.get(db)]);
    expect(values).toEqual([42, 42, 42]);
    expect(await cache.get(db)).toBe(42);
    expect(counter.runs).toBe(1);
    cache.invalidate(db);
    await cache.get(db);
    expect(counter.runs).toBe(2);
    // Another database has its own entry.
    await cache.get({} as Db);
    expect(counter.runs).toBe(3);
  });
});
