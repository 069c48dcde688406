import { Alert, App, Button, Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useComplaintSettings } from '../../features/complaints/complaint-settings-query.ts';
import { useComplaintSettingsSave } from '../../features/complaints/complaint-settings-save-mutation.ts';

const FIELDS = [
  'handleHours',
  'onSiteHours',
  'solutionHours',
  'replacementHours',
  'feedbackHours',
  'warningLeadHours',
] as const;

/** The complaint deadlines (the seed's hours as defaults), changed by a manager at the version read. */
export function SettingsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useComplaintSettings();
  const save = useComplaintSettingsSave();
  const [form] = Form.useForm();
  if (!settings.data) return null;
  const { updatedAt: _u, version, ...initial } = settings.data;
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      initialValues={initial}
      key={version}
      disabled={!manage}
      onFinish={(v) =>
        save.mutate(
          { ...v, version },
          {
            onSuccess: () => void message.success(t('common.saved')),
            onError: (err) => void message.error(applyServerErrors(form, err)),
          },
        )
      }
    >
      <Alert type="info" showIcon message={t('complaints.settings.help')} style={{ marginBottom: 16 }} />
      {FIELDS.map((f) => (
        <Form.Item key={f} name={f} label={t(`complaints.settings.${f}`)} rules={[{ required: true }]}>
          <InputNumber min={f === 'warningLeadHours' ? 0 : 1} max={1440} precision={0} />
        </Form.Item>
      ))}
      {manage && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
