import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, type InputRef, Modal } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEARCH_KINDS } from '../../../common/workbench-api.ts';
import { useGlobalSearch } from '../features/workbench/search-query.ts';
import { useKeyboardShortcuts } from './keyboard-shortcuts.ts';

/**
 * The console's search (shortcut `/`): in the header on a desk, behind a button on a phone, where the
 * header has no room for a box.
 */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useKeyboardShortcuts({ '/': compact ? () => setOpen(true) : undefined });
  if (!compact)
    return (
      <div style={{ display: 'flex', alignItems: 'center', lineHeight: 'normal' }}>
        <SearchBox width={300} />
      </div>
    );
  return (
    <>
      <Button
        type="text"
        size="small"
        icon={<SearchOutlined />}
        aria-label={t('search.label')}
        data-testid="global-search-open"
        onClick={() => setOpen(true)}
        style={{ color: '#fff' }}
      />
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={t('search.label')}
        destroyOnHidden
      >
        <SearchBox width={320} autoFocus onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function SearchBox({
  width,
  autoFocus,
  onDone,
}: {
  width: number;
  autoFocus?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  useKeyboardShortcuts({ '/': autoFocus ? undefined : () => input.current?.focus() });
  useEffect(() => {
    if (autoFocus) setTimeout(() => input.current?.focus(), 50);
  }, [autoFocus]);
  const result = useGlobalSearch(q);
  const options = useMemo(() => {
    const hits = q.length >= 2 ? (result.data?.hits ?? []) : [];
    return SEARCH_KINDS.flatMap((kind) => {
      const ofKind = hits.filter((h) => h.kind === kind);
      if (!ofKind.length) return [];
      return [
        {
          label: <span data-testid={`search-group-${kind}`}>{t(`search.kinds.${kind}`)}</span>,
          options: ofKind.map((h) => ({
            value: `${h.kind}:${h.id}`,
            path: h.path,
            label: (
              <div data-testid={`search-hit-${h.kind}`}>
                <div className="search-option-title">{h.title}</div>
                {h.subtitle && <div className="search-option-sub">{h.subtitle}</div>}
              </div>
            ),
          })),
        },
      ];
    });
  }, [q, result.data, t]);
  const nothing = q.length >= 2 && result.isFetched && !result.isFetching && !options.length;
  return (
    <AutoComplete
      style={{ width: autoFocus ? '100%' : width }}
      value={text}
      options={options}
      onChange={(v) => setText(v)}
      onSelect={(_value, option) => {
        setText('');
        setQ('');
        input.current?.blur();
        onDone?.();
        navigate((option as unknown as { path: string }).path);
      }}
      notFoundContent={nothing ? t('search.nothing') : undefined}
      popupMatchSelectWidth={Math.max(width, 320)}
    >
      <Input
        ref={input}
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        data-testid="global-search"
        allowClear
      />
    </AutoComplete>
  );
}
