import { App, Button, Card, Dropdown, Grid, List, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TSlaTarget } from '../../../../common/sla-api.ts';
import { MANUAL_SLA_EVENTS } from '../../../../common/sla-rules.ts';
import type { TTicketDetail } from '../../../../common/tickets-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useTicketMutation } from '../tickets/ticket-mutation.ts';
import { SlaCountdown } from './SlaCountdown.tsx';
import { formatDuration } from './use-now.ts';

const STATE_COLOR: Record<string, string> = {
  pending: 'default',
  running: 'processing',
  paused: 'warning',
  met: 'success',
  cancelled: 'default',
};

/** The ticket's promised times: each target with its deadline, countdown, or when it was met. */
export function SlaPanel({
  ticket,
  staff,
  compact = false,
}: {
  ticket: TTicketDetail;
  staff: boolean;
  /** A list rather than a table, whatever the screen (the ticket page's side panel). */
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const milestone = useTicketMutation<{ event: string }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/milestones`,
  );
  const when = useOrganisationTime().dateTime;
  const label = (metric: string) => t(`sla.metrics.${metric}`, { defaultValue: metric });
  // Customers see the promises made to them; the bookkeeping of pending targets stays internal.
  const rows = staff ? ticket.sla : ticket.sla.filter((s) => s.state !== 'pending');
  const narrow = !Grid.useBreakpoint().md || compact;
  const stateTag = (s: TSlaTarget) =>
    s.breached ? (
      <Tag color="red">{t('sla.breached')}</Tag>
    ) : (
      <Tag color={STATE_COLOR[s.state]}>{t(`sla.states.${s.state}`)}</Tag>
    );
  const result = (s: TSlaTarget) =>
    s.state === 'running' ? (
      <SlaCountdown dueAt={s.dueAt} warnAt={s.warnAt} breached={s.breached} />
    ) : s.state === 'met' ? (
      <span>
        {t('sla.metAt', { at: when(s.metAt) })}
        {s.breachedBy > 0 && (
          <Tag color="red" style={{ marginInlineStart: 6 }}>
            {t('sla.overBy', { time: formatDuration(s.breachedBy) })}
          </Tag>
        )}
      </span>
    ) : (
      '—'
    );
  return (
    <Card
      title={staff ? t('sla.title') : t('sla.promised')}
      size={compact ? 'small' : undefined}
      data-testid="sla-panel"
      extra={
        staff && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: MANUAL_SLA_EVENTS.map((e) => ({ key: e, label: t(`sla.events.${e}`) })),
              onClick: ({ key }) =>
                milestone.mutate(
                  { event: key },
                  {
                    onSuccess: () => message.success(t('sla.recorded')),
                    onError: (err) => message.error((err as Error).message),
                  },
                ),
            }}
          >
            <Button size="small" data-testid="sla-milestone">
              {t('sla.recordMilestone')}
            </Button>
          </Dropdown>
        )
      }
    >
      {narrow ? (
        <List
          size="small"
          dataSource={rows}
          locale={{ emptyText: t('sla.none') }}
          renderItem={(s) => (
            <List.Item data-testid={`sla-${s.metric}`}>
              <div style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <b>{label(s.metric)}</b>
                  {stateTag(s)}
                </Space>
                {(s.dueAt || s.metAt) && (
                  <div>
                    {t('sla.due')} {when(s.dueAt)} {result(s)}
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<TSlaTarget>
          rowKey="metric"
          size="small"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: t('sla.none') }}
          columns={[
            {
              title: t('sla.metric'),
              dataIndex: 'metric',
              render: (m: string, s) => (
                <span data-testid={`sla-${m}`}>
                  {label(m)}{' '}
                  <span style={{ color: '#4b5563' }}>({formatDuration(s.durationMinutes * 60)})</span>
                </span>
              ),
            },
            { title: t('sla.state'), dataIndex: 'state', width: 110, render: (_: string, s) => stateTag(s) },
            { title: t('sla.due'), dataIndex: 'dueAt', width: 180, render: when },
            { title: t('sla.remaining'), key: 'countdown', width: 190, render: (_: unknown, s) => result(s) },
          ]}
        />
      )}
    </Card>
  );
}
