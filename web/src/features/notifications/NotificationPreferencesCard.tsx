import { App, Button, Card, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NOTIFICATION_CHANNELS,
  type TNotificationChannel,
  type TNotificationKind,
  type TNotificationPreference,
} from '../../../../common/notifications-api.ts';
import { ApiError } from '../../api/client.ts';
import { useNotificationPreferences } from './notification-preferences-query.ts';
import { useSaveNotificationPreferences } from './notification-preferences-save-mutation.ts';

/** Profile → notifications: the channels the user gets per kind; only changed kinds are sent. */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  // kind → chosen channels, or null for "back to the default"; only what the user changed.
  const [draft, setDraft] = useState<Partial<Record<TNotificationKind, TNotificationChannel[] | null>>>({});
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (prefs.data && window.location.hash === '#notifications') ref.current?.scrollIntoView();
  }, [prefs.data]);

  const channelsOf = (p: TNotificationPreference) => {
    const d = draft[p.kind];
    return d === undefined ? p.channels : d === null ? p.defaultChannels : d;
  };
  const isCustom = (p: TNotificationPreference) => {
    const d = draft[p.kind];
    return d === undefined ? p.customised : d !== null;
  };
  const changed = Object.keys(draft).length > 0;

  const submit = () => {
    if (!prefs.data) return;
    save.mutate(
      {
        version: prefs.data.version,
        items: Object.entries(draft).map(([kind, channels]) => ({
          kind: kind as TNotificationKind,
          channels: channels ?? null,
        })),
      },
      {
        onSuccess: () => {
          setDraft({});
          message.success(t('notifications.preferences.saved'));
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) {
            setDraft({});
            message.warning(t('notifications.preferences.stale'));
          } else message.error(err.message);
        },
      },
    );
  };

  return (
    <div ref={ref} id="notifications">
      <Card title={t('notifications.preferences.title')} style={{ maxWidth: 720, marginBottom: 16 }}>
        <Typography.Paragraph>{t('notifications.preferences.intro')}</Typography.Paragraph>
        <Table<TNotificationPreference>
          rowKey="kind"
          size="small"
          pagination={false}
          loading={prefs.isLoading}
          dataSource={prefs.data?.items ?? []}
          data-testid="notification-preferences"
          columns={[
            {
              title: t('notifications.preferences.kind'),
              key: 'kind',
              render: (_, p) => (
                <Space size={4} wrap>
                  <span>{t(`notifications.preferences.kinds.${p.kind.replace('.', '_')}`)}</span>
                  {isCustom(p) ? (
                    <Tag color="blue">{t('notifications.preferences.custom')}</Tag>
                  ) : (
                    <Tag>{t('notifications.preferences.default')}</Tag>
                  )}
                </Space>
              ),
            },
            ...NOTIFICATION_CHANNELS.map((channel) => ({
              title: t(`notifications.preferences.channels.${channel}`),
              key: channel,
              align: 'center' as const,
              render: (_: unknown, p: TNotificationPreference) => {
                const current = channelsOf(p);
                return (
                  <span data-testid={`pref-${p.kind}-${channel}`}>
                    <Checkbox
                      aria-label={`${t(`notifications.preferences.kinds.${p.kind.replace('.', '_')}`)} — ${t(
                        `notifications.preferences.channels.${channel}`,
                      )}`}
                      checked={current.includes(channel)}
                      onChange={(e) =>
                        setDraft((d) => ({
                          ...d,
                          [p.kind]: NOTIFICATION_CHANNELS.filter((c) =>
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
              render: (_, p) =>
                isCustom(p) ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() =>
                      setDraft((d) => {
                        const { [p.kind]: _, ...rest } = d;
                        // Stored as a choice: send "back to the default"; only drafted: forget the draft.
                        return p.customised ? { ...rest, [p.kind]: null } : rest;
                      })
                    }
                  >
                    {t('notifications.preferences.resetDefault')}
                  </Button>
                ) : null,
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 8 }}>
          {t('notifications.preferences.slaNote')} {t('notifications.preferences.smsNote')}
        </Typography.Paragraph>
        <Button
          type="primary"
          onClick={submit}
          disabled={!changed}
          loading={save.isPending}
          data-testid="save-notification-preferences"
        >
          {t('notifications.preferences.save')}
        </Button>
      </Card>
    </div>
  );
}
