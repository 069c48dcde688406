import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useWebhookCreateMutation } from '../../features/notifications/webhook-create-mutation.ts';
import { useWebhookDeleteMutation } from '../../features/notifications/webhook-delete-mutation.ts';
import { useWebhookToggleMutation } from '../../features/notifications/webhook-toggle-mutation.ts';
import { type TWebhook, useWebhooks } from '../../features/notifications/webhooks-query.ts';

const EVENTS = ['ticket.created', 'ticket.status_changed', 'sla.warning', 'sla.breached', 'sla.escalation'];

/** Webhooks: other systems hear of ticket and SLA events, signed so they can trust them. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const hooks = useWebhooks();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm();
  const create = useWebhookCreateMutation();
  const toggle = useWebhookToggleMutation();
  const remove = useWebhookDeleteMutation();
  return (
    <>
      <h1 className="page-title">{t('nav.webhooks')}</h1>
      <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
      {secret && (
        <Alert
          type="warning"
          closable
          onClose={() => setSecret(null)}
          style={{ marginBottom: 12 }}
          message={t('webhooks.secretOnce')}
          description={
            <Typography.Text copyable code data-testid="webhook-secret">
              {secret}
            </Typography.Text>
          }
        />
      )}
      <div className="toolbar">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setOpen(true);
          }}
          data-testid="webhook-new"
        >
          {t('webhooks.new')}
        </Button>
      </div>
      <Table<TWebhook>
        rowKey="id"
        size="small"
        loading={hooks.isLoading}
        dataSource={hooks.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: t('webhooks.name'), dataIndex: 'name' },
          { title: t('webhooks.url'), dataIndex: 'url' },
          {
            title: t('webhooks.events'),
            dataIndex: 'events',
            // The event's code (what the payload carries) is in the tooltip, for whoever integrates.
            render: (e: string[]) => (
              <span title={e.join(', ')}>
                {e
                  .map((x) => t(`webhookEvents.${x}`, { defaultValue: x }))
                  .join(t('escalation.listSeparator'))}
              </span>
            ),
          },
          {
            title: t('webhooks.active'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean, w) => (
              <Switch
                size="small"
                checked={a}
                aria-label={`${t('webhooks.active')}: ${w.name}`}
                onChange={() => toggle.mutate(w)}
              />
            ),
          },
          {
            title: '',
            key: 'remove',
            width: 80,
            render: (_: unknown, w) => (
              <Popconfirm
                title={t('webhooks.removeConfirm')}
                onConfirm={() => remove.mutate(w.id)}
                okText={t('common.remove')}
                cancelText={t('common.cancel')}
              >
                <Button size="small" danger>
                  {t('common.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <FormModal
        open={open}
        title={t('webhooks.new')}
        form={form}
        onCancel={() => setOpen(false)}
        loading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(v, {
              onSuccess: (w) => {
                setSecret(w.secret);
                setOpen(false);
              },
              onError: (err) => message.error(applyServerErrors(form, err)),
            })
          }
          initialValues={{ active: true }}
        >
          <Form.Item name="name" label={t('webhooks.name')} rules={[{ required: true }]}>
            <Input data-testid="webhook-name" />
          </Form.Item>
          <Form.Item name="url" label={t('webhooks.url')} rules={[{ required: true }]}>
            <Input placeholder="https://crm.example.com/hooks/aftercare" data-testid="webhook-url" />
          </Form.Item>
          <Form.Item name="events" label={t('webhooks.events')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={EVENTS.map((e) => ({ value: e, label: t(`webhookEvents.${e}`), title: e }))}
              data-testid="webhook-events"
            />
          </Form.Item>
          <Form.Item name="active" label={t('webhooks.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
