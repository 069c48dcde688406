import { useRef } from 'react';

export interface QueueTab {
  key: string;
  label: React.ReactNode;
  testId?: string;
}

/**
 * A row of tabs that picks which list a page shows (the ticket queues). Unlike antd's Tabs it measures
 * nothing on mount (no ink bar, no overflow menu): antd's tab bar reads every tab's size in a layout
 * effect, which forced a layout of the whole page in the middle of the ticket list's first render. It
 * wraps onto a second row when it does not fit (a phone). A WAI-ARIA tablist: the arrow keys, Home and
 * End move between tabs and choose them.
 */
export function QueueTabs({
  items,
  activeKey,
  onChange,
  label,
}: {
  items: QueueTab[];
  activeKey: string;
  onChange: (key: string) => void;
  label: string;
}) {
  const bar = useRef<HTMLDivElement>(null);
  const choose = (index: number) => {
    const item = items[(index + items.length) % items.length]!;
    onChange(item.key);
    bar.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(item.key)}"]`)?.focus();
  };
  const current = items.findIndex((i) => i.key === activeKey);
  return (
    <div
      ref={bar}
      role="tablist"
      aria-label={label}
      className="queue-tabs"
      onKeyDown={(e) => {
        const move = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: items.length - 1 }[
          e.key
        ];
        if (move === undefined) return;
        e.preventDefault();
        choose(move);
      }}
    >
      {items.map((item) => {
        const active = item.key === activeKey;
        return (
          <button
            key={item.key}
            type="button"
            role="tab"
            data-key={item.key}
            data-testid={item.testId}
            aria-selected={active}
            tabIndex={active ? 0 : -1}
            className={active ? 'queue-tab queue-tab-active' : 'queue-tab'}
            onClick={() => onChange(item.key)}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
