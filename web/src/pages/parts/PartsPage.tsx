import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Space, Switch, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TPartListItem } from '../../../../common/parts-api.ts';
import { ApiError } from '../../api/client.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useCreatePart } from '../../features/parts/part-create-mutation.ts';
import { UploadFailed, useImportParts } from '../../features/parts/parts-import-mutation.ts';
import { useParts } from '../../features/parts/parts-query.ts';
import { yuan } from '../../features/parts/yuan.ts';

/** 备件目录: every part with its stock over the locations the user may see. */
export function PartsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('parts.manage'));
  const [q, setQ] = useState<string>();
  const list = useParts(q);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useCreatePart();
  const importParts = useImportParts();
  const runImport = (file: Blob) =>
    importParts.mutate(file, {
      onSuccess: (r) => message.success(t('parts.imported', r)),
      onError: (err) => {
        if (err instanceof UploadFailed) return void message.error(err.message);
        const rows = err instanceof ApiError ? err.fieldErrors() : [];
        modal.error({
          title: err.message,
          content: (
            <ul data-testid="parts-import-errors">
              {rows.slice(0, 20).map((e) => (
                <li key={e.field}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          ),
        });
      },
    });
  const money = (v: number | undefined) => (v === undefined || v === null ? null : Math.round(v * 100));
  return (
    <>
      <h1 className="page-title">{t('nav.parts')}</h1>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('parts.search')}
          aria-label={t('parts.search')}
          style={{ maxWidth: 280 }}
          onSearch={(v) => setQ(v || undefined)}
          data-testid="parts-search"
        />
        <ExportButton entity="parts" path="/api/v1/parts/export" filters={{ q }} />
        {manage && (
          <>
            <Upload
              showUploadList={false}
              accept=".xlsx"
              customRequest={({ file }) => file instanceof Blob && runImport(file)}
            >
              <Button icon={<UploadOutlined />} data-testid="parts-import">
                {t('parts.import')}
              </Button>
            </Upload>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setOpen(true);
              }}
              data-testid="part-new"
            >
              {t('parts.new')}
            </Button>
          </>
        )}
      </div>
      <Table<TPartListItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        scroll={{ x: 900 }}
        pagination={false}
        onRow={(p) => ({ onClick: () => navigate(`/console/parts/${p.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('parts.partNumber'), dataIndex: 'partNumber', width: 150 },
          {
            title: t('parts.name'),
            dataIndex: 'name',
            render: (n: string, p) => (
              <>
                {n} {p.genuine && <Tag color="blue">{t('parts.genuine')}</Tag>}
                {p.wearing && <Tag color="orange">{t('parts.wearing')}</Tag>}
              </>
            ),
          },
          { title: t('parts.specification'), dataIndex: 'specification' },
          { title: t('parts.unit'), dataIndex: 'unit', width: 60 },
          {
            title: t('parts.onHand'),
            key: 'onHand',
            width: 90,
            render: (_: unknown, p) => (
              <span data-testid={`part-onhand-${p.partNumber}`}>{p.stock.onHand}</span>
            ),
          },
          {
            title: t('parts.available'),
            key: 'available',
            width: 90,
            render: (_: unknown, p) => p.stock.available,
          },
          {
            title: t('parts.defective'),
            key: 'defective',
            width: 90,
            render: (_: unknown, p) => p.stock.defective,
          },
          { title: t('parts.factoryPrice'), dataIndex: 'factoryPriceFen', width: 110, render: yuan },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <FormModal
        open={open}
        title={t('parts.new')}
        form={form}
        onCancel={() => setOpen(false)}
        loading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ unit: '个', genuine: true, wearing: false }}
          onFinish={(v) =>
            create.mutate(
              {
                partNumber: v.partNumber,
                name: v.name,
                specification: v.specification || null,
                unit: v.unit,
                genuine: v.genuine,
                wearing: v.wearing,
                costFen: money(v.cost),
                factoryPriceFen: money(v.factoryPrice),
                salePriceFen: money(v.salePrice),
                shelfLifeMonths: v.shelfLifeMonths ?? null,
              },
              {
                onSuccess: () => setOpen(false),
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item name="partNumber" label={t('parts.partNumber')} rules={[{ required: true }]}>
            <Input data-testid="part-number" />
          </Form.Item>
          <Form.Item name="name" label={t('parts.name')} rules={[{ required: true }]}>
            <Input data-testid="part-name" />
          </Form.Item>
          <Form.Item name="specification" label={t('parts.specification')}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="unit" label={t('parts.unit')} rules={[{ required: true }]}>
              <Input style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="genuine" label={t('parts.genuine')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="wearing" label={t('parts.wearing')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="shelfLifeMonths" label={t('parts.shelfLifeMonths')}>
              <InputNumber min={1} max={600} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="cost" label={t('parts.cost')}>
              <InputNumber min={0} step={0.01} />
            </Form.Item>
            <Form.Item name="factoryPrice" label={t('parts.factoryPrice')}>
              <InputNumber min={0} step={0.01} />
            </Form.Item>
            <Form.Item name="salePrice" label={t('parts.salePrice')}>
              <InputNumber min={0} step={0.01} />
            </Form.Item>
          </Space>
        </Form>
      </FormModal>
    </>
  );
}
