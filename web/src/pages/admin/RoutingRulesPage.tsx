import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Popconfirm, Select, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES } from '../../../../common/roles.ts';
import { TICKET_KINDS } from '../../../../common/ticket-rules.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useRoutingRuleCreateMutation } from '../../features/tickets/routing-rule-create-mutation.ts';
import { useRoutingRuleDeleteMutation } from '../../features/tickets/routing-rule-delete-mutation.ts';
import { useRoutingRuleToggleMutation } from '../../features/tickets/routing-rule-toggle-mutation.ts';
import { type TRoutingRule, useRoutingRules } from '../../features/tickets/routing-rules-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';

/** 分派规则: which team (and person) gets a new ticket; the first matching rule wins. */
export function RoutingRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useRoutingRules();
  const staff = useStaffDirectory();
  const save = useRoutingRuleCreateMutation();
  const toggle = useRoutingRuleToggleMutation();
  const remove = useRoutingRuleDeleteMutation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const any = t('routing.any');
  const name = (id: string | null) => (id ? (staff.data?.find((u) => u.id === id)?.displayName ?? '…') : '—');
  return (
    <>
      <h1 className="page-title">{t('nav.routing')}</h1>
      <Typography.Paragraph type="secondary">{t('routing.intro')}</Typography.Paragraph>
      <div className="toolbar">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setOpen(true);
          }}
        >
          {t('routing.new')}
        </Button>
      </div>
      <Table<TRoutingRule>
        rowKey="id"
        size="small"
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('routing.position'), dataIndex: 'position', width: 70 },
          {
            title: t('tickets.kind'),
            dataIndex: 'kind',
            render: (k: string | null) => (k ? t(`ticketKinds.${k}`) : any),
          },
          {
            title: t('routing.faultCategory'),
            dataIndex: 'faultCategory',
            render: (v: string | null) => v ?? any,
          },
          {
            title: t('routing.productCategory'),
            dataIndex: 'productCategory',
            render: (v: string | null) => v ?? any,
          },
          { title: t('projects.region'), dataIndex: 'region', render: (v: string | null) => v ?? any },
          { title: t('tickets.team'), dataIndex: 'team', render: (v: string) => t(`roles.${v}`) },
          { title: t('tickets.assignee'), dataIndex: 'assigneeId', render: name },
          {
            title: t('routing.active'),
            dataIndex: 'active',
            render: (_, r) => (
              <Switch checked={r.active} onChange={() => toggle.mutate(r)} aria-label={t('routing.active')} />
            ),
          },
          {
            title: '',
            key: 'remove',
            render: (_, r) => (
              <Popconfirm
                title={t('routing.removeConfirm')}
                onConfirm={() => remove.mutate(r.id)}
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
        title={t('routing.new')}
        form={form}
        onCancel={() => setOpen(false)}
        loading={save.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ position: (rules.data?.length ?? 0) + 1, team: 'field_engineer', active: true }}
          onFinish={(v) =>
            save.mutate(
              {
                position: v.position,
                kind: v.kind ?? null,
                faultCategory: v.faultCategory || null,
                productCategory: v.productCategory || null,
                region: v.region || null,
                team: v.team,
                assigneeId: v.assigneeId ?? null,
                active: true,
              },
              {
                onSuccess: () => setOpen(false),
                onError: (err) => message.error(applyServerErrors(form, err)),
              },
            )
          }
        >
          <Form.Item label={t('routing.position')} name="position">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item label={t('tickets.kind')} name="kind">
            <Select
              allowClear
              placeholder={any}
              options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('routing.faultCategory')} name="faultCategory">
            <Input placeholder={any} />
          </Form.Item>
          <Form.Item label={t('routing.productCategory')} name="productCategory">
            <Input placeholder={any} />
          </Form.Item>
          <Form.Item label={t('projects.region')} name="region">
            <Input placeholder={any} />
          </Form.Item>
          <Form.Item label={t('tickets.team')} name="team">
            <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <Form.Item label={t('tickets.assignee')} name="assigneeId">
            <Select
              allowClear
              options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
