import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIZE_CLASSES, type TProduct } from '../../../../common/registry-api.ts';
import { ApiError } from '../../api/client.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { useProducts, useRegistryMutation } from '../../features/registry/registry-query.ts';

export function ProductsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useProducts(filters);
  const [editing, setEditing] = useState<TProduct | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = useRegistryMutation<Record<string, unknown>>(editing === 'new' ? 'POST' : 'PATCH', () =>
    editing === 'new' || !editing ? '/api/v1/products' : `/api/v1/products/${editing.id}`,
  );
  const canManage = me?.permissions.includes('products.manage');
  return (
    <>
      <h1 className="page-title">{t('nav.products')}</h1>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('products.search')}
          aria-label={t('products.search')}
          onSearch={(q) => setFilters({ q: q || undefined })}
          style={{ maxWidth: 300 }}
        />
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setEditing('new');
            }}
          >
            {t('products.new')}
          </Button>
        )}
        <ExportButton entity="products" filters={filters} />
      </div>
      <Table<TProduct>
        expandable={{
          expandedRowRender: (p) => <ProductDocuments product={p} canEdit={Boolean(canManage)} />,
          rowExpandable: () => true,
        }}
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 700 }}
        onRow={(p) => ({
          onClick: () => {
            if (!canManage) return;
            form.resetFields();
            form.setFieldsValue({
              ...p,
              standardPrice: p.standardPriceFen === null ? null : p.standardPriceFen / 100,
            });
            setEditing(p);
          },
        })}
        columns={[
          { title: t('products.model'), dataIndex: 'model', width: 160 },
          { title: t('products.name'), dataIndex: 'name' },
          { title: t('products.category'), dataIndex: 'category', width: 120 },
          {
            title: t('products.sizeClass'),
            dataIndex: 'sizeClass',
            width: 110,
            render: (s: string) => t(`sizeClasses.${s}`),
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('products.new') : t('products.edit')}
        form={form}
        onCancel={() => setEditing(null)}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ sizeClass: 'medium' }}
          onFinish={(v) => {
            const body = {
              name: v.name,
              category: v.category,
              sizeClass: v.sizeClass,
              maintenanceTemplate: v.maintenanceTemplate || null,
              standardPriceFen:
                v.standardPrice === null || v.standardPrice === undefined
                  ? null
                  : Math.round(v.standardPrice * 100),
            };
            save.mutate(
              editing === 'new'
                ? { ...body, model: v.model }
                : { ...body, version: (editing as TProduct).version },
              {
                onSuccess: () => setEditing(null),
                onError: (err) =>
                  message.error(
                    err instanceof ApiError && err.status === 409 && editing !== 'new'
                      ? t('common.staleVersion')
                      : applyServerErrors(form, err),
                  ),
              },
            );
          }}
        >
          <Form.Item label={t('products.model')} name="model" rules={[{ required: true }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item label={t('products.name')} name="name" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('products.category')} name="category" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('products.sizeClass')} name="sizeClass">
            <Select options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`sizeClasses.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t('products.maintenanceTemplate')} name="maintenanceTemplate">
            <Input />
          </Form.Item>
          <Form.Item label={t('products.standardPrice')} name="standardPrice">
            <InputNumber min={0} step={100} style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}

function ProductDocuments({ product, canEdit }: { product: TProduct; canEdit: boolean }) {
  const save = useRegistryMutation<string[]>(
    'PATCH',
    () => `/api/v1/products/${product.id}`,
    (ids) => ({
      version: product.version,
      documentFileIds: ids,
    }),
  );
  return (
    <Attachments
      fileIds={product.documentFileIds}
      customerId={null}
      canEdit={canEdit}
      onChange={(ids) => save.mutateAsync(ids)}
    />
  );
}
