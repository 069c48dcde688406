import { startTransition, useEffect, useMemo, useState } from 'react';

/**
 * A long list's first screenful first: the first render of a list shows only its first `first` rows,
 * and once the browser has painted them the rest follow in a transition (React renders them in slices
 * between frames, so the page stays responsive). After that every row of every later page renders at
 * once. A table of 50 antd rows took ~0.4 s of main-thread work before any row showed; a screenful is
 * a third of that.
 */
export function useProgressiveRows<T>(items: T[], first = 16): T[] {
  const [all, setAll] = useState(false);
  const waiting = !all && items.length > first;
  useEffect(() => {
    if (!waiting) return;
    let timer = 0;
    // a frame to paint the first rows, then a task after it
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setAll(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [waiting]);
  return useMemo(() => (waiting ? items.slice(0, first) : items), [waiting, items, first]);
}
