import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';

interface SavedFilter {
  id: string;
  name: string;
  query: Record<string, string>;
}

const key = ['saved-filters'];

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
  const client = useQueryClient();
  const [name, setName] = useState('');
  const list = useQuery({ queryKey: key, queryFn: () => api.get<SavedFilter[]>('/api/v1/saved-filters') });
  const save = useMutation({
    mutationFn: () =>
      api.post<SavedFilter>(
        '/api/v1/saved-filters',
        { name, query: Object.fromEntries(Object.entries(current).filter(([, v]) => v)) },
        false,
      ),
    onSuccess: () => {
      setName('');
      message.success(t('common.saved'));
      return client.invalidateQueries({ queryKey: key });
    },
  });
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
            <Button
              type="primary"
              disabled={!name.trim()}
              onClick={() => save.mutate()}
              data-testid="filter-save"
            >
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
