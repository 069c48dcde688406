import { Alert, App, Button, Card, Form, InputNumber, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TSurveySettings, TUpdateSurveySettingsRequest } from '../../../../common/surveys-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useSurveySettings } from '../../features/surveys/settings-query.ts';
import { useSurveySettingsSave } from '../../features/surveys/settings-save-mutation.ts';

const NUMBERS = [
  ['samplingPercent', 0, 100],
  ['quietDays', 0, 365],
  ['linkDays', 1, 90],
  ['targetPercent', 1, 100],
] as const;

function KindForm({ settings, manage }: { settings: TSurveySettings; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSurveySettingsSave();
  const [form] = Form.useForm<Omit<TUpdateSurveySettingsRequest, 'version'>>();
  const { kind, hasSource, version, updatedAt: _u, ...initial } = settings;
  return (
    <Card size="small" title={t(`surveys.kinds.${kind}`)} data-testid={`survey-settings-${kind}`}>
      {!hasSource && (
        <Typography.Paragraph type="secondary">{t('surveys.settings.noSource')}</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        key={version}
        initialValues={initial}
        disabled={!manage}
        onFinish={(values) =>
          save.mutate(
            { kind, body: { ...values, version } },
            {
              onSuccess: () => void message.success(t('common.saved')),
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="enabled" label={t('surveys.settings.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {NUMBERS.map(([f, min, max]) => (
          <Form.Item key={f} name={f} label={t(`surveys.settings.${f}`)} rules={[{ required: true }]}>
            <InputNumber min={min} max={max} precision={0} />
          </Form.Item>
        ))}
        {manage && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** Per kind: on/off, sampling, the quiet period per customer, the link's expiry and the target. */
export function SettingsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const settings = useSurveySettings();
  return (
    <>
      <Alert type="info" showIcon message={t('surveys.settings.help')} style={{ marginBottom: 16 }} />
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}>
        {(settings.data ?? []).map((s) => (
          <KindForm key={s.kind} settings={s} manage={manage} />
        ))}
      </div>
    </>
  );
}
