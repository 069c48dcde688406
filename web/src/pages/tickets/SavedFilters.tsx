import { App, Button, Input, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavedFilterCreateMutation } from '../../features/tickets/saved-filter-create-mutation.ts';
import { useSavedFilters } from '../../features/tickets/saved-filters-query.ts';

/** A user's named filters of the ticket queues: apply one, or save the current one. */
export function SavedFilters({
  current,
  onApply,
}: {
  current: Record<string, string | undefined>;
  onApply: (query: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const list = useSavedFilters();
  const save = useSavedFilterCreateMutation();
  const saveCurrent = () =>
    save.mutate(
      {
        name,
        query: Object.fromEntries(
          Object.entries(current).filter((e): e is [string, string] => Boolean(e[1])),
        ),
      },
      {
        onSuccess: () => {
          setName('');
          message.success(t('common.saved'));
        },
      },
    );
  return (
    <Space>
      <Select
        allowClear
        placeholder={t('filters.saved')}
        aria-label={t('filters.saved')}
        style={{ width: 160 }}
        data-testid="saved-filters"
        options={(list.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
        onChange={(id: string | undefined) => {
          const f = list.data?.find((x) => x.id === id);
          if (f) onApply(f.query);
        }}
      />
      <Popover
        trigger="click"
        content={
          <Space>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('filters.name')}
              aria-label={t('filters.name')}
              data-testid="filter-name"
            />
            <Button type="primary" disabled={!name.trim()} onClick={saveCurrent} data-testid="filter-save">
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Button>{t('filters.saveCurrent')}</Button>
      </Popover>
    </Space>
  );
}
