import { useEffect, useState } from 'react';
import { useKeyboardShortcuts } from '../../components/keyboard-shortcuts.ts';

const ORDER_KEY = 'aftercare.ticket-order';

/** The ids of the list last shown, so that j/k on a ticket page move through the same list. */
export function ticketOrder(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(ORDER_KEY) ?? '[]');
  } catch {
    return [];
  }
}

/** j/k move a highlighted row through the list, Enter or o opens it. */
export function useListCursor<T extends { id: string }>(
  items: T[],
  open: (item: T) => void,
  enabled: boolean,
) {
  const [cursor, setCursor] = useState(-1);
  useEffect(() => {
    sessionStorage.setItem(ORDER_KEY, JSON.stringify(items.map((i) => i.id)));
    setCursor((c) => Math.min(c, items.length - 1));
  }, [items]);
  useEffect(() => {
    if (cursor >= 0) document.querySelector('.row-cursor')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  const openCurrent = () => {
    const item = items[cursor];
    if (item) open(item);
  };
  useKeyboardShortcuts(
    {
      j: () => setCursor((c) => Math.min(c + 1, items.length - 1)),
      k: () => setCursor((c) => Math.max(c - 1, 0)),
      Enter: cursor >= 0 ? openCurrent : undefined,
      o: openCurrent,
    },
    enabled,
  );
  return cursor;
}
