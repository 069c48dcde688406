import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCustomer, TUser } from '../../../../common/api.ts';
import { CUSTOMER_ROLES, STAFF_ROLES } from '../../../../common/roles.ts';
import { ApiError } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';
import { useResetPasswordMutation } from '../../features/users/user-reset-password-mutation.ts';
import { useSaveUserMutation } from '../../features/users/user-save-mutation.ts';
import { useUsers } from '../../features/users/users-query.ts';

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<{ q?: string; kind?: string; role?: string }>({});
  const list = useUsers(filters);
  const [editing, setEditing] = useState<TUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<TUser | null>(null);
  const [form] = Form.useForm();
  const [resetForm] = Form.useForm();
  const save = useSaveUserMutation();
  const reset = useResetPasswordMutation();
  const kind = Form.useWatch('kind', form) as 'staff' | 'customer' | undefined;
  const [customerQ, setCustomerQ] = useState('');
  const customers = useCustomers({ q: customerQ || undefined });
  const canManage = me?.permissions.includes('users.manage');

  const open = (u: TUser | 'new') => {
    setEditing(u);
    form.resetFields();
    if (u === 'new') form.setFieldsValue({ kind: 'staff', roles: ['agent'], locale: 'zh-CN' });
    else form.setFieldsValue(u);
  };
  const roleOptions = (k: string | undefined) =>
    (k === 'customer' ? CUSTOMER_ROLES : STAFF_ROLES).map((r) => ({ value: r, label: t(`roles.${r}`) }));

  const submit = (v: Record<string, unknown>) => {
    const isNew = editing === 'new';
    const body = isNew
      ? { ...v, email: v.email || null, customerId: v.kind === 'customer' ? v.customerId : null }
      : {
          version: (editing as TUser).version,
          displayName: v.displayName,
          email: v.email || null,
          roles: v.roles,
          disabled: v.disabled,
          locale: v.locale,
        };
    save.mutate(isNew ? { body: body as never } : { id: (editing as TUser).id, body: body as never }, {
      onSuccess: () => {
        message.success(t('common.saved'));
        setEditing(null);
      },
      onError: (err) =>
        message.error(
          err instanceof ApiError && err.status === 409 && !isNew
            ? t('common.staleVersion')
            : applyServerErrors(form, err),
        ),
    });
  };

  return (
    <>
      <h1 className="page-title">{t('nav.users')}</h1>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined }))}
          style={{ maxWidth: 260 }}
        />
        <Select
          allowClear
          placeholder={t('users.kind')}
          aria-label={t('users.kind')}
          style={{ width: 140 }}
          onChange={(v) => setFilters((f) => ({ ...f, kind: v }))}
          options={[
            { value: 'staff', label: t('users.kinds.staff') },
            { value: 'customer', label: t('users.kinds.customer') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('users.role')}
          aria-label={t('users.role')}
          style={{ width: 180 }}
          onChange={(v) => setFilters((f) => ({ ...f, role: v }))}
          options={[...STAFF_ROLES, ...CUSTOMER_ROLES].map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="user-new">
            {t('users.new')}
          </Button>
        )}
      </div>
      <Table<TUser>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 820 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 150 },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
          },
          { title: t('users.organisation'), dataIndex: 'customerName', width: 180 },
          {
            title: t('users.status'),
            dataIndex: 'disabled',
            width: 90,
            render: (d: boolean) =>
              d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>,
          },
          {
            title: '',
            key: 'actions',
            width: 170,
            render: (_, u) =>
              canManage && (
                <Space>
                  <Button size="small" onClick={() => open(u)}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => {
                      setResetting(u);
                      resetForm.resetFields();
                    }}
                  >
                    {t('users.resetPassword')}
                  </Button>
                </Space>
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
        title={editing === 'new' ? t('users.new') : t('users.edit')}
        form={form}
        onCancel={() => setEditing(null)}
        loading={save.isPending}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {editing === 'new' && (
            <>
              <Form.Item label={t('users.kind')} name="kind">
                <Select
                  onChange={(k) =>
                    form.setFieldValue('roles', [k === 'customer' ? 'customer_user' : 'agent'])
                  }
                  options={[
                    { value: 'staff', label: t('users.kinds.staff') },
                    { value: 'customer', label: t('users.kinds.customer') },
                  ]}
                />
              </Form.Item>
              <Form.Item label={t('users.username')} name="username" rules={[{ required: true }]}>
                <Input autoComplete="off" />
              </Form.Item>
              {kind === 'customer' && (
                <Form.Item label={t('users.organisation')} name="customerId" rules={[{ required: true }]}>
                  <Select
                    showSearch={{ filterOption: false, onSearch: setCustomerQ }}
                    options={customers.items.map((c: TCustomer) => ({
                      value: c.id,
                      label: `${c.code} ${c.name}`,
                    }))}
                  />
                </Form.Item>
              )}
              <Form.Item
                label={t('users.password')}
                name="password"
                rules={[{ required: true }, { min: 10, message: t('profile.passwordTooShort') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('profile.email')} name="email" rules={[{ type: 'email' }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('users.roles')} name="roles" rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={roleOptions(editing === 'new' ? kind : (editing as TUser | null)?.kind)}
            />
          </Form.Item>
          <Form.Item label={t('common.language')} name="locale">
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item label={t('users.disabled')} name="disabled" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </FormModal>
      <FormModal
        open={resetting !== null}
        title={t('users.resetPasswordOf', { name: resetting?.username ?? '' })}
        form={resetForm}
        onCancel={() => setResetting(null)}
        loading={reset.isPending}
      >
        <Form
          form={resetForm}
          layout="vertical"
          onFinish={(v) =>
            resetting &&
            reset.mutate(
              { id: resetting.id, version: resetting.version, newPassword: v.newPassword },
              {
                onSuccess: () => {
                  message.success(t('users.passwordReset'));
                  setResetting(null);
                },
                onError: (err) => message.error(applyServerErrors(resetForm, err)),
              },
            )
          }
        >
          <Form.Item
            label={t('profile.newPassword')}
            name="newPassword"
            rules={[{ required: true }, { min: 10, message: t('profile.passwordTooShort') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
