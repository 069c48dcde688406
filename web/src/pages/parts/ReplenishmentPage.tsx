import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TReplenishmentSuggestion } from '../../../../common/parts-api.ts';
import { useReplenishment } from '../../features/parts/replenishment-query.ts';
import { yuan } from '../../features/parts/yuan.ts';

/** 补货清单: what fell to its reorder point, and how much to order or transfer; print or export. */
export function ReplenishmentPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = useReplenishment();
  return (
    <>
      <h1 className="page-title">{t('nav.replenishment')}</h1>
      <div className="toolbar no-print">
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('parts.print')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          href={`/api/v1/stock/replenishment/export?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}`}
        >
          {t('common.exportExcel')}
        </Button>
      </div>
      <Table<TReplenishmentSuggestion>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="replenishment"
        locale={{ emptyText: t('parts.nothingToReorder') }}
        onRow={(r) => ({
          onClick: () => navigate(`/console/parts/${r.partId}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('parts.location'), dataIndex: 'locationName' },
          { title: t('parts.partNumber'), dataIndex: 'partNumber' },
          { title: t('parts.name'), dataIndex: 'partName' },
          { title: t('parts.specification'), dataIndex: 'specification' },
          { title: t('parts.available'), dataIndex: 'available' },
          { title: t('parts.reorderPoint'), dataIndex: 'reorderPoint' },
          {
            title: t('parts.suggested'),
            dataIndex: 'suggestedQuantity',
            render: (q: number, r) => (
              <b>
                {q} {r.unit}
              </b>
            ),
          },
          { title: t('parts.cost'), dataIndex: 'costFen', render: yuan },
        ]}
      />
    </>
  );
}
