import { App, Button, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NOTIFICATION_CHANNELS,
  type TNotificationChannel,
  type TNotificationDefault,
  type TNotificationKind,
} from '../../../../common/notifications-api.ts';
import { ApiError } from '../../api/client.ts';
import { useNotificationDefaults } from '../../features/notifications/notification-defaults-query.ts';
import { useSaveNotificationDefaults } from '../../features/notifications/notification-defaults-save-mutation.ts';

/**
 * Admin → notification defaults: the channels each kind goes out on for staff who have not chosen
 * (a person's own choice in their profile comes first). Only changed kinds are sent; audited.
 */
export function NotificationDefaultsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const defaults = useNotificationDefaults();
  const save = useSaveNotificationDefaults();
  // kind → channels, or null for "back to the product's default"; only what the administrator changed.
  const [draft, setDraft] = useState<Partial<Record<TNotificationKind, TNotificationChannel[] | null>>>({});
  const kindLabel = (kind: string) => t(`notifications.preferences.kinds.${kind.replace('.', '_')}`);
  const channelsOf = (d: TNotificationDefault) => {
    const v = draft[d.kind];
    return v === undefined ? d.channels : v === null ? d.productChannels : v;
  };
  const isCustom = (d: TNotificationDefault) => {
    const v = draft[d.kind];
    return v === undefined ? d.customised : v !== null;
  };

  const submit = () => {
    if (!defaults.data) return;
    save.mutate(
      {
        version: defaults.data.version,
        items: Object.entries(draft).map(([kind, channels]) => ({
          kind: kind as TNotificationKind,
          channels: channels ?? null,
        })),
      },
      {
        onSuccess: () => {
          setDraft({});
          message.success(t('orgSettings.notificationDefaults.saved'));
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) {
            setDraft({});
            message.warning(t('orgSettings.notificationDefaults.stale'));
          } else message.error(err.message);
        },
      },
    );
  };

  return (
    <>
      <h1 className="page-title">{t('orgSettings.notificationDefaults.title')}</h1>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('orgSettings.notificationDefaults.intro')}
      </Typography.Paragraph>
      <Table<TNotificationDefault>
        rowKey="kind"
        size="small"
        pagination={false}
        style={{ maxWidth: 820 }}
        loading={defaults.isLoading}
        dataSource={defaults.data?.items ?? []}
        data-testid="notification-defaults"
        columns={[
          {
            title: t('orgSettings.notificationDefaults.kind'),
            key: 'kind',
            render: (_, d) => (
              <Space size={4} wrap>
                <span>{kindLabel(d.kind)}</span>
                {isCustom(d) ? (
                  <Tag color="blue">{t('orgSettings.notificationDefaults.custom')}</Tag>
                ) : (
                  <Tag>{t('orgSettings.notificationDefaults.product')}</Tag>
                )}
              </Space>
            ),
          },
          ...NOTIFICATION_CHANNELS.map((channel) => ({
            title: t(`notifications.preferences.channels.${channel}`),
            key: channel,
            align: 'center' as const,
            render: (_: unknown, d: TNotificationDefault) => {
              const current = channelsOf(d);
              return (
                <span data-testid={`default-${d.kind}-${channel}`}>
                  <Checkbox
                    aria-label={`${kindLabel(d.kind)} — ${t(`notifications.preferences.channels.${channel}`)}`}
                    checked={current.includes(channel)}
                    onChange={(e) =>
                      setDraft((v) => ({
                        ...v,
                        [d.kind]: NOTIFICATION_CHANNELS.filter((c) =>
                          c === channel ? e.target.checked : current.includes(c),
                        ),
                      }))
                    }
                  />
                </span>
              );
            },
          })),
          {
            title: '',
            key: 'reset',
            render: (_, d) =>
              isCustom(d) ? (
                <Button
                  type="link"
                  size="small"
                  onClick={() =>
                    setDraft((v) => {
                      const { [d.kind]: _, ...rest } = v;
                      return d.customised ? { ...rest, [d.kind]: null } : rest;
                    })
                  }
                >
                  {t('orgSettings.notificationDefaults.resetProduct')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        onClick={submit}
        disabled={Object.keys(draft).length === 0}
        loading={save.isPending}
        data-testid="save-notification-defaults"
      >
        {t('orgSettings.notificationDefaults.save')}
      </Button>
    </>
  );
}
