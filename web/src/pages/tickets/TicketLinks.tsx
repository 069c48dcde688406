import { App, Button, Card, Form, Input, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TICKET_KINDS } from '../../../../common/ticket-rules.ts';
import type { TTicketDetail } from '../../../../common/tickets-api.ts';
import { ApiError } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { findTicketByNumber } from '../../features/tickets/ticket-by-number.ts';
import { useTicketMutation } from '../../features/tickets/ticket-mutation.ts';

/** Linked tickets, and for staff: link a related ticket, merge a duplicate, split off a new one. */
export function TicketLinks({
  ticket,
  base,
  staff,
}: {
  ticket: TTicketDetail;
  base: string;
  staff: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const [splitOpen, setSplitOpen] = useState(false);
  const [form] = Form.useForm();
  const link = useTicketMutation<{ linkedId: string }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/links`,
    false,
  );
  const merge = useTicketMutation<{ intoId: string; version: number }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/merge`,
    false,
  );
  const split = useTicketMutation<{ subject: string; description: string; kind?: string }>(
    'POST',
    () => `/api/v1/tickets/${ticket.id}/split`,
  );
  const byNumber = async () => {
    const hit = await findTicketByNumber(number.trim());
    if (!hit) message.error(t('links.notFound', { number }));
    return hit;
  };
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));
  if (!staff && ticket.links.length === 0) return null;
  return (
    <Card title={t('links.title')} size="small">
      <List
        size="small"
        locale={{ emptyText: t('links.none') }}
        dataSource={ticket.links}
        renderItem={(l) => (
          <List.Item>
            <Space>
              <Tag>{t(`links.kinds.${l.kind}_${l.direction}`)}</Tag>
              <Link to={`${base}/tickets/${l.id}`}>
                {l.number} {l.subject}
              </Link>
            </Space>
          </List.Item>
        )}
      />
      {staff && (
        <Space wrap style={{ marginTop: 8 }}>
          <Input
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            placeholder={t('links.numberPlaceholder')}
            aria-label={t('links.numberPlaceholder')}
            style={{ width: 200 }}
            data-testid="link-number"
          />
          <Button
            onClick={async () => {
              const hit = await byNumber();
              if (hit) link.mutate({ linkedId: hit.id }, { onSuccess: () => setNumber(''), onError: fail });
            }}
          >
            {t('links.link')}
          </Button>
          <Button
            danger
            data-testid="link-merge"
            onClick={async () => {
              const hit = await byNumber();
              if (hit)
                merge.mutate(
                  { intoId: hit.id, version: ticket.version },
                  { onSuccess: () => navigate(`${base}/tickets/${hit.id}`), onError: fail },
                );
            }}
          >
            {t('links.merge')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setSplitOpen(true);
            }}
          >
            {t('links.split')}
          </Button>
        </Space>
      )}
      <FormModal
        open={splitOpen}
        title={t('links.split')}
        form={form}
        onCancel={() => setSplitOpen(false)}
        loading={split.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: ticket.kind }}
          onFinish={(v) =>
            split.mutate(v, {
              onSuccess: (created) => {
                setSplitOpen(false);
                navigate(`${base}/tickets/${created.id}`);
              },
              onError: fail,
            })
          }
        >
          <Form.Item label={t('tickets.kind')} name="kind">
            <Select options={TICKET_KINDS.map((k) => ({ value: k, label: t(`ticketKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t('tickets.subject')} name="subject" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('tickets.description')} name="description" rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </FormModal>
    </Card>
  );
}
