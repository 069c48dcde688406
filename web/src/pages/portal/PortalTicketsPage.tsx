import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Segmented, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CUSTOMER_STATUS } from '../../../../common/portal-rules.ts';
import type { TTicket } from '../../../../common/tickets-api.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useTickets } from '../../features/tickets/tickets-query.ts';
import { usePortalDate } from './portal-dates.ts';

export const CUSTOMER_STATUS_COLOR: Record<string, string> = {
  received: 'blue',
  in_progress: 'processing',
  waiting_customer: 'warning',
  resolved: 'success',
  closed: 'default',
};

/** The status and urgency of a request as the customer reads them. */
export function TicketTags({ ticket }: { ticket: Pick<TTicket, 'status' | 'emergency' | 'priority'> }) {
  const { t } = useTranslation();
  const status = CUSTOMER_STATUS[ticket.status];
  return (
    <span className="portal-tags">
      <Tag color={CUSTOMER_STATUS_COLOR[status]}>{t(`portal.statuses.${status}`)}</Tag>
      {ticket.emergency ? (
        <Tag color="red">{t('portal.emergencyTag')}</Tag>
      ) : ticket.priority === 'high' || ticket.priority === 'urgent' ? (
        <Tag color="orange">{t('portal.urgencies.high')}</Tag>
      ) : null}
    </span>
  );
}

/** The customer's requests as cards (a phone shows them without sideways scrolling). */
export function PortalTicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const date = usePortalDate();
  const [scope, setScope] = useState<'open' | 'all'>('all');
  const [q, setQ] = useState('');
  const list = useTickets({ queue: scope, q: q || undefined, sort: scope === 'open' ? 'due' : 'created' });
  return (
    <>
      <div className="portal-page-head">
        <h1 className="page-title">{t('nav.myTickets')}</h1>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/portal/tickets/new')}
          data-testid="ticket-new"
        >
          {t('tickets.report')}
        </Button>
      </div>
      <div className="portal-filters">
        <Segmented
          value={scope}
          onChange={(v) => setScope(v as 'open' | 'all')}
          options={[
            { value: 'all', label: t('portal.scopes.all') },
            { value: 'open', label: t('portal.scopes.open') },
          ]}
          data-testid="portal-ticket-scope"
        />
        <Input.Search
          allowClear
          placeholder={t('portal.searchTickets')}
          onSearch={setQ}
          aria-label={t('portal.searchTickets')}
          data-testid="portal-ticket-search"
        />
      </div>
      {list.isLoading ? (
        <Spin />
      ) : list.items.length === 0 ? (
        <Empty description={t('portal.noTickets')} />
      ) : (
        <div className="portal-cards" data-testid="portal-ticket-cards">
          {list.items.map((tk) => (
            <Link
              key={tk.id}
              to={`/portal/tickets/${tk.id}`}
              className="portal-card"
              data-testid="portal-ticket-card"
            >
              <div className="portal-card-head">
                <b>{tk.number}</b>
                <TicketTags ticket={tk} />
              </div>
              <div className="portal-card-title">{tk.subject}</div>
              <div className="portal-card-meta">
                {t(`ticketKinds.${tk.kind}`)} · {t('portal.submittedAt', { time: date(tk.createdAt) })}
              </div>
              {tk.slaDueAt && tk.statusCategory !== 'resolved' && tk.statusCategory !== 'closed' && (
                <div className="portal-card-meta">
                  {t('workbench.promisedBy', { time: date(tk.slaDueAt) })}
                </div>
              )}
            </Link>
          ))}
        </div>
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
    </>
  );
}
