import type { TableProps } from 'antd';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TAsset } from '../../../../common/registry-api.ts';

/** Equipment as a tree: units with their components nested under them. */
export function EquipmentTable({
  items,
  base,
  loading,
}: {
  items: TAsset[];
  base: string;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  type Row = TAsset & { children?: Row[] };
  const byId = new Map<string, Row>(items.map((a) => [a.id, { ...a }]));
  const roots: Row[] = [];
  for (const row of byId.values()) {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (!parent) roots.push(row);
    else if (parent.children) parent.children.push(row);
    else parent.children = [row];
  }
  const columns: TableProps<Row>['columns'] = [
    { title: t('assets.serial'), dataIndex: 'serial', width: 170 },
    { title: t('assets.product'), key: 'product', render: (_, a) => `${a.productName} (${a.productModel})` },
    { title: t('assets.location'), dataIndex: 'location', width: 140 },
    { title: t('assets.acceptanceDate'), dataIndex: 'acceptanceDate', width: 120 },
    {
      title: t('assets.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <Tag>{t(`assetStatus.${s}`)}</Tag>,
    },
  ];
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={roots}
      pagination={false}
      scroll={{ x: 760 }}
      columns={columns}
      onRow={(a) => ({ onClick: () => navigate(`${base}/assets/${a.id}`), style: { cursor: 'pointer' } })}
    />
  );
}
