import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, Spin, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { TContact } from '../../../../common/registry-api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useCustomer } from '../../features/customers/customer-query.ts';
import { useContacts } from '../../features/registry/contacts-query.ts';
import { useProjects, useRegistryMutation } from '../../features/registry/registry-query.ts';

/** A customer (业主) with its contacts and projects. */
export function CustomerDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const projects = useProjects({ customerId: id });
  if (!customer.data) return <Spin />;
  const c = customer.data;
  return (
    <>
      <h1 className="page-title">{c.name}</h1>
      <Tabs
        items={[
          {
            key: 'overview',
            label: t('projects.overview'),
            children: (
              <Card>
                <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                  <Descriptions.Item label={t('customers.code')}>{c.code}</Descriptions.Item>
                  <Descriptions.Item label={t('customers.type')}>
                    {t(`customerTypes.${c.type}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('customers.region')}>{c.region ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('customers.contactName')}>
                    {c.contactName ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('customers.contactPhone')}>
                    {c.contactPhone ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('customers.address')}>{c.address ?? '—'}</Descriptions.Item>
                </Descriptions>
              </Card>
            ),
          },
          { key: 'contacts', label: t('contacts.title'), children: <ContactsTab customerId={c.id} /> },
          {
            key: 'projects',
            label: t('nav.projects'),
            children: (
              <Table
                rowKey="id"
                size="small"
                dataSource={projects.items}
                pagination={false}
                onRow={(p) => ({
                  onClick: () => navigate(`/console/projects/${p.id}`),
                  style: { cursor: 'pointer' },
                })}
                columns={[
                  { title: t('projects.code'), dataIndex: 'code', width: 120 },
                  { title: t('projects.name'), dataIndex: 'name' },
                  {
                    title: t('projects.status'),
                    dataIndex: 'status',
                    width: 120,
                    render: (s: string) => t(`projectStatus.${s}`),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}

function ContactsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const contacts = useContacts(customerId);
  const [editing, setEditing] = useState<TContact | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = useRegistryMutation<Record<string, unknown>>(editing === 'new' ? 'POST' : 'PATCH', () =>
    editing && editing !== 'new' ? `/api/v1/contacts/${editing.id}` : '/api/v1/contacts',
  );
  const canManage = me?.permissions.includes('customers.manage');
  return (
    <>
      {canManage && (
        <div className="toolbar">
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setEditing('new');
            }}
          >
            {t('contacts.new')}
          </Button>
        </div>
      )}
      <Table<TContact>
        rowKey="id"
        size="small"
        dataSource={contacts.data ?? []}
        pagination={false}
        scroll={{ x: 600 }}
        onRow={(c) => ({
          onClick: () => {
            if (!canManage) return;
            form.resetFields();
            form.setFieldsValue(c);
            setEditing(c);
          },
        })}
        columns={[
          { title: t('contacts.name'), dataIndex: 'name' },
          { title: t('contacts.role'), dataIndex: 'title' },
          { title: t('customers.contactPhone'), dataIndex: 'phone' },
          { title: t('customers.contactEmail'), dataIndex: 'email' },
        ]}
      />
      <FormModal
        open={editing !== null}
        title={editing === 'new' ? t('contacts.new') : t('contacts.edit')}
        form={form}
        onCancel={() => setEditing(null)}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            const body = {
              name: v.name,
              title: v.title || null,
              phone: v.phone || null,
              email: v.email || null,
            };
            save.mutate(
              editing === 'new'
                ? { ...body, customerId }
                : { ...body, version: (editing as TContact).version },
              {
                onSuccess: () => setEditing(null),
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            );
          }}
        >
          <Form.Item label={t('contacts.name')} name="name" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('contacts.role')} name="title">
            <Input />
          </Form.Item>
          <Form.Item label={t('customers.contactPhone')} name="phone">
            <Input />
          </Form.Item>
          <Form.Item label={t('customers.contactEmail')} name="email" rules={[{ type: 'email' }]}>
            <Input />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
