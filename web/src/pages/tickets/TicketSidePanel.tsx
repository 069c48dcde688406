// The ticket page's side panel (staff): who and what the ticket is about, by name — the customer, the
// caller with the phone (changeable), project and equipment with their warranty state — the SLA
// countdowns, the customer's other open tickets, the work orders, links and the change log.
import { PhoneOutlined } from '@ant-design/icons';
import { App, Card, Descriptions, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TTicketContext, TTicketDetail } from '../../../../common/tickets-api.ts';
import { ApiError } from '../../api/client.ts';
import { TicketWorkOrders } from '../../features/field/TicketWorkOrders.tsx';
import { TicketKnowledgeCard } from '../../features/knowledge/TicketKnowledgeCard.tsx';
import { SpecialInspectionCard } from '../../features/maintenance/SpecialInspectionCard.tsx';
import { useContacts } from '../../features/registry/contacts-query.ts';
import { useCoverage } from '../../features/registry/registry-query.ts';
import { SlaPanel } from '../../features/sla/SlaPanel.tsx';
import { CATEGORY_COLOR } from '../../features/tickets/ticket-colors.ts';
import { useTicketMutation } from '../../features/tickets/ticket-mutation.ts';
import { TicketHistory } from './TicketHistory.tsx';
import { TicketLinks } from './TicketLinks.tsx';

const WARRANTY_COLOR: Record<string, string> = {
  in_warranty: 'green',
  latent_defect: 'gold',
  service_agreement: 'blue',
  expired: 'red',
  not_accepted: 'default',
};

export function TicketSidePanel({
  ticket,
  context,
  permissions,
}: {
  ticket: TTicketDetail;
  context: TTicketContext | undefined;
  permissions: readonly string[];
}) {
  const { t } = useTranslation();
  const canManage = permissions.includes('tickets.manage');
  return (
    <div
      data-testid="ticket-side-panel"
      style={{ display: 'grid', gap: 12, alignContent: 'start', minWidth: 0 }}
    >
      <Card size="small" title={t('ticketPage.about')} data-testid="ticket-about">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('tickets.customer')}>
            <Space direction="vertical" size={0}>
              <Link to={`/console/customers/${ticket.customerId}`} data-testid="side-customer">
                {ticket.customerName}
              </Link>
              {context?.customer.phone && <Phone number={context.customer.phone} />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('ticketPage.caller')}>
            <CallerField ticket={ticket} context={context} canEdit={canManage} />
          </Descriptions.Item>
          <Descriptions.Item label={t('assets.project')}>
            {context?.project ? (
              <Link to={`/console/projects/${context.project.id}`} data-testid="side-project">
                {context.project.name}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('nav.equipment')}>
            {context && context.equipment.length > 0 ? (
              <List
                size="small"
                split={false}
                style={{ width: '100%' }}
                dataSource={context.equipment}
                renderItem={(e) => (
                  <List.Item style={{ padding: '2px 0' }} data-testid="side-equipment">
                    <div style={{ minWidth: 0 }}>
                      <Link to={`/console/assets/${e.id}`}>{e.name}</Link>{' '}
                      <Typography.Text type="secondary">
                        {e.serial}
                        {e.location ? ` · ${e.location}` : ''}
                      </Typography.Text>
                      <div>
                        <WarrantyState assetId={e.id} />
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <SlaPanel ticket={ticket} staff compact />
      {permissions.includes('knowledge.read') && (
        <TicketKnowledgeCard text={`${ticket.subject} ${ticket.description}`} />
      )}
      <Card size="small" title={t('ticketPage.otherOpen')} data-testid="side-other-open">
        <List
          size="small"
          locale={{ emptyText: t('ticketPage.noOtherOpen') }}
          dataSource={context?.otherOpen ?? []}
          renderItem={(o) => (
            <List.Item style={{ paddingInline: 0 }}>
              <div style={{ minWidth: 0 }}>
                <Link to={`/console/tickets/${o.id}`}>{o.number}</Link>{' '}
                <Tag color={CATEGORY_COLOR[o.status === 'waiting_customer' ? 'waiting' : 'open']}>
                  {t(`ticketStatus.${o.status}`)}
                </Tag>
                <div style={{ overflowWrap: 'anywhere' }}>{o.subject}</div>
              </div>
            </List.Item>
          )}
        />
      </Card>
      {permissions.includes('workorders.read_all') && (
        <TicketWorkOrders
          ticketId={ticket.id}
          canDispatch={permissions.includes('workorders.dispatch')}
          canDeduct={permissions.includes('deposits.approve')}
        />
      )}
      {permissions.includes('maintenance.read') && (ticket.projectId || ticket.assetIds.length > 0) && (
        <SpecialInspectionCard ticketId={ticket.id} canCreate={permissions.includes('workorders.dispatch')} />
      )}
      <TicketLinks ticket={ticket} base="/console" staff={canManage} />
      {canManage && <TicketHistory ticketId={ticket.id} version={ticket.version} />}
    </div>
  );
}

function Phone({ number }: { number: string }) {
  return (
    <a href={`tel:${number.replace(/\s+/g, '')}`}>
      <PhoneOutlined /> {number}
    </a>
  );
}

/** The caller (联系人): shown with the phone, and changed among the customer's contacts. */
function CallerField({
  ticket,
  context,
  canEdit,
}: {
  ticket: TTicketDetail;
  context: TTicketContext | undefined;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const contacts = useContacts(ticket.customerId);
  const update = useTicketMutation<{ version: number; contactId: string | null }>(
    'PATCH',
    () => `/api/v1/tickets/${ticket.id}`,
  );
  const contact = context?.contact;
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      {contact ? (
        <span data-testid="side-contact">
          {contact.name}
          {contact.title ? ` · ${contact.title}` : ''}
        </span>
      ) : (
        <Typography.Text type="secondary">{t('ticketPage.noCaller')}</Typography.Text>
      )}
      {contact?.phone && <Phone number={contact.phone} />}
      {canEdit && (
        <Select
          size="small"
          allowClear
          aria-label={t('ticketPage.changeCaller')}
          placeholder={t('ticketPage.changeCaller')}
          style={{ width: '100%' }}
          value={ticket.contactId ?? undefined}
          loading={contacts.isLoading}
          onChange={(v: string | undefined) =>
            update.mutate(
              { version: ticket.version, contactId: v ?? null },
              {
                onSuccess: () => message.success(t('common.saved')),
                onError: (err) =>
                  message.error(
                    err instanceof ApiError && err.status === 409
                      ? t('common.staleVersion')
                      : (err as Error).message,
                  ),
              },
            )
          }
          options={(contacts.data ?? []).map((c) => ({
            value: c.id,
            label: c.phone ? `${c.name} · ${c.phone}` : c.name,
          }))}
          data-testid="ticket-contact"
        />
      )}
    </Space>
  );
}

function WarrantyState({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const { data } = useCoverage(assetId, { cause: 'normal_failure' });
  if (!data) return null;
  return (
    <Space size={4} wrap data-testid="side-warranty">
      <Tag color={WARRANTY_COLOR[data.status]}>{t(`warranty.status.${data.status}`)}</Tag>
      {data.warrantyEnd && (
        <Typography.Text type="secondary">
          {t('ticketPage.warrantyUntil', { date: data.warrantyEnd })}
        </Typography.Text>
      )}
    </Space>
  );
}
