import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Table, type TableColumnType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TICKET_KINDS, TICKET_STATUSES } from '../../../../common/ticket-rules.ts';
import {
  TICKET_QUEUES,
  TICKET_SORTS,
  type TTicket,
  type TTicketSort,
} from '../../../../common/tickets-api.ts';
import { startsFromServerPage } from '../../app/first-page.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useProgressiveRows } from '../../components/progressive-rows.ts';
import { QueueTabs } from '../../components/QueueTabs.tsx';
import { SlaCountdown } from '../../features/sla/SlaCountdown.tsx';
import { CATEGORY_COLOR, PRIORITY_COLOR } from '../../features/tickets/ticket-colors.ts';
import { useTicketsBulkAssignMutation } from '../../features/tickets/tickets-bulk-assign-mutation.ts';
import { DEFAULT_STAFF_QUEUE } from '../../features/tickets/tickets-keys.ts';
import { useTickets } from '../../features/tickets/tickets-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';
import { InboundMailList } from './InboundMailList.tsx';
import { useListCursor } from './list-cursor.ts';
import { SavedFilters } from './SavedFilters.tsx';

/** The server's default direction of each sort (the first click on a column asks for it). */
const DEFAULT_ORDER: Record<TTicketSort, 'ascend' | 'descend'> = {
  created: 'descend',
  updated: 'descend',
  due: 'ascend',
  priority: 'descend',
  number: 'ascend',
};

/** The ticket queues (staff) or the customer's own tickets (portal). */
export function TicketsPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const navigate = useNavigate();
  const staff = base === '/console';
  // The workbench's figures open a queue with filters: ?queue=mine&status=assigned.
  const [params] = useSearchParams();
  const [queue, setQueue] = useState<string>(() => {
    const q = params.get('queue');
    return q && (TICKET_QUEUES as readonly string[]).includes(q) ? q : staff ? DEFAULT_STAFF_QUEUE : 'all';
  });
  const [filters, setFilters] = useState<Record<string, string | undefined>>(() => ({
    status: TICKET_STATUSES.find((s) => s === params.get('status')),
    kind: TICKET_KINDS.find((k) => k === params.get('kind')),
  }));
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  // only the bulk bar (rows selected) needs the staff
  const staffList = useStaffDirectory({ enabled: staff && selected.length > 0, staleTime: 300_000 });
  const bulk = useTicketsBulkAssignMutation();
  const list = useTickets({ ...filters, queue: queue === 'mail' ? 'all' : queue });
  const [fromServer] = useState(startsFromServerPage);
  const rows = useProgressiveRows(list.items, fromServer ? Number.POSITIVE_INFINITY : undefined);
  const cursor = useListCursor(list.items, (tk) => navigate(`${base}/tickets/${tk.id}`), queue !== 'mail');
  const activeSort = (filters.sort ?? 'created') as TTicketSort;
  const activeOrder = filters.order
    ? filters.order === 'asc'
      ? 'ascend'
      : 'descend'
    : DEFAULT_ORDER[activeSort];
  // A sortable column: its sort key on the server, its order shown from the filters (saved with them).
  const sortBy = (key: TTicketSort): Partial<TableColumnType<TTicket>> => ({
    key,
    sorter: true,
    sortDirections: DEFAULT_ORDER[key] === 'ascend' ? ['ascend', 'descend'] : ['descend', 'ascend'],
    sortOrder: activeSort === key ? activeOrder : null,
  });
  return (
    <>
      <h1 className="page-title">{staff ? t('nav.tickets') : t('nav.myTickets')}</h1>
      {staff && (
        <QueueTabs
          label={t('tickets.queueTabs')}
          activeKey={queue}
          onChange={setQueue}
          items={[
            ...TICKET_QUEUES.map((q) => ({ key: q, testId: `queue-${q}`, label: t(`tickets.queues.${q}`) })),
            { key: 'mail', testId: 'queue-mail', label: t('mail.tab') },
          ]}
        />
      )}
      {queue === 'mail' ? (
        <InboundMailList />
      ) : (
        <>
          <div className="toolbar">
            <Input.Search
              allowClear
              placeholder={t('tickets.search')}
              aria-label={t('tickets.search')}
              onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined }))}
              style={{ maxWidth: 260 }}
            />
            <Select
              allowClear
              placeholder={t('tickets.kind')}
              aria-label={t('tickets.kind')}
              style={{ width: 140 }}
              value={filters.kind}
              onChange={(v) => setFilters((f) => ({ ...f, kind: v }))}
              options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKinds.${k}`) }))}
            />
            <Select
              allowClear
              placeholder={t('tickets.status')}
              aria-label={t('tickets.status')}
              style={{ width: 140 }}
              value={filters.status}
              onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
              options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) }))}
            />
            {staff && (
              <SavedFilters
                current={{ ...filters, queue }}
                onApply={(q) => {
                  const { queue: savedQueue, ...rest } = q;
                  if (savedQueue) setQueue(savedQueue);
                  setFilters(rest);
                }}
              />
            )}
            <ExportButton entity="tickets" path="/api/v1/tickets/export" filters={{ ...filters, queue }} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`${base}/tickets/new`)}
              data-testid="ticket-new"
            >
              {staff ? t('tickets.new') : t('tickets.report')}
            </Button>
          </div>
          {staff && selected.length > 0 && (
            <div className="toolbar" data-testid="bulk-bar">
              <span>{t('tickets.selected', { count: selected.length })}</span>
              <Select
                aria-label={t('tickets.assignTo')}
                placeholder={t('tickets.assignTo')}
                style={{ width: 200 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={(staffList.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
                onChange={(assigneeId: string) =>
                  bulk.mutate(
                    { ticketIds: selected, assigneeId },
                    {
                      onSuccess: (r) => {
                        message.success(t('tickets.bulkDone', { count: r.assigned }));
                        setSelected([]);
                      },
                    },
                  )
                }
                data-testid="bulk-assign"
              />
            </div>
          )}
          <Table<TTicket>
            rowSelection={
              staff
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
                : undefined
            }
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            dataSource={rows}
            pagination={false}
            className="wide-table"
            rowClassName={(_tk, i) => (i === cursor ? 'row-cursor' : '')}
            onChange={(_pagination, _filters, sorter) => {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = one?.order ? (one.columnKey as TTicketSort) : undefined;
              setFilters((f) => ({
                ...f,
                sort: key && TICKET_SORTS.includes(key) ? key : undefined,
                order: key ? (one!.order === 'ascend' ? 'asc' : 'desc') : undefined,
              }));
            }}
            onRow={(tk) => ({
              onClick: () => navigate(`${base}/tickets/${tk.id}`),
              style: { cursor: 'pointer' },
            })}
            columns={[
              {
                title: t('tickets.number'),
                dataIndex: 'number',
                width: 150,
                ...sortBy('number'),
                // a real link (a new tab, the server's first page draws the same), the row opens it too
                render: (n: string, tk) => (
                  <Link
                    className="ticket-number"
                    to={`${base}/tickets/${tk.id}`}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {n}
                  </Link>
                ),
              },
              {
                title: t('tickets.subject'),
                dataIndex: 'subject',
                width: 280,
                render: (s: string, tk) =>
                  tk.emergency ? (
                    <>
                      <Tag color="red">{t('tickets.emergency')}</Tag>
                      {s}
                    </>
                  ) : (
                    s
                  ),
              },
              {
                title: t('tickets.kind'),
                dataIndex: 'kind',
                width: 100,
                render: (k: string) => t(`ticketKinds.${k}`),
              },
              ...(staff ? [{ title: t('tickets.customer'), dataIndex: 'customerName', width: 180 }] : []),
              {
                title: t('tickets.status'),
                dataIndex: 'status',
                width: 110,
                render: (s: string, tk: TTicket) => (
                  <Tag color={CATEGORY_COLOR[tk.statusCategory]}>{t(`ticketStatus.${s}`)}</Tag>
                ),
              },
              {
                title: t('tickets.priority'),
                dataIndex: 'priority',
                width: 100,
                render: (p: string) => <Tag color={PRIORITY_COLOR[p]}>{t(`priorities.${p}`)}</Tag>,
                ...sortBy('priority'),
              },
              ...(staff ? [{ title: t('tickets.assignee'), dataIndex: 'assigneeName', width: 130 }] : []),
              {
                title: t('sla.column'),
                width: 150,
                ...sortBy('due'),
                render: (_: unknown, tk: TTicket) => (
                  <SlaCountdown dueAt={tk.slaDueAt} breached={tk.slaBreached} />
                ),
              },
              {
                title: t('tickets.created'),
                dataIndex: 'createdAt',
                width: 170,
                render: (v: string) => time.dateTime(v),
                ...sortBy('created'),
              },
              {
                title: t('tickets.updated'),
                dataIndex: 'updatedAt',
                width: 170,
                render: (v: string) => time.dateTime(v),
                ...sortBy('updated'),
              },
            ]}
          />
          <LoadMore
            hasMore={Boolean(list.hasNextPage)}
            loading={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
