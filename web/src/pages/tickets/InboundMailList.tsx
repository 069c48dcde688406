import { Alert, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type TInboundMail, useInboundEmails } from '../../features/tickets/inbound-emails-query.ts';

/** Mail that needs a person: unknown senders (triage) and quarantined replies. */
export function InboundMailList() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<'triage' | 'quarantined'>('triage');
  const mails = useInboundEmails(status);
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(`mail.help.${status}`)} />
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as 'triage' | 'quarantined')}
        options={[
          { value: 'triage', label: t('mail.triage') },
          { value: 'quarantined', label: t('mail.quarantined') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table<TInboundMail>
        rowKey="id"
        size="small"
        loading={mails.isLoading}
        dataSource={mails.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        expandable={{
          expandedRowRender: (m) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {m.bodyText}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          {
            title: t('mail.received'),
            dataIndex: 'receivedAt',
            width: 170,
            render: (v: string) => new Date(v).toLocaleString(i18n.language),
          },
          { title: t('mail.from'), dataIndex: 'fromAddress', width: 220 },
          { title: t('tickets.subject'), dataIndex: 'subject' },
          {
            title: t('mail.ticket'),
            dataIndex: 'ticketId',
            width: 100,
            render: (id: string | null) =>
              id ? <Link to={`/console/tickets/${id}`}>{t('archive.open')}</Link> : '—',
          },
        ]}
      />
    </>
  );
}
