import { PaperClipOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Grid,
  Input,
  List,
  Select,
  Spin,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_STATES, type TMailLogEntry, type TMailState } from '../../../../common/mail-log-api.ts';
import { ApiError } from '../../api/client.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useMailLog, useMailLogEntry } from '../../features/notifications/mail-log-query.ts';
import { useMailResend } from '../../features/notifications/mail-resend-mutation.ts';

const STATE_COLOR: Record<TMailState, string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
};

/** Outbound emails as customers receive them (or would, where SMTP is not configured), and resend. */
export function MailLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [openId, setOpenId] = useState<string>();
  const list = useMailLog(filters);
  const when = useWhen();
  const narrow = !Grid.useBreakpoint().md;

  return (
    <>
      <h1 className="page-title">{t('nav.mailLog')}</h1>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('mailLog.intro')} />
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('mailLog.recipient')}
          aria-label={t('mailLog.recipient')}
          onSearch={(v) => setFilters((f) => ({ ...f, recipient: v || undefined }))}
          style={{ width: 240 }}
        />
        <Select<TMailState>
          allowClear
          placeholder={t('mailLog.state')}
          aria-label={t('mailLog.state')}
          style={{ width: 160 }}
          options={MAIL_STATES.map((s) => ({ value: s, label: t(`mailLog.states.${s}`) }))}
          onChange={(v) => setFilters((f) => ({ ...f, state: v }))}
        />
      </div>
      <Table<TMailLogEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: narrow ? 640 : undefined }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        data-testid="mail-log"
        columns={[
          { title: t('mailLog.createdAt'), dataIndex: 'createdAt', width: 170, render: when },
          { title: t('mailLog.recipient'), dataIndex: 'recipient', ellipsis: true },
          {
            title: t('mailLog.subject'),
            dataIndex: 'subject',
            render: (s: string, r) => (
              <Button
                type="link"
                style={{ padding: 0, height: 'auto', textAlign: 'start' }}
                onClick={() => setOpenId(r.id)}
              >
                {s}
              </Button>
            ),
          },
          {
            title: t('mailLog.state'),
            dataIndex: 'state',
            width: 100,
            render: (s: TMailState) => <Tag color={STATE_COLOR[s]}>{t(`mailLog.states.${s}`)}</Tag>,
          },
          { title: t('mailLog.attempts'), dataIndex: 'attempts', width: 90, align: 'end' },
          {
            title: t('mailLog.lastError'),
            dataIndex: 'lastError',
            ellipsis: true,
            render: (e: string | null) => e ?? '—',
          },
        ]}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
      />
      <MailDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </>
  );
}

function useWhen() {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  return (v: string | null) =>
    v ? new Date(v).toLocaleString(i18n.language, { timeZone: me?.organisationTimeZone }) : '—';
}

function MailDrawer({ id, onClose }: { id?: string; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const when = useWhen();
  const mail = useMailLogEntry(id);
  const resend = useMailResend();
  const narrow = !Grid.useBreakpoint().md;
  const m = mail.data;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={narrow ? '100%' : 720}
      title={m?.subject ?? t('nav.mailLog')}
      extra={
        m && (
          <Button
            type="primary"
            loading={resend.isPending}
            data-testid="mail-resend"
            onClick={() =>
              resend.mutate(m.id, {
                onSuccess: () => {
                  message.success(t('mailLog.resent'));
                  void mail.refetch();
                },
                onError: (err) =>
                  message.error(err instanceof ApiError ? err.message : t('mailLog.resendFailed')),
              })
            }
          >
            {t('mailLog.resend')}
          </Button>
        )
      }
    >
      {!m ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('mailLog.recipient')}>{m.recipient}</Descriptions.Item>
            <Descriptions.Item label={t('mailLog.state')}>
              <Tag color={STATE_COLOR[m.state]}>{t(`mailLog.states.${m.state}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('mailLog.createdAt')}>{when(m.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('mailLog.deliveredAt')}>{when(m.deliveredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('mailLog.attempts')}>{m.attempts}</Descriptions.Item>
            {m.lastError && (
              <Descriptions.Item label={t('mailLog.lastError')}>{m.lastError}</Descriptions.Item>
            )}
          </Descriptions>
          {m.attachments.length > 0 && (
            <List
              size="small"
              header={t('mailLog.attachments')}
              style={{ marginBottom: 16 }}
              dataSource={m.attachments}
              renderItem={(a) => (
                <List.Item>
                  <PaperClipOutlined style={{ marginInlineEnd: 8 }} />
                  {a.filename}
                </List.Item>
              )}
            />
          )}
          <Tabs
            items={[
              ...(m.html
                ? [
                    {
                      key: 'html',
                      label: t('mailLog.html'),
                      children: (
                        // The body is shown as received: sandboxed, no scripts, no navigation.
                        <iframe
                          title={t('mailLog.html')}
                          sandbox=""
                          srcDoc={m.html}
                          style={{ width: '100%', height: 420, border: '1px solid #eee', background: '#fff' }}
                        />
                      ),
                    },
                  ]
                : []),
              {
                key: 'text',
                label: t('mailLog.text'),
                children: <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{m.text}</pre>,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
