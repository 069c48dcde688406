import { Alert, App, Button, Form, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TUpdateMaintenanceSettingsRequest } from '../../../../common/maintenance-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMaintenanceSettings } from '../../features/maintenance/settings-query.ts';
import { useMaintenanceSettingsSave } from '../../features/maintenance/settings-save-mutation.ts';
import { useCalendars } from '../../features/sla/calendars-query.ts';

const MONTH_FIELDS = [
  'smallMonths',
  'mediumMonths',
  'largeMonths',
  'patrolMonths',
  'electricalCleaningMonths',
  'overhaulMonths',
] as const;

/** The seed's intervals, the horizon and the shift off closed days, as settings a manager changes. */
export function SettingsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useMaintenanceSettings();
  const calendars = useCalendars();
  const save = useMaintenanceSettingsSave();
  const [form] = Form.useForm<TUpdateMaintenanceSettingsRequest>();
  if (!settings.data) return null;
  const { updatedAt: _u, ...initial } = settings.data;
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{ ...initial, calendarId: initial.calendarId ?? '' }}
      key={settings.data.version}
      disabled={!manage}
      onFinish={(values) =>
        save.mutate(
          { ...values, calendarId: values.calendarId || null, version: settings.data.version },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (err) => void message.error(applyServerErrors(form, err)),
          },
        )
      }
    >
      <Alert type="info" showIcon message={t('maintenance.settingsHelp')} style={{ marginBottom: 16 }} />
      {MONTH_FIELDS.map((f) => (
        <Form.Item key={f} name={f} label={t(`maintenance.${f}`)} rules={[{ required: true }]}>
          <InputNumber min={1} max={120} precision={0} />
        </Form.Item>
      ))}
      <Form.Item name="horizonDays" label={t('maintenance.horizonDays')} rules={[{ required: true }]}>
        <InputNumber min={7} max={731} precision={0} />
      </Form.Item>
      <Form.Item
        name="reminderDays"
        label={t('maintenanceVisits.settings.reminderDays')}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={60} precision={0} />
      </Form.Item>
      <Form.Item
        name="specialInspectionDays"
        label={t('maintenanceVisits.settings.specialInspectionDays')}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={60} precision={0} />
      </Form.Item>
      {(['graceDays', 'warningLeadDays', 'tuningCleanVisits'] as const).map((f) => (
        <Form.Item key={f} name={f} label={t(`maintenanceInsight.${f}`)} rules={[{ required: true }]}>
          <InputNumber
            min={f === 'tuningCleanVisits' ? 2 : 0}
            max={f === 'tuningCleanVisits' ? 24 : 60}
            precision={0}
          />
        </Form.Item>
      ))}
      {/* Sent with every save: left out, the request's default would turn the review back on. */}
      <Form.Item name="reviewRequired" label={t('mvisit.reviewRequired')} valuePropName="checked">
        <Switch data-testid="settings-review-required" />
      </Form.Item>
      <Form.Item name="shiftDirection" label={t('maintenance.shiftDirection')}>
        <Select
          options={(['earlier', 'later'] as const).map((v) => ({
            value: v,
            label: t(`maintenance.shifts.${v}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="calendarId" label={t('maintenance.calendar')}>
        <Select
          options={[
            { value: '', label: t('maintenance.calendarDefault') },
            ...(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </Form.Item>
      {manage && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
