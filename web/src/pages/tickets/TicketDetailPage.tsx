import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { TICKET_PRIORITIES } from '../../../../common/ticket-rules.ts';
import type { TTicketDetail } from '../../../../common/tickets-api.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { TicketReports, TicketWorkOrders } from '../../features/field/TicketWorkOrders.tsx';
import { Attachments } from '../../features/files/Attachments.tsx';
import { CoverageCard } from '../../features/registry/CoverageCard.tsx';
import { SlaPanel } from '../../features/sla/SlaPanel.tsx';
import { useTicketMutation } from '../../features/tickets/ticket-mutation.ts';
import { useTicket } from '../../features/tickets/ticket-query.ts';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';
import { TicketHistory } from './TicketHistory.tsx';
import { TicketLinks } from './TicketLinks.tsx';
import { CATEGORY_COLOR, PRIORITY_COLOR } from './TicketsPage.tsx';
import { useComposeShortcuts, useTicketActionShortcuts, useTicketNavigation } from './ticket-shortcuts.ts';

export function TicketDetailPage({ base = '/console' }: { base?: '/console' | '/portal' }) {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const ticket = useTicket(id);
  const staff = base === '/console';
  useTicketNavigation(id, base);
  if (!ticket.data || !me) return <Spin />;
  const tk = ticket.data;
  const canManage = staff && me.permissions.includes('tickets.manage');
  return (
    <>
      <h1 className="page-title">
        {tk.number} · {tk.subject}{' '}
        <Tag color={CATEGORY_COLOR[tk.statusCategory]}>{t(`ticketStatus.${tk.status}`)}</Tag>
        {tk.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
      </h1>
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Card extra={canManage && <TicketActions ticket={tk} meId={me.id} />}>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('tickets.kind')}>{t(`ticketKinds.${tk.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.priority')}>
              <Tag color={PRIORITY_COLOR[tk.priority]}>{t(`priorities.${tk.priority}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('tickets.channel')}>{t(`channels.${tk.channel}`)}</Descriptions.Item>
            {staff && <Descriptions.Item label={t('tickets.customer')}>{tk.customerName}</Descriptions.Item>}
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
            {tk.projectId && (
              <Descriptions.Item label={t('assets.project')}>
                <Link to={`${base}/projects/${tk.projectId}`}>{t('archive.open')}</Link>
              </Descriptions.Item>
            )}
            {tk.assetIds.length > 0 && (
              <Descriptions.Item label={t('nav.equipment')}>
                <Space wrap>
                  {tk.assetIds.map((a, i) => (
                    <Link key={a} to={`${base}/assets/${a}`}>
                      {t('tickets.equipmentN', { n: i + 1 })}
                    </Link>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>
            {tk.description}
          </Typography.Paragraph>
        </Card>
        <SlaPanel ticket={tk} staff={staff} />
        {!staff && <TicketReports ticketId={tk.id} />}
        {staff && me.permissions.includes('workorders.read_all') && (
          <TicketWorkOrders
            ticketId={tk.id}
            canDispatch={me.permissions.includes('workorders.dispatch')}
            canDeduct={me.permissions.includes('deposits.approve')}
          />
        )}
        {staff && tk.assetIds[0] && <CoverageCard assetId={tk.assetIds[0]} />}
        <TicketLinks ticket={tk} base={base} staff={canManage} />
        <Conversation ticket={tk} staff={staff} />
        {canManage && <TicketHistory ticketId={tk.id} version={tk.version} />}
      </div>
    </>
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

function Conversation({ ticket, staff }: { ticket: TTicketDetail; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<'public_reply' | 'internal_note'>('public_reply');
  const [files, setFiles] = useState<string[]>([]);
  useComposeShortcuts(staff, setKind);
  const post = useTicketMutation<{ kind: string; body: string; attachmentIds: string[] }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/messages`,
  );
  return (
    <Card title={t('tickets.conversation')}>
      <List
        locale={{ emptyText: t('tickets.noMessages') }}
        dataSource={ticket.messages}
        renderItem={(m) => (
          <List.Item
            data-testid={`message-${m.kind}`}
            style={m.kind === 'internal_note' ? { background: '#fffbe6', paddingInline: 8 } : undefined}
          >
            <div style={{ width: '100%' }}>
              <Space>
                <Typography.Text strong>{m.authorLabel}</Typography.Text>
                <Tag
                  color={
                    m.kind === 'internal_note' ? 'gold' : m.kind === 'customer_message' ? 'green' : 'blue'
                  }
                >
                  {t(`messageKinds.${m.kind}`)}
                </Tag>
                <Typography.Text type="secondary">
                  {new Date(m.createdAt).toLocaleString(i18n.language)}
                </Typography.Text>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{m.body}</div>
              {m.attachmentIds.length > 0 && (
                <Attachments
                  fileIds={m.attachmentIds}
                  customerId={ticket.customerId}
                  canEdit={false}
                  onChange={async () => {}}
                />
              )}
            </div>
          </List.Item>
        )}
      />
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        onFinish={(v) =>
          post.mutate(
            { kind: staff ? kind : 'customer_message', body: v.body, attachmentIds: files },
            {
              onSuccess: () => {
                form.resetFields();
                setFiles([]);
              },
              onError: (err) => message.error((err as Error).message),
            },
          )
        }
      >
        {staff && (
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} style={{ marginBottom: 8 }}>
            <Radio value="public_reply">{t('messageKinds.public_reply')}</Radio>
            <Radio value="internal_note">{t('messageKinds.internal_note')}</Radio>
          </Radio.Group>
        )}
        <Form.Item name="body" label={t('tickets.message')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="message-body" />
        </Form.Item>
        <div style={{ marginBottom: 12 }}>
          <Attachments
            fileIds={files}
            customerId={ticket.customerId}
            canEdit
            max={20}
            onChange={async (ids) => setFiles(ids)}
          />
        </div>
        <Button type="primary" htmlType="submit" loading={post.isPending} data-testid="message-send">
          {t('tickets.send')}
        </Button>
      </Form>
    </Card>
  );
}
