import { useCallback, useSyncExternalStore } from 'react';

export { formatDuration } from '../../../../common/durations.ts';

/**
 * One timer per period for every countdown on screen: a list of 50 rows re-renders once a second in
 * one pass, not in 50 separate ones.
 */
const clocks = new Map<number, { now: number; listeners: Set<() => void>; timer: number }>();

function clockOf(ms: number) {
  let clock = clocks.get(ms);
  if (!clock) {
    clock = { now: Date.now(), listeners: new Set(), timer: 0 };
    clocks.set(ms, clock);
  }
  return clock;
}

function subscribe(ms: number, listener: () => void) {
  const clock = clockOf(ms);
  if (clock.listeners.size === 0) {
    clock.now = Date.now();
    clock.timer = window.setInterval(() => {
      clock.now = Date.now();
      for (const l of clock.listeners) l();
    }, ms);
  }
  clock.listeners.add(listener);
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0) {
      window.clearInterval(clock.timer);
      clocks.delete(ms);
    }
  };
}

/** The current time, re-rendering every `ms` (countdowns). */
export function useNow(ms = 1000): number {
  const onTick = useCallback((listener: () => void) => subscribe(ms, listener), [ms]);
  return useSyncExternalStore(onTick, () => clockOf(ms).now);
}

/** Minutes from midnight as HH:MM (working slots, working hours). */
export const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
