import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TLocationStockLine } from '../../../../common/parts-api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useKeeperCandidates } from '../../features/parts/keeper-candidates-query.ts';
import { useCreateLocation } from '../../features/parts/location-create-mutation.ts';
import { useLocationStock } from '../../features/parts/location-stock-query.ts';
import { useLocations } from '../../features/parts/locations-query.ts';
import { useOrganisationToday } from '../../features/parts/organisation-today.ts';
import { useOpenCount } from '../../features/parts/stock-count-open-mutation.ts';
import { useStockCounts } from '../../features/parts/stock-counts-query.ts';

/** 库存: warehouses and vans, what each holds, and their stock counts. */
export function StockPage() {
  const { t } = useTranslation();
  const orgTime = useOrganisationTime();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('parts.manage'));
  const locations = useLocations();
  const visible = (locations.data ?? []).filter((l) => l.visible);
  const [selected, setSelected] = useState<string>();
  const current = visible.find((l) => l.id === selected) ?? visible[0];
  const stock = useLocationStock(current?.id);
  const counts = useStockCounts(current?.id, Boolean(me?.permissions.includes('stock.move')));
  const openCount = useOpenCount();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const staff = useKeeperCandidates(manage);
  const create = useCreateLocation();
  const today = useOrganisationToday();
  return (
    <>
      <h1 className="page-title">{t('nav.stock')}</h1>
      <div className="toolbar">
        <Select
          style={{ minWidth: 260 }}
          aria-label={t('parts.location')}
          value={current?.id}
          onChange={setSelected}
          options={visible.map((l) => ({
            value: l.id,
            label: `${l.code} ${l.name} · ${t(`parts.locationKinds.${l.kind}`)}`,
          }))}
          data-testid="stock-location"
        />
        {current && me?.permissions.includes('stock.move') && (
          <Button
            onClick={() =>
              openCount.mutate(current.id, {
                onSuccess: (c) => navigate(`/console/stock/counts/${c.id}`),
                onError: (err) => message.error(err.message),
              })
            }
            loading={openCount.isPending}
            data-testid="count-open"
          >
            {t('parts.openCount')}
          </Button>
        )}
        {manage && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
          >
            {t('parts.newLocation')}
          </Button>
        )}
      </div>
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Table<TLocationStockLine>
          rowKey={(r) => `${r.partId}:${r.batchCode}:${r.condition}`}
          size="small"
          loading={stock.isLoading}
          dataSource={stock.data ?? []}
          pagination={false}
          scroll={{ x: 700 }}
          onRow={(r) => ({
            onClick: () => navigate(`/console/parts/${r.partId}`),
            style: { cursor: 'pointer' },
          })}
          data-testid="location-stock"
          columns={[
            { title: t('parts.partNumber'), dataIndex: 'partNumber' },
            { title: t('parts.name'), dataIndex: 'partName' },
            { title: t('parts.batch'), dataIndex: 'batchCode' },
            { title: t('parts.supplier'), dataIndex: 'supplier', render: (s: string | null) => s ?? '—' },
            {
              title: t('parts.condition'),
              dataIndex: 'condition',
              render: (c: string) => (
                <Tag color={c === 'good' ? 'green' : 'red'}>{t(`parts.conditions.${c}`)}</Tag>
              ),
            },
            { title: t('parts.onHand'), dataIndex: 'onHand' },
            { title: t('parts.reserved'), dataIndex: 'reserved' },
            {
              title: t('parts.shelfWarrantyEnds'),
              dataIndex: 'shelfWarrantyEndsOn',
              render: (d: string | null) =>
                d && d < today ? <Tag color="red">{t('parts.shelfExpired', { date: d })}</Tag> : (d ?? '—'),
            },
          ]}
        />
        {counts.data && counts.data.length > 0 && (
          <Card title={t('parts.counts')} size="small">
            <Space direction="vertical">
              {counts.data.map((c) => (
                <a
                  key={c.id}
                  onClick={() => navigate(`/console/stock/counts/${c.id}`)}
                  href={`/console/stock/counts/${c.id}`}
                >
                  {orgTime.dateTime(c.openedAt)} · {t(`parts.countStatus.${c.status}`)}
                </a>
              ))}
            </Space>
          </Card>
        )}
      </div>
      <FormModal
        open={open}
        title={t('parts.newLocation')}
        form={form}
        onCancel={() => setOpen(false)}
        loading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'regional' }}
          onFinish={(v) =>
            create.mutate(
              { ...v, keeperId: v.keeperId ?? null },
              {
                onSuccess: (l) => {
                  setOpen(false);
                  setSelected(l.id);
                },
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item name="code" label={t('parts.code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('parts.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('parts.locationKind')} rules={[{ required: true }]}>
            <Select
              options={(['central', 'regional', 'van'] as const).map((k) => ({
                value: k,
                label: t(`parts.locationKinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="keeperId" label={t('parts.keeper')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          <Form.Item name="region" label={t('parts.region')}>
            <Input />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
