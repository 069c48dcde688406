import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TCustomer } from '../../../../common/api.ts';
import { ApiError } from '../../api/client.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import {
  findCustomerDuplicates,
  type TCustomerDuplicate,
} from '../../features/customers/customer-duplicates.ts';
import { useSaveCustomerMutation } from '../../features/customers/customer-save-mutation.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';

const TYPES = ['enterprise', 'government', 'institution', 'individual'] as const;

export function CustomersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const list = useCustomers({ q: q || undefined });
  const [editing, setEditing] = useState<TCustomer | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = useSaveCustomerMutation();
  const canManage = me?.permissions.includes('customers.manage');

  const [duplicates, setDuplicates] = useState<TCustomerDuplicate[]>([]);
  // 重复检测: warn about customers with the same phone or a similar name before creating another.
  const checkDuplicates = async () => {
    const { name, contactPhone } = form.getFieldsValue(['name', 'contactPhone']);
    if (!name && !contactPhone) return;
    setDuplicates(
      await findCustomerDuplicates({
        name: name || undefined,
        phone: contactPhone || undefined,
      }),
    );
  };
  const open = (c: TCustomer | 'new') => {
    setDuplicates([]);
    setEditing(c);
    form.resetFields();
    if (c !== 'new') form.setFieldsValue(c);
  };
  const submit = (values: Record<string, string>) => {
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? null : v]));
    const isNew = editing === 'new';
    save.mutate(
      isNew
        ? { body: body as never }
        : {
            id: (editing as TCustomer).id,
            body: { ...body, code: undefined, version: (editing as TCustomer).version } as never,
          },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          setEditing(null);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409 && !isNew)
            message.error(t('common.staleVersion'));
          else message.error(applyServerErrors(form, err));
        },
      },
    );
  };

  return (
    <>
      <h1 className="page-title">{t('nav.customers')}</h1>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('customers.search')}
          aria-label={t('customers.search')}
          onSearch={setQ}
          style={{ maxWidth: 320 }}
        />
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open('new')}
            data-testid="customer-new"
          >
            {t('customers.new')}
          </Button>
        )}
        <ExportButton entity="customers" filters={{ q: q || undefined }} />
      </div>
      <Table<TCustomer>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 720 }}
        onRow={(c) => ({
          onClick: () => navigate(`/console/customers/${c.id}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('customers.code'), dataIndex: 'code', width: 130 },
          { title: t('customers.name'), dataIndex: 'name' },
          {
            title: t('customers.type'),
            dataIndex: 'type',
            width: 110,
            render: (v: string) => t(`customerTypes.${v}`),
          },
          { title: t('customers.contactName'), dataIndex: 'contactName', width: 120 },
          { title: t('customers.contactPhone'), dataIndex: 'contactPhone', width: 150 },
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_, c) =>
              canManage && (
                <Button
                  size="small"
                  onClick={(e) => {
                    e.stopPropagation();
                    open(c);
                  }}
                >
                  {t('common.edit')}
                </Button>
              ),
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
        title={editing === 'new' ? t('customers.new') : t('customers.edit')}
        form={form}
        onCancel={() => setEditing(null)}
        loading={save.isPending}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item label={t('customers.code')} name="code" rules={[{ required: true }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item label={t('customers.name')} name="name" rules={[{ required: true }]}>
            <Input onBlur={() => editing === 'new' && checkDuplicates()} />
          </Form.Item>
          {duplicates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="customer-duplicates"
              title={t('customers.possibleDuplicates')}
              description={duplicates
                .map((d) => `${d.code} ${d.name}${d.contactPhone ? ` (${d.contactPhone})` : ''}`)
                .join('；')}
            />
          )}
          <Form.Item label={t('customers.type')} name="type" initialValue="enterprise">
            <Select options={TYPES.map((v) => ({ value: v, label: t(`customerTypes.${v}`) }))} />
          </Form.Item>
          <Form.Item label={t('customers.region')} name="region">
            <Input />
          </Form.Item>
          <Form.Item label={t('customers.contactName')} name="contactName">
            <Input />
          </Form.Item>
          <Form.Item label={t('customers.contactPhone')} name="contactPhone">
            <Input onBlur={() => editing === 'new' && checkDuplicates()} />
          </Form.Item>
          <Form.Item label={t('customers.contactEmail')} name="contactEmail" rules={[{ type: 'email' }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('customers.address')} name="address">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
