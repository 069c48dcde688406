import { Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ASSET_STATUSES, type TAsset } from '../../../../common/registry-api.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { LabelPrintButton } from '../../features/labels/LabelPrintButton.tsx';
import { useAssets } from '../../features/registry/registry-query.ts';

export function AssetsPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useAssets(filters);
  const [selected, setSelected] = useState<string[]>([]);
  const staff = base === '/console';
  return (
    <>
      <h1 className="page-title">{t('nav.equipment')}</h1>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('assets.search')}
          aria-label={t('assets.search')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined }))}
          style={{ maxWidth: 300 }}
          data-testid="asset-search"
        />
        <Select
          allowClear
          placeholder={t('assets.status')}
          aria-label={t('assets.status')}
          style={{ width: 150 }}
          onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
          options={ASSET_STATUSES.map((s) => ({ value: s, label: t(`assetStatus.${s}`) }))}
        />
        <ExportButton entity="assets" filters={filters} />
        {staff && <LabelPrintButton assetIds={selected} disabled={selected.length === 0} />}
      </div>
      <Table<TAsset>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 860 }}
        rowSelection={
          staff ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined
        }
        onRow={(a) => ({ onClick: () => navigate(`${base}/assets/${a.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('assets.serial'), dataIndex: 'serial', width: 160 },
          { title: t('assets.product'), key: 'product', render: (_, a) => a.productName },
          { title: t('assets.project'), dataIndex: 'projectName' },
          { title: t('assets.location'), dataIndex: 'location', width: 130 },
          { title: t('assets.acceptanceDate'), dataIndex: 'acceptanceDate', width: 120 },
          {
            title: t('assets.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => <Tag>{t(`assetStatus.${s}`)}</Tag>,
          },
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
