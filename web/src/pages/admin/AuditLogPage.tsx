import { DatePicker, Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '../../../../common/api.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useAuditLog } from '../../features/audit/audit-log-query.ts';

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useAuditLog(filters);
  const set = (k: string) => (v: string) => setFilters((f) => ({ ...f, [k]: v || undefined }));

  return (
    <>
      <h1 className="page-title">{t('nav.audit')}</h1>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('audit.entityType')}
          aria-label={t('audit.entityType')}
          onSearch={set('entityType')}
          style={{ width: 180 }}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.action')}
          aria-label={t('audit.action')}
          onSearch={set('action')}
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.period')}
          onChange={(range) =>
            setFilters((f) => ({
              ...f,
              from: range?.[0]?.startOf('day').toISOString(),
              to: range?.[1]?.endOf('day').toISOString(),
            }))
          }
        />
      </div>
      <Table<TAuditEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (e) => (
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
                gap: 12,
              }}
            >
              <div>
                <strong>{t('audit.before')}</strong>
                <pre className="json">{JSON.stringify(e.before, null, 2)}</pre>
              </div>
              <div>
                <strong>{t('audit.after')}</strong>
                <pre className="json">{JSON.stringify(e.after, null, 2)}</pre>
              </div>
            </div>
          ),
        }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'at',
            width: 180,
            render: (v: string) => new Date(v).toLocaleString(i18n.language),
          },
          { title: t('audit.actor'), dataIndex: 'actorLabel', width: 140 },
          { title: t('audit.action'), dataIndex: 'action', width: 180 },
          { title: t('audit.entityType'), dataIndex: 'entityType', width: 120 },
          { title: t('audit.entityId'), dataIndex: 'entityId', ellipsis: true },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130 },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}
