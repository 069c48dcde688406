// Text another panel of the ticket page puts into the reply composer (a knowledge-base link), without
// the panel holding the composer's state: a window event the composer listens to.
import { useEffect, useRef } from 'react';

const EVENT = 'aftercare:composer-insert';

export function insertIntoComposer(text: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: text }));
}

export function useComposerInsert(onInsert: (text: string) => void): void {
  const handler = useRef(onInsert);
  handler.current = onInsert;
  useEffect(() => {
    const listen = (e: Event) => handler.current((e as CustomEvent<string>).detail);
    window.addEventListener(EVENT, listen);
    return () => window.removeEventListener(EVENT, listen);
  }, []);
}
