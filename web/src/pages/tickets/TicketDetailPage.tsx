import { App, Button, Card, Descriptions, Grid, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { TICKET_PRIORITIES } from '../../../../common/ticket-rules.ts';
import type { TTicketContext, TTicketDetail } from '../../../../common/tickets-api.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { TicketReports } from '../../features/field/TicketWorkOrders.tsx';
import { SlaPanel } from '../../features/sla/SlaPanel.tsx';
import { CATEGORY_COLOR, PRIORITY_COLOR } from '../../features/tickets/ticket-colors.ts';
import { useTicketContext } from '../../features/tickets/ticket-context-query.ts';
import { useTicketMutation } from '../../features/tickets/ticket-mutation.ts';
import { useTicket } from '../../features/tickets/ticket-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';
import { TicketConversation } from './TicketConversation.tsx';
import { TicketLinks } from './TicketLinks.tsx';
import { TicketSidePanel } from './TicketSidePanel.tsx';
import { useTicketActionShortcuts, useTicketNavigation } from './ticket-shortcuts.ts';

export function TicketDetailPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const ticket = useTicket(id);
  const staff = base === '/console';
  const wide = Grid.useBreakpoint().lg ?? true;
  const context = useTicketContext(id ?? '', ticket.data?.version ?? 0, Boolean(ticket.data));
  useTicketNavigation(id, base);
  if (!ticket.data || !me) return <Spin />;
  const tk = ticket.data;
  const canManage = staff && me.permissions.includes('tickets.manage');
  const centre = (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)', alignContent: 'start' }}>
      <TicketSummary
        ticket={tk}
        staff={staff}
        base={base}
        context={context.data}
        actions={canManage && <TicketActions ticket={tk} meId={me.id} />}
      />
      {!staff && <SlaPanel ticket={tk} staff={false} />}
      {!staff && <TicketReports ticketId={tk.id} />}
      {!staff && <TicketLinks ticket={tk} base={base} staff={false} />}
      <TicketConversation ticket={tk} staff={staff} context={context.data} agentName={me.displayName} />
    </div>
  );
  const side = staff && <TicketSidePanel ticket={tk} context={context.data} permissions={me.permissions} />;
  return (
    <>
      <h1 className="page-title" style={{ overflowWrap: 'anywhere' }}>
        {tk.number} · {tk.subject}{' '}
        <Tag color={CATEGORY_COLOR[tk.statusCategory]}>{t(`ticketStatus.${tk.status}`)}</Tag>
        {tk.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
      </h1>
      {!staff ? (
        centre
      ) : wide ? (
        <div
          data-testid="ticket-layout"
          style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr) minmax(320px, 400px)' }}
        >
          {centre}
          {side}
        </div>
      ) : (
        // On a phone the side panel is a tab beside the conversation: nothing is cut off or squeezed.
        <Tabs
          data-testid="ticket-tabs"
          items={[
            { key: 'conversation', label: t('tickets.conversation'), children: centre },
            { key: 'details', label: t('ticketPage.details'), children: side, forceRender: true },
          ]}
        />
      )}
    </>
  );
}

/** What the ticket is: kind, priority, channel, handling, and the description in full. */
function TicketSummary({
  ticket: tk,
  staff,
  base,
  context,
  actions,
}: {
  ticket: TTicketDetail;
  staff: boolean;
  base: string;
  context: TTicketContext | undefined;
  actions: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t('ticketPage.summary')} data-testid="ticket-summary">
      {actions && <div className="toolbar">{actions}</div>}
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label={t('tickets.kind')}>{t(`ticketKinds.${tk.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.priority')}>
          <Tag color={PRIORITY_COLOR[tk.priority]}>{t(`priorities.${tk.priority}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.channel')}>{t(`channels.${tk.channel}`)}</Descriptions.Item>
        {staff && (
          <Descriptions.Item label={t('tickets.team')}>
            {t(`roles.${tk.team}`, { defaultValue: tk.team })}
          </Descriptions.Item>
        )}
        {staff && (
          <Descriptions.Item label={t('tickets.assignee')}>{tk.assigneeName ?? '—'}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('tickets.created')}>
          {new Date(tk.createdAt).toLocaleString(i18n.language)}
        </Descriptions.Item>
        {/* The portal has no side panel: the project and equipment are named here. */}
        {!staff && context?.project && (
          <Descriptions.Item label={t('assets.project')}>
            <Link to={`${base}/projects/${context.project.id}`}>{context.project.name}</Link>
          </Descriptions.Item>
        )}
        {!staff && context && context.equipment.length > 0 && (
          <Descriptions.Item label={t('nav.equipment')}>
            <Space wrap>
              {context.equipment.map((a) => (
                <Link key={a.id} to={`${base}/assets/${a.id}`}>
                  {a.name} {a.serial}
                </Link>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginTop: 12, marginBottom: 0 }}
      >
        {tk.description}
      </Typography.Paragraph>
    </Card>
  );
}

function TicketActions({ ticket, meId }: { ticket: TTicketDetail; meId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useTicketMutation<Record<string, unknown>>('PATCH', () => `/api/v1/tickets/${ticket.id}`);
  const watch = useTicketMutation<{ watch: boolean }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/watch`,
    false,
  );
  const staff = useStaffDirectory({ team: ticket.team, staleTime: 300_000 });
  const { modal } = App.useApp();
  useTicketActionShortcuts(ticket, meId, (changes) => save(changes), modal);
  const save = (changes: Record<string, unknown>) =>
    update.mutate(
      { version: ticket.version, ...changes },
      {
        onError: (err) =>
          message.error(
            err instanceof ApiError && err.status === 409 ? t('common.staleVersion') : (err as Error).message,
          ),
      },
    );
  return (
    <Space wrap>
      <Button
        data-testid="ticket-watch"
        onClick={() =>
          watch.mutate(
            { watch: !ticket.watcherIds.includes(meId) },
            { onError: (err) => message.error((err as Error).message) },
          )
        }
      >
        {ticket.watcherIds.includes(meId) ? t('tickets.unwatch') : t('tickets.watch')}
      </Button>
      {ticket.assigneeId !== meId && (
        <Button onClick={() => save({ assigneeId: meId })} data-testid="ticket-take">
          {t('tickets.takeIt')}
        </Button>
      )}
      <Select
        aria-label={t('tickets.assignee')}
        placeholder={t('tickets.assignee')}
        style={{ width: 160 }}
        value={ticket.assigneeId ?? undefined}
        onChange={(v) => save({ assigneeId: v })}
        options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
        showSearch={{ optionFilterProp: 'label' }}
      />
      <Select
        aria-label={t('tickets.status')}
        style={{ width: 140 }}
        value={ticket.status}
        onChange={(v) => save({ status: v })}
        data-testid="ticket-status"
        options={[ticket.status, ...ticket.allowedStatuses].map((s) => ({
          value: s,
          label: t(`ticketStatus.${s}`),
        }))}
      />
      <Select
        mode="tags"
        aria-label={t('tickets.tags')}
        placeholder={t('tickets.tags')}
        style={{ minWidth: 160 }}
        value={ticket.tags}
        onChange={(tags: string[]) => save({ tags })}
        data-testid="ticket-tags"
      />
      <Select
        aria-label={t('tickets.priority')}
        style={{ width: 110 }}
        value={ticket.priority}
        onChange={(v) => save({ priority: v })}
        options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
      />
    </Space>
  );
}
