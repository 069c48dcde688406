import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';

interface Notification {
  id: string;
  template: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

const key = ['notifications'];

/** The current user's notifications (warranty expiry reminders and, later, tickets and SLA warnings). */
export function NotificationBell({ base }: { base: '/console' | '/portal' }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ unread: number; items: Notification[] }>('/api/v1/notifications', { limit: 20 }),
    refetchInterval: 60_000,
  });
  const read = useMutation({
    mutationFn: (id: string) =>
      api.post<void>(
        id === 'all' ? '/api/v1/notifications/read-all' : `/api/v1/notifications/${id}/read`,
        undefined,
        false,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  const text = (n: Notification) =>
    t(`notifications.templates.${n.template.replace('.', '_')}`, {
      ...n.payload,
      period: t(`notifications.periods.${String(n.payload.period ?? '')}`, {
        defaultValue: String(n.payload.period ?? ''),
      }),
      // One SLA message names every target that reached the level together.
      metric: (Array.isArray(n.payload.metrics) ? n.payload.metrics : [n.payload.metric])
        .map((m) => t(`sla.metrics.${String(m ?? '')}`, { defaultValue: String(m ?? '') }))
        .join(i18n.language.startsWith('en') ? ', ' : '、'),
      defaultValue: n.template,
    });
  const open = (n: Notification) => {
    read.mutate(n.id);
    if (typeof n.payload.assetId === 'string') navigate(`${base}/assets/${n.payload.assetId}`);
    else if (typeof n.payload.workOrderId === 'string') navigate(`${base}/jobs/${n.payload.workOrderId}`);
    else if (typeof n.payload.ticketId === 'string') navigate(`${base}/tickets/${n.payload.ticketId}`);
    else if (typeof n.payload.countId === 'string') navigate(`${base}/stock/counts/${n.payload.countId}`);
  };
  const unread = list.data?.unread ?? 0;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
          <span>{t('notifications.title')}</span>
          {unread > 0 && (
            <Button type="link" size="small" onClick={() => read.mutate('all')}>
              {t('notifications.readAll')}
            </Button>
          )}
        </div>
      }
      content={
        <div style={{ width: 320, maxHeight: 400, overflow: 'auto' }}>
          {list.data?.items.length ? (
            <List
              size="small"
              dataSource={list.data.items}
              renderItem={(n) => (
                <List.Item
                  onClick={() => open(n)}
                  style={{ cursor: 'pointer', fontWeight: n.readAt ? 'normal' : 600 }}
                >
                  <div>
                    <div>{text(n)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {new Date(n.createdAt).toLocaleString(i18n.language)}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Empty description={t('notifications.none')} />
          )}
        </div>
      }
    >
      <Button
        type="text"
        aria-label={t('notifications.title')}
        data-testid="notifications"
        style={{ color: 'inherit' }}
      >
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined style={{ color: 'inherit', fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
