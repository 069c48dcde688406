import { useQueries, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TAsset } from '../../../../common/registry-api.ts';
import type { TTicketDetail, TTicketTimelineEntry } from '../../../../common/tickets-api.ts';
import { api } from '../../api/client.ts';
import { workOrdersKey } from '../../features/field/work-orders-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { registryKey, useProject } from '../../features/registry/registry-query.ts';
import { useTicketMutation } from '../../features/tickets/ticket-mutation.ts';
import { useTicket } from '../../features/tickets/ticket-query.ts';
import { ticketsKey } from '../../features/tickets/tickets-keys.ts';
import { deviceName } from './DevicePicker.tsx';
import { TicketTags } from './PortalTicketsPage.tsx';
import { usePortalDate } from './portal-dates.ts';

/** A customer's request: what it is about, what was promised, how far it has come, the conversation. */
export function PortalTicketPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const ticket = useTicket(id);
  if (ticket.isError) return <Empty description={t('portal.ticketMissing')} />;
  if (!ticket.data) return <Spin />;
  const tk = ticket.data;
  return (
    <>
      <h1 className="page-title portal-ticket-title">
        <span>{tk.subject}</span> <TicketTags ticket={tk} />
      </h1>
      <div className="portal-stack">
        <Summary ticket={tk} />
        <Promises ticket={tk} />
        <Progress ticketId={tk.id} />
        <Reports ticketId={tk.id} />
        <Conversation ticket={tk} />
      </div>
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="portal-field">
      <div className="portal-field-label">{label}</div>
      <div className="portal-field-value">{children}</div>
    </div>
  );
}

function Summary({ ticket: tk }: { ticket: TTicketDetail }) {
  const { t } = useTranslation();
  const date = usePortalDate();
  const project = useProject(tk.projectId ?? undefined);
  const assets = useQueries({
    queries: tk.assetIds.map((a) => ({
      queryKey: [registryKey, 'asset', a],
      queryFn: () => api.get<TAsset>(`/api/v1/assets/${a}`),
    })),
  });
  return (
    <Card data-testid="portal-ticket-summary">
      <div className="portal-fields">
        <Field label={t('portal.number')}>{tk.number}</Field>
        <Field label={t('tickets.kind')}>{t(`ticketKinds.${tk.kind}`)}</Field>
        <Field label={t('portal.submitted')}>{date(tk.createdAt)}</Field>
        {tk.contactPhone && <Field label={t('portal.phone')}>{tk.contactPhone}</Field>}
        {tk.projectId && (
          <Field label={t('assets.project')}>
            <Link to={`/portal/projects/${tk.projectId}`}>{project.data?.name ?? '…'}</Link>
          </Field>
        )}
        {tk.assetIds.length > 0 && (
          <Field label={t('portal.device')}>
            {assets.map((a, i) => (
              <div key={tk.assetIds[i]}>
                <Link to={`/portal/assets/${tk.assetIds[i]}`} data-testid="portal-ticket-device">
                  {a.data ? deviceName(a.data) : '…'}
                </Link>
                {a.data?.location ? ` · ${a.data.location}` : ''}
              </div>
            ))}
          </Field>
        )}
      </div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>
        {tk.description}
      </Typography.Paragraph>
      {tk.attachmentIds.length > 0 && (
        <Attachments
          fileIds={tk.attachmentIds}
          customerId={tk.customerId}
          canEdit={false}
          onChange={async () => {}}
        />
      )}
    </Card>
  );
}

/** The times promised to the customer, each with its deadline and whether it was kept. */
function Promises({ ticket }: { ticket: TTicketDetail }) {
  const { t } = useTranslation();
  const date = usePortalDate();
  const rows = ticket.sla.filter((s) => s.state !== 'pending');
  if (!rows.length) return null;
  return (
    <Card title={t('sla.promised')} data-testid="sla-panel" size="small">
      {rows.map((s) => (
        <div key={s.metric} className="portal-promise" data-testid={`sla-${s.metric}`}>
          <div>
            <b>{t(`sla.metrics.${s.metric}`, { defaultValue: t('portal.promise') })}</b>
            <div className="portal-card-meta">
              {s.state === 'met' && s.metAt
                ? t('portal.keptAt', { time: date(s.metAt) })
                : t('portal.dueBy', { time: date(s.dueAt) })}
            </div>
          </div>
          {s.breached ? (
            <Tag color="red">{t('sla.breached')}</Tag>
          ) : s.state === 'met' ? (
            <Tag color="success">{t('sla.states.met')}</Tag>
          ) : s.state === 'paused' ? (
            <Tag color="warning">{t('sla.states.paused')}</Tag>
          ) : (
            <Tag color="processing">{t('sla.states.running')}</Tag>
          )}
        </div>
      ))}
    </Card>
  );
}

/** The steps the customer is told about (the server leaves out the department's internal ones). */
function Progress({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const date = usePortalDate();
  const steps = useQuery({
    queryKey: [ticketsKey, 'timeline', ticketId],
    queryFn: () => api.get<TTicketTimelineEntry[]>(`/api/v1/tickets/${ticketId}/timeline`),
  });
  return (
    <Card title={t('portal.progress')} size="small" data-testid="portal-progress">
      {steps.data ? (
        <Timeline
          items={steps.data.map((s) => ({
            key: `${s.event}-${s.at}`,
            children: (
              <div data-testid="portal-step">
                <b>{t(`portal.steps.${s.event}`, { defaultValue: t('portal.step') })}</b>
                <div className="portal-card-meta">{date(s.at)}</div>
              </div>
            ),
          }))}
        />
      ) : (
        <Spin />
      )}
    </Card>
  );
}

function Reports({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const date = usePortalDate();
  const reports = useQuery({
    queryKey: [workOrdersKey, 'reports', ticketId],
    queryFn: () =>
      api.get<{ id: string; number: string; completedAt: string | null }[]>(
        `/api/v1/tickets/${ticketId}/reports`,
      ),
  });
  if (!reports.data?.length) return null;
  return (
    <Card title={t('field.reports')} size="small" data-testid="ticket-reports">
      {reports.data.map((r) => (
        <div key={r.id} className="portal-promise">
          <a href={`/api/v1/work-orders/${r.id}/report.pdf?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}`}>
            {r.number} {t('field.report')}
          </a>
          <span className="portal-card-meta">{date(r.completedAt)}</span>
        </div>
      ))}
    </Card>
  );
}

function Conversation({ ticket }: { ticket: TTicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const date = usePortalDate();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<string[]>([]);
  const post = useTicketMutation<{ kind: string; body: string; attachmentIds: string[] }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/messages`,
  );
  return (
    <Card title={t('tickets.conversation')} size="small">
      {ticket.messages.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.noMessages')} />
      )}
      {ticket.messages.map((m) => (
        <div
          key={m.id}
          data-testid={`message-${m.kind}`}
          className={m.kind === 'customer_message' ? 'portal-message portal-message-mine' : 'portal-message'}
        >
          <div className="portal-card-meta">
            {m.kind === 'customer_message' ? t('portal.you') : m.authorLabel} · {date(m.createdAt)}
          </div>
          <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
          {m.attachmentIds.length > 0 && (
            <Attachments
              fileIds={m.attachmentIds}
              customerId={ticket.customerId}
              canEdit={false}
              onChange={async () => {}}
            />
          )}
        </div>
      ))}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        onFinish={(v) =>
          post.mutate(
            { kind: 'customer_message', body: v.body, attachmentIds: files },
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
