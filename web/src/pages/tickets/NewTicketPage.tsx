import { App, Button, Card, Form, Input, List, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TICKET_KINDS, TICKET_PRIORITIES } from '../../../../common/ticket-rules.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';
import { useAssets, useProjects } from '../../features/registry/registry-query.ts';
import { lookupCallers, type TCaller } from '../../features/tickets/caller-lookup.ts';
import { useTicketCreateMutation } from '../../features/tickets/ticket-create-mutation.ts';
import { useTickets } from '../../features/tickets/tickets-query.ts';
import { CATEGORY_COLOR } from './TicketsPage.tsx';

/** Registering a request: an agent on the phone (customer first), or a customer in the portal. */
export function NewTicketPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const staff = base === '/console';
  const [form] = Form.useForm();
  const [customerQ, setCustomerQ] = useState('');
  const customers = useCustomers({ q: customerQ || undefined });
  const customerId =
    (Form.useWatch('customerId', form) as string | undefined) ??
    (staff ? undefined : (me?.customerId ?? undefined));
  const projectId = Form.useWatch('projectId', form) as string | undefined;
  const projects = useProjects({ customerId });
  const assets = useAssets({ projectId: projectId ?? '00000000-0000-0000-0000-000000000000' }, 200);
  const create = useTicketCreateMutation();
  const [callers, setCallers] = useState<TCaller[]>([]);
  const [picked, setPicked] = useState<TCaller | null>(null);

  const submit = async (v: Record<string, unknown>) => {
    try {
      const created = await create.mutateAsync({
        ...v,
        customerId: staff ? v.customerId : undefined,
        contactId: staff ? (v.contactId ?? null) : undefined,
        channel: staff ? 'phone' : undefined,
        assetIds: v.assetIds ?? [],
        projectId: v.projectId ?? null,
      });
      message.success(t('tickets.registered', { number: created.number }));
      navigate(`${base}/tickets/${created.id}`);
    } catch (err) {
      message.error(applyServerErrors(form, err));
    }
  };

  return (
    <>
      <h1 className="page-title">{staff ? t('tickets.new') : t('tickets.report')}</h1>
      <Card style={{ maxWidth: 720 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            kind: 'fault_report',
            priority: 'normal',
            emergency: false,
            complexity: 'general',
          }}
        >
          <Form.Item label={t('tickets.kind')} name="kind">
            <Select
              options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKinds.${k}`) }))}
              data-testid="ticket-kind"
            />
          </Form.Item>
          {staff && (
            <Form.Item label={t('tickets.callerPhone')} extra={t('tickets.callerPhoneHelp')}>
              <Input.Search
                data-testid="caller-phone"
                allowClear
                onSearch={async (phone) => {
                  setCallers(phone ? await lookupCallers(phone) : []);
                }}
              />
              {callers.length > 0 && (
                <Space wrap style={{ marginTop: 8 }}>
                  {callers.map((c) => (
                    <Button
                      key={`${c.customerId}-${c.contactId ?? ''}`}
                      size="small"
                      data-testid="caller-match"
                      onClick={() => {
                        setPicked(c);
                        form.setFieldsValue({
                          customerId: c.customerId,
                          contactId: c.contactId ?? null,
                          projectId: undefined,
                          assetIds: [],
                        });
                      }}
                    >
                      {c.customerName}
                      {c.contactName ? ` · ${c.contactName}` : ''} · {c.phone}
                    </Button>
                  ))}
                </Space>
              )}
            </Form.Item>
          )}
          <Form.Item name="contactId" hidden>
            <Input />
          </Form.Item>
          {staff && (
            <Form.Item label={t('tickets.customer')} name="customerId" rules={[{ required: true }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setCustomerQ }}
                placeholder={t('tickets.customerSearch')}
                options={[
                  ...(picked && !customers.items.some((c) => c.id === picked.customerId)
                    ? [{ value: picked.customerId, label: picked.customerName }]
                    : []),
                  ...customers.items.map((c) => ({
                    value: c.id,
                    label: `${c.name} · ${c.contactPhone ?? c.code}`,
                  })),
                ]}
                onChange={() => form.setFieldsValue({ projectId: undefined, assetIds: [] })}
                data-testid="ticket-customer"
              />
            </Form.Item>
          )}
          <Form.Item label={t('assets.project')} name="projectId">
            <Select
              allowClear
              disabled={!customerId}
              options={projects.items.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
              onChange={() => form.setFieldValue('assetIds', [])}
              data-testid="ticket-project"
            />
          </Form.Item>
          <Form.Item label={t('nav.equipment')} name="assetIds">
            <Select
              mode="multiple"
              disabled={!projectId}
              showSearch={{ optionFilterProp: 'label' }}
              options={assets.items.map((a) => ({
                value: a.id,
                label: `${a.serial} ${a.productName}${a.location ? ` · ${a.location}` : ''}`,
              }))}
              data-testid="ticket-assets"
            />
          </Form.Item>
          <Form.Item label={t('tickets.subject')} name="subject" rules={[{ required: true }]}>
            <Input data-testid="ticket-subject" />
          </Form.Item>
          <Form.Item label={t('tickets.description')} name="description" rules={[{ required: true }]}>
            <Input.TextArea rows={4} data-testid="ticket-description" />
          </Form.Item>
          {staff && (
            <>
              <Form.Item label={t('tickets.priority')} name="priority">
                <Select options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))} />
              </Form.Item>
              <Form.Item label={t('tickets.complexity')} name="complexity">
                <Select
                  options={[
                    { value: 'general', label: t('tickets.complexities.general') },
                    { value: 'complex', label: t('tickets.complexities.complex') },
                  ]}
                />
              </Form.Item>
              <Form.Item label={t('tickets.fields.faultCategory')} name="faultCategory">
                <Input />
              </Form.Item>
              <Form.Item label={t('tickets.emergency')} name="emergency" valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="ticket-submit">
            {t('tickets.submit')}
          </Button>
        </Form>
      </Card>
      {staff && customerId && <CallerHistory customerId={customerId} />}
    </>
  );
}

/** The caller's previous and open tickets, while the call is being registered. */
function CallerHistory({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const history = useTickets({ customerId, queue: 'all' });
  return (
    <Card
      title={t('tickets.callerHistory')}
      style={{ maxWidth: 720, marginTop: 16 }}
      size="small"
      data-testid="caller-history"
    >
      <List
        size="small"
        locale={{ emptyText: t('tickets.noHistory') }}
        dataSource={history.items.slice(0, 10)}
        renderItem={(tk) => (
          <List.Item>
            <Space wrap>
              <Link to={`/console/tickets/${tk.id}`}>{tk.number}</Link>
              <span>{tk.subject}</span>
              <Tag color={CATEGORY_COLOR[tk.statusCategory]}>{t(`ticketStatus.${tk.status}`)}</Tag>
              <span style={{ color: '#4b5563' }}>
                {new Date(tk.createdAt).toLocaleDateString(i18n.language)}
              </span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
