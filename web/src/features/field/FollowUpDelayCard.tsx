import { App, Button, Card, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldSettings } from './field-settings-query.ts';
import { useUpdateFieldSettings } from './field-settings-update-mutation.ts';

/** 回访: the days from a completed repair to its follow-up visit (篇1 四.3; 3 until a manager changes it). */
export function FollowUpDelayCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useFieldSettings();
  const update = useUpdateFieldSettings();
  const [days, setDays] = useState<number | null>(null);
  useEffect(() => {
    if (settings.data) setDays(settings.data.followUpDelayDays);
  }, [settings.data]);
  if (!settings.data) return null;
  const current = settings.data;
  return (
    <Card size="small" title={t('field.settings.title')} style={{ marginBottom: 16 }}>
      <Space wrap>
        <span>{t('field.settings.followUpDelay')}</span>
        <InputNumber
          min={1}
          max={60}
          aria-label={t('field.settings.followUpDelay')}
          value={days}
          onChange={setDays}
          addonAfter={t('field.settings.days')}
          data-testid="follow-up-delay"
        />
        <Button
          type="primary"
          loading={update.isPending}
          disabled={days === null || days === current.followUpDelayDays}
          onClick={() =>
            days !== null &&
            update.mutate(
              { version: current.version, followUpDelayDays: days },
              {
                onSuccess: () => message.success(t('field.settings.saved')),
                onError: (err) => message.error(err.message),
              },
            )
          }
          data-testid="follow-up-delay-save"
        >
          {t('field.settings.save')}
        </Button>
      </Space>
      <div style={{ color: '#666', marginTop: 6 }}>{t('field.settings.followUpDelayHelp')}</div>
    </Card>
  );
}
