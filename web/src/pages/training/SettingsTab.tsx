// Training settings (training.settings): the seed's minimums a plan is warned against (on-site working
// days, trainees), the calendar working days are counted on, and a new course's defaults. A stale
// version (409) reloads the latest settings and says so.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTrainingSettingsValues } from '../../../../common/training-api.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useCalendars } from '../../features/sla/calendars-query.ts';
import { useTrainingSettings, useTrainingSettingsSave } from '../../features/training/settings-query.ts';
import { trainingKeys } from '../../features/training/training-keys.ts';

const NUMBERS: { name: Exclude<keyof TTrainingSettingsValues, 'calendarId'>; min: number; max: number }[] = [
  { name: 'minOnSiteDays', min: 0, max: 30 },
  { name: 'minTrainees', min: 0, max: 500 },
  { name: 'defaultPassMark', min: 1, max: 100 },
  { name: 'defaultExamMinutes', min: 1, max: 600 },
  { name: 'expiryReminderDays', min: 1, max: 365 },
];

export function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canEdit = Boolean(me?.permissions.includes('training.settings'));
  const settings = useTrainingSettings();
  const calendars = useCalendars();
  const save = useTrainingSettingsSave();
  const client = useQueryClient();
  const [form] = Form.useForm<TTrainingSettingsValues>();
  const [stale, setStale] = useState(false);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [form, settings.data]);
  if (!settings.data) return <Spin />;
  const version = settings.data.version;
  return (
    <div style={{ maxWidth: 560 }}>
      {!canEdit && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('training.settings.readOnly')} />
      )}
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('training.settings.stale')}
          data-testid="training-settings-stale"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit}
        onFinish={(v) =>
          save.mutate(
            { ...v, calendarId: v.calendarId ?? null, version },
            {
              onSuccess: () => {
                setStale(false);
                void message.success(t('training.settings.saved'));
              },
              onError: (e) => {
                if (e instanceof ApiError && e.status === 409) {
                  setStale(true);
                  void client.invalidateQueries({ queryKey: trainingKeys.settings() });
                } else void message.error(e.message);
              },
            },
          )
        }
      >
        {NUMBERS.map((n) => (
          <Form.Item
            key={n.name}
            name={n.name}
            label={t(`training.settings.${n.name}`)}
            rules={[{ required: true }]}
          >
            <InputNumber
              min={n.min}
              max={n.max}
              precision={0}
              style={{ width: '100%' }}
              data-testid={`training-settings-${n.name}`}
            />
          </Form.Item>
        ))}
        <Form.Item name="calendarId" label={t('training.settings.calendar')}>
          <Select
            allowClear
            placeholder={t('training.settings.defaultCalendar')}
            loading={calendars.isLoading}
            options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          data-testid="training-settings-save"
        >
          {t('training.settings.save')}
        </Button>
      </Form>
    </div>
  );
}
