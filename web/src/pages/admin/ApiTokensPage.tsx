import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TApiToken } from '../../../../common/api.ts';
import { STAFF_ROLES } from '../../../../common/roles.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useCreateApiTokenMutation } from '../../features/users/api-token-create-mutation.ts';
import { useRevokeApiTokenMutation } from '../../features/users/api-token-revoke-mutation.ts';
import { useApiTokens } from '../../features/users/api-tokens-query.ts';

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tokens = useApiTokens();
  const create = useCreateApiTokenMutation();
  const revoke = useRevokeApiTokenMutation();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [form] = Form.useForm();
  const when = useOrganisationTime().dateTime;

  return (
    <>
      <h1 className="page-title">{t('nav.apiTokens')}</h1>
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <div className="toolbar">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setCreated(null);
            setOpen(true);
          }}
          data-testid="token-new"
        >
          {t('tokens.new')}
        </Button>
      </div>
      <Table<TApiToken>
        rowKey="id"
        size="middle"
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}`) },
          { title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: when },
          {
            title: t('users.status'),
            dataIndex: 'revokedAt',
            render: (r: string | null) =>
              r ? <Tag color="red">{t('tokens.revoked')}</Tag> : <Tag color="green">{t('users.active')}</Tag>,
          },
          {
            title: '',
            key: 'actions',
            render: (_, tok) =>
              !tok.revokedAt && (
                <Popconfirm
                  title={t('tokens.revokeConfirm')}
                  okText={t('tokens.revoke')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    revoke.mutate(tok.id, { onSuccess: () => message.success(t('tokens.revokedDone')) })
                  }
                >
                  <Button size="small" danger>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('tokens.new')}
        onCancel={() => setOpen(false)}
        onOk={() => (created ? setOpen(false) : form.submit())}
        okText={created ? t('common.close') : t('common.create')}
        cancelButtonProps={{ style: created ? { display: 'none' } : undefined }}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        {created ? (
          <>
            <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 12 }} />
            <Typography.Paragraph copyable={{ text: created }} code data-testid="token-value">
              {created}
            </Typography.Paragraph>
          </>
        ) : (
          <Form
            form={form}
            layout="vertical"
            initialValues={{ role: 'agent' }}
            onFinish={(v) =>
              create.mutate(v, {
                onSuccess: (tok) => setCreated(tok.token),
                onError: (err) => message.error(applyServerErrors(form, err)),
              })
            }
          >
            <Form.Item label={t('tokens.name')} name="name" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item label={t('tokens.role')} name="role">
              <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
