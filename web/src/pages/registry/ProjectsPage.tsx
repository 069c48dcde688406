import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PROJECT_STATUSES, type TProject } from '../../../../common/registry-api.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';
import { useProjects, useRegistryMutation } from '../../features/registry/registry-query.ts';

export function ProjectsPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useProjects(filters);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [customerQ, setCustomerQ] = useState('');
  const customers = useCustomers({ q: customerQ || undefined });
  const create = useRegistryMutation<Record<string, unknown>, TProject>('POST', () => '/api/v1/projects');
  const canManage = me?.permissions.includes('registry.manage') && me.kind === 'staff';

  return (
    <>
      <h1 className="page-title">{t('nav.projects')}</h1>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('projects.search')}
          aria-label={t('projects.search')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined }))}
          style={{ maxWidth: 280 }}
        />
        <Select
          allowClear
          placeholder={t('projects.status')}
          aria-label={t('projects.status')}
          style={{ width: 150 }}
          onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))}
        />
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
            data-testid="project-new"
          >
            {t('projects.new')}
          </Button>
        )}
        <ExportButton entity="projects" filters={filters} />
      </div>
      <Table<TProject>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 760 }}
        onRow={(p) => ({ onClick: () => navigate(`${base}/projects/${p.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('projects.code'), dataIndex: 'code', width: 110 },
          { title: t('projects.name'), dataIndex: 'name' },
          ...(base === '/console' ? [{ title: t('projects.customer'), dataIndex: 'customerName' }] : []),
          { title: t('projects.region'), dataIndex: 'region', width: 110 },
          {
            title: t('projects.status'),
            dataIndex: 'status',
            width: 120,
            render: (s: string) => <Tag>{t(`projectStatus.${s}`)}</Tag>,
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <FormModal
        open={open}
        title={t('projects.new')}
        form={form}
        onCancel={() => setOpen(false)}
        loading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(v, {
              onSuccess: (p) => {
                setOpen(false);
                navigate(`${base}/projects/${p.id}`);
              },
              onError: (err) => message.error(applyServerErrors(form, err)),
            })
          }
        >
          <Form.Item label={t('projects.customer')} name="customerId" rules={[{ required: true }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setCustomerQ }}
              options={customers.items.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
            />
          </Form.Item>
          <Form.Item label={t('projects.code')} name="code" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('projects.name')} name="name" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('projects.address')} name="address">
            <Input />
          </Form.Item>
          <Form.Item label={t('projects.region')} name="region">
            <Input />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
