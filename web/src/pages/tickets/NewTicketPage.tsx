import { App, Button, Card, Form, Grid, Input, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TICKET_KINDS, TICKET_PRIORITIES } from '../../../../common/ticket-rules.ts';
import type { TTicket } from '../../../../common/tickets-api.ts';
import { api, type Page } from '../../api/client.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';
import { useContacts } from '../../features/registry/contacts-query.ts';
import { useAssets, useProjects } from '../../features/registry/registry-query.ts';
import { lookupCallers, type TCaller } from '../../features/tickets/caller-lookup.ts';
import { CATEGORY_COLOR } from '../../features/tickets/ticket-colors.ts';
import { useTicketCreateMutation } from '../../features/tickets/ticket-create-mutation.ts';
import { useTickets } from '../../features/tickets/tickets-query.ts';
import { KeyHint } from './KeyHint.tsx';

/** Registering a request: an agent on the phone (customer first), or a customer in the portal. */
export function NewTicketPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const staff = base === '/console';
  const wide = Grid.useBreakpoint().lg ?? true;
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
  const [callers, setCallers] = useState<TCaller[] | null>(null);
  const [picked, setPicked] = useState<TCaller | null>(null);
  const [looking, setLooking] = useState(false);
  const firstMatch = useRef<HTMLButtonElement | null>(null);
  // Once the matches are on the screen the first has the focus: Enter chooses it.
  useEffect(() => {
    if (callers?.length) firstMatch.current?.focus();
  }, [callers]);

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

  // Enter in the number box looks the caller up (it never submits the form); the first match then
  // has the focus, so a second Enter chooses it.
  const lookUp = async (phone: string) => {
    if (!phone.trim()) {
      setCallers(null);
      return;
    }
    setLooking(true);
    try {
      setCallers(await lookupCallers(phone.trim()));
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setLooking(false);
    }
  };

  /** Choosing the caller fills the customer, the contact and the project of the customer's last ticket. */
  const pick = async (c: TCaller) => {
    setPicked(c);
    form.setFieldsValue({
      customerId: c.customerId,
      contactId: c.contactId ?? null,
      projectId: undefined,
      assetIds: [],
    });
    const last = await lastProjectOf(c.customerId).catch(() => null);
    if (last && form.getFieldValue('customerId') === c.customerId) form.setFieldValue('projectId', last);
    requestAnimationFrame(() =>
      document.querySelector<HTMLInputElement>('[data-testid="ticket-subject"]')?.focus(),
    );
  };

  const phoneBox = staff && (
    <Form.Item label={t('tickets.callerPhone')} extra={t('tickets.callerPhoneHelp')}>
      <Input.Search
        data-testid="caller-phone"
        allowClear
        inputMode="tel"
        enterButton={t('tickets.lookUp')}
        loading={looking}
        placeholder={t('tickets.lookupHint')}
        onPressEnter={(e) => e.preventDefault()}
        onSearch={(phone) => void lookUp(phone)}
      />
    </Form.Item>
  );

  // At a desk the matches stand beside the form; on a phone, right under the number box.
  const matches = callers !== null && (
    <Card size="small" title={t('tickets.pickCaller')} data-testid="caller-matches">
      {callers.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.noCallerMatch')}</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {callers.map((c, i) => (
            <Button
              key={`${c.customerId}-${c.contactId ?? ''}`}
              ref={i === 0 ? firstMatch : undefined}
              block
              type={picked === c ? 'primary' : 'default'}
              data-testid="caller-match"
              style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
              onClick={() => void pick(c)}
            >
              <span style={{ overflowWrap: 'anywhere' }}>
                <b>{c.customerName}</b>
                {c.contactName ? ` · ${c.contactName}` : ''} · {c.phone}
              </span>
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );

  const formCard = (
    <Card style={{ maxWidth: wide && staff ? undefined : 720, minWidth: 0 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        // Ctrl+Enter (⌘+Enter) creates the ticket from any field.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.submit();
          }
        }}
        initialValues={{
          kind: 'fault_report',
          priority: 'normal',
          emergency: false,
          complexity: 'general',
        }}
      >
        {phoneBox}
        {!wide && matches && <div style={{ marginBottom: 24 }}>{matches}</div>}
        <Form.Item label={t('tickets.kind')} name="kind">
          <Select
            options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKinds.${k}`) }))}
            data-testid="ticket-kind"
          />
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
              onChange={() => form.setFieldsValue({ contactId: null, projectId: undefined, assetIds: [] })}
              data-testid="ticket-customer"
            />
          </Form.Item>
        )}
        {staff ? (
          <Form.Item label={t('ticketPage.caller')} name="contactId">
            <ContactSelect customerId={customerId} />
          </Form.Item>
        ) : (
          <Form.Item name="contactId" hidden>
            <Input />
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
          {staff && wide && <KeyHint keys="Ctrl+Enter" />}
        </Button>
      </Form>
    </Card>
  );

  const callerPanel = staff && (
    <div style={{ display: 'grid', gap: 16, alignContent: 'start', minWidth: 0 }}>
      {wide && matches}
      {customerId && <CallerHistory customerId={customerId} />}
    </div>
  );

  return (
    <>
      <h1 className="page-title">{staff ? t('tickets.new') : t('tickets.report')}</h1>
      {staff && wide ? (
        // At a desk the caller's matches and history stand beside the form, in sight while typing.
        <div
          data-testid="quick-entry-layout"
          style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 720px) minmax(320px, 1fr)' }}
        >
          {formCard}
          {callerPanel}
        </div>
      ) : (
        <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
          {formCard}
          {callerPanel}
        </div>
      )}
    </>
  );
}

/** The project of the customer's most recent ticket that named one, else its only project. */
async function lastProjectOf(customerId: string): Promise<string | null> {
  const recent = await api.get<Page<TTicket>>('/api/v1/tickets', { customerId, queue: 'all', limit: 20 });
  const fromTicket = recent.items.find((tk) => tk.projectId)?.projectId;
  if (fromTicket) return fromTicket;
  const projects = await api.get<Page<{ id: string }>>('/api/v1/projects', { customerId, limit: 2 });
  return projects.items.length === 1 ? projects.items[0]!.id : null;
}

/** The customer's contacts, to say who is calling. */
function ContactSelect({
  customerId,
  value,
  onChange,
}: {
  customerId: string | undefined;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  const contacts = useContacts(customerId ?? '', Boolean(customerId));
  return (
    <Select
      allowClear
      disabled={!customerId}
      placeholder={t('ticketPage.noCaller')}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={(contacts.data ?? []).map((c) => ({
        value: c.id,
        label: c.phone ? `${c.name} · ${c.phone}` : c.name,
      }))}
      data-testid="ticket-contact-select"
    />
  );
}

/** The caller's previous and open tickets, while the call is being registered. */
function CallerHistory({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const history = useTickets({ customerId, queue: 'all' });
  return (
    <Card
      title={t('tickets.callerHistory')}
      style={{ minWidth: 0 }}
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
