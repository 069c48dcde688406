import { useEffect } from 'react';

/** antd's scrolling containers: a wide table's body, a tab bar that overflows. */
const SCROLLERS = '.ant-table-content, .ant-table-body';

/**
 * Makes every table that scrolls sideways reachable by keyboard (WCAG 2.1.1, axe's
 * scrollable-region-focusable): antd renders the scrolling container without a tab stop, so a
 * keyboard user could not see the columns beyond the edge. Given a tab stop, arrow keys scroll it.
 */
export function useFocusableScrollRegions() {
  useEffect(() => {
    const mark = () => {
      for (const el of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        const scrolls = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
        if (scrolls && !el.hasAttribute('tabindex')) el.tabIndex = 0;
      }
    };
    let pending = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(mark);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    mark();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(pending);
    };
  }, []);
}
