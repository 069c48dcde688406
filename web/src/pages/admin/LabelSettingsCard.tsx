import { App, Button, Card, Form, Input, InputNumber } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useLabelSettings, useLabelSettingsSave } from '../../features/labels/label-settings.ts';

const MB = 1024 * 1024;

/**
 * The QR labels' settings (扫码报修): the hotline printed on every label and shown on the scan page, and
 * the limits against abuse of the public page. Sizes are edited in MB.
 */
export function LabelSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useLabelSettings();
  const save = useLabelSettingsSave();
  const [form] = Form.useForm();
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        ...settings.data,
        photoMaxMb: Math.round(settings.data.photoMaxBytes / MB),
        videoMaxMb: Math.round(settings.data.videoMaxBytes / MB),
      });
  }, [settings.data, form]);
  if (!settings.data) return null;
  const current = settings.data;
  return (
    <Card size="small" title={t('qr.settings.title')} style={{ maxWidth: 640, marginTop: 16 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(
            {
              version: current.version,
              hotline: v.hotline,
              otpPerPhonePerHour: v.otpPerPhonePerHour,
              otpPerAddressPerHour: v.otpPerAddressPerHour,
              reportsPerAssetPerHour: v.reportsPerAssetPerHour,
              photoMaxBytes: v.photoMaxMb * MB,
              videoMaxBytes: v.videoMaxMb * MB,
            },
            {
              onSuccess: () => void message.success(t('qr.settings.saved')),
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="hotline" label={t('qr.settings.hotline')} rules={[{ required: true, min: 3 }]}>
          <Input maxLength={40} data-testid="label-settings-hotline" />
        </Form.Item>
        <Form.Item
          name="otpPerPhonePerHour"
          label={t('qr.settings.otpPerPhone')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item
          name="otpPerAddressPerHour"
          label={t('qr.settings.otpPerAddress')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
        <Form.Item
          name="reportsPerAssetPerHour"
          label={t('qr.settings.reportsPerAsset')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="photoMaxMb" label={t('qr.settings.photoMax')} rules={[{ required: true }]}>
          <InputNumber min={1} max={50} precision={0} addonAfter="MB" />
        </Form.Item>
        <Form.Item name="videoMaxMb" label={t('qr.settings.videoMax')} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} precision={0} addonAfter="MB" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="label-settings-save">
          {t('qr.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}
