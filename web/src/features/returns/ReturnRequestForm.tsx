import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReturnDetail } from '../../../../common/returns-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { DevicePicker } from '../../pages/portal/DevicePicker.tsx';
import { useCustomers } from '../customers/customers-query.ts';
import { uploadFile } from '../files/upload-file.ts';
import { useReturnCreate } from './return-create-mutation.ts';

interface Values {
  customerId?: string;
  serial: string;
  reason: string;
  overrideReason?: string;
}

/**
 * The return request (篇3 5(1)): the serial of the customer's equipment, the reason and photos. Staff
 * asking on the customer's behalf choose the customer; a manager may accept a late return with a reason.
 */
export function ReturnRequestForm({
  staff,
  canOverride,
  onCreated,
}: {
  staff: boolean;
  canOverride: boolean;
  onCreated: (r: TReturnDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useReturnCreate();
  const [q, setQ] = useState('');
  const customers = useCustomers({ q: q || undefined });
  const customerId = Form.useWatch('customerId', form);
  const [photos, setPhotos] = useState<{ id: string; name: string }[]>([]);
  const [uploading, setUploading] = useState(0);

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const meta = await uploadFile(file, staff ? (customerId ?? null) : null);
      setPhotos((p) => [...p, { id: meta.id, name: file.name }]);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const submit = async (v: Values) => {
    try {
      const created = await create.mutateAsync({
        ...(staff ? { customerId: v.customerId } : {}),
        serial: v.serial.trim(),
        reason: v.reason.trim(),
        photoFileIds: photos.map((p) => p.id),
        ...(v.overrideReason?.trim() ? { overrideReason: v.overrideReason.trim() } : {}),
      });
      message.success(t('returns.submitted'));
      onCreated(created);
    } catch (err) {
      message.error(applyServerErrors(form, err));
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="return-request-form">
      {staff && (
        <Form.Item name="customerId" label={t('returns.customer')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            options={customers.items.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="return-customer"
          />
        </Form.Item>
      )}
      {!staff && (
        // The customer's own equipment (the assets API answers only its organisation's): picking one
        // fills in the serial, which can still be typed.
        <Form.Item label={t('returns.portal.device')}>
          <DevicePicker
            onChange={(_id, asset) => {
              if (asset) form.setFieldValue('serial', asset.serial);
            }}
          />
        </Form.Item>
      )}
      <Form.Item
        name="serial"
        label={t('returns.serial')}
        extra={staff ? undefined : t('returns.portal.serialHelp')}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input autoComplete="off" data-testid="return-serial" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('returns.reason')}
        rules={[{ required: true, whitespace: true, max: 2000 }]}
      >
        <Input.TextArea rows={3} data-testid="return-reason" />
      </Form.Item>
      <Form.Item label={t('returns.photos')}>
        <div className="portal-media">
          {photos.map((p) => (
            <div key={p.id} className="portal-media-item">
              <span>{p.name}</span>
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('portal.removeMedia')}
                onClick={() => setPhotos((all) => all.filter((x) => x.id !== p.id))}
              />
            </div>
          ))}
          {photos.length < 20 && (
            <Upload
              accept="image/*"
              multiple
              showUploadList={false}
              customRequest={async ({ file }) => upload(file as File)}
            >
              <Button icon={<CameraOutlined />} loading={uploading > 0}>
                {t('returns.addPhoto')}
              </Button>
            </Upload>
          )}
        </div>
      </Form.Item>
      {canOverride && (
        <Form.Item
          name="overrideReason"
          label={t('returns.overrideReason')}
          extra={t('returns.overrideHelp')}
          rules={[{ max: 1000 }]}
        >
          <Input.TextArea rows={2} data-testid="return-override" />
        </Form.Item>
      )}
      <Button
        type="primary"
        htmlType="submit"
        loading={create.isPending}
        disabled={uploading > 0}
        block={!staff}
        data-testid="return-submit"
      >
        {t('returns.submit')}
      </Button>
    </Form>
  );
}
