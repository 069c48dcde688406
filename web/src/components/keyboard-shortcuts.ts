import { useEffect, useRef } from 'react';

/** True while the user types somewhere: shortcuts then stay out of the way. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * Single-key shortcuts of a page (`j`, `k`, `r`, `/`, `?`): not while typing in a field, not with
 * Ctrl/Alt/Meta, and not while a dialog is open over the page.
 */
export function useKeyboardShortcuts(handlers: Record<string, (() => void) | undefined>, enabled = true) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      // A dialog keeps the focus inside it while it is open.
      if (e.target instanceof Element && e.target.closest('.ant-modal, .ant-drawer')) return;
      const handler = ref.current[e.key];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
