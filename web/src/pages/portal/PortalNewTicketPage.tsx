import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Radio, Select, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isCallablePhone, URGENCIES, URGENCY_FIELDS, type Urgency } from '../../../../common/portal-rules.ts';
import { getCsrfToken } from '../../api/client.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useCustomer } from '../../features/customers/customer-query.ts';
import { SuggestedArticles } from '../../features/knowledge/SuggestedArticles.tsx';
import { useContacts } from '../../features/registry/contacts-query.ts';
import { useTicketCreateMutation } from '../../features/tickets/ticket-create-mutation.ts';
import { DevicePicker } from './DevicePicker.tsx';

const PORTAL_KINDS = [
  'fault_report',
  'consultation',
  'complaint',
  'return_request',
  'training_request',
] as const;
const MAX_MEDIA = 6;

interface Media {
  id: string;
  name: string;
}

/**
 * A customer's request: what kind, which equipment (searched by name and location), how urgent, the
 * phone to call back (the signed-in user's contact, confirmed), photos or videos of the fault.
 */
export function PortalNewTicketPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const customer = useCustomer(me?.customerId);
  const contacts = useContacts(me?.customerId ?? '');
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const subject = (Form.useWatch('subject', form) as string | undefined) ?? '';
  const description = (Form.useWatch('description', form) as string | undefined) ?? '';
  const create = useTicketCreateMutation();
  const [media, setMedia] = useState<Media[]>([]);
  const [uploading, setUploading] = useState(0);
  const ownContact = contacts.data?.find((c) => c.userId === me?.id);

  // The phone is prefilled once the contact is known; whatever the user typed stays.
  const prefill = ownContact?.phone ?? customer.data?.contactPhone ?? null;
  useEffect(() => {
    if (prefill && !form.getFieldValue('contactPhone')) form.setFieldValue('contactPhone', prefill);
  }, [prefill, form]);

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const body = new FormData();
      body.append('file', file);
      const res = await fetch('/api/v1/files', {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': getCsrfToken() },
      });
      const answer = await res.json();
      if (!res.ok) {
        message.error(answer.detail ?? t('portal.uploadFailed'));
        return;
      }
      setMedia((m) => [...m, { id: answer.id, name: file.name }]);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const submit = async (v: Record<string, unknown>) => {
    const urgency = (v.urgency as Urgency | undefined) ?? 'normal';
    const isFault = v.kind === 'fault_report';
    try {
      const created = await create.mutateAsync({
        kind: v.kind,
        subject: v.subject,
        description: v.description,
        assetIds: v.assetId ? [v.assetId] : [],
        contactId: ownContact?.id ?? null,
        contactPhone: v.contactPhone,
        ...(isFault ? URGENCY_FIELDS[urgency] : {}),
        attachmentIds: media.map((m) => m.id),
      });
      message.success(t('tickets.registered', { number: created.number }));
      navigate(`/portal/tickets/${created.id}`);
    } catch (err) {
      message.error(applyServerErrors(form, err));
    }
  };

  return (
    <>
      <h1 className="page-title">{t('tickets.report')}</h1>
      <Card style={{ maxWidth: 720 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'fault_report', urgency: 'normal' }}
        >
          <Form.Item label={t('tickets.kind')} name="kind">
            <Select
              options={PORTAL_KINDS.map((k) => ({ value: k, label: t(`ticketKinds.${k}`) }))}
              data-testid="ticket-kind"
            />
          </Form.Item>
          <Form.Item label={t('portal.device')} name="assetId" extra={t('portal.deviceHelp')}>
            <DevicePicker />
          </Form.Item>
          {kind === 'fault_report' && (
            <Form.Item label={t('portal.urgency')} name="urgency">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                data-testid="portal-urgency"
                options={URGENCIES.map((u) => ({ value: u, label: t(`portal.urgencies.${u}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('tickets.subject')} name="subject" rules={[{ required: true }]}>
            <Input data-testid="ticket-subject" placeholder={t('portal.subjectPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('tickets.description')} name="description" rules={[{ required: true }]}>
            <Input.TextArea rows={4} data-testid="ticket-description" />
          </Form.Item>
          {/* While a fault is described: articles that may solve it (the report is then not sent). */}
          {kind === 'fault_report' && (
            <SuggestedArticles
              text={`${subject} ${description}`}
              onSolved={() => {
                message.success(t('knowledge.suggest.solvedThanks'));
                navigate('/portal');
              }}
            />
          )}
          <Form.Item label={t('portal.media')} extra={t('portal.mediaHelp')}>
            <div className="portal-media" data-testid="portal-media">
              {media.map((m) => (
                <div key={m.id} className="portal-media-item">
                  <span>{m.name}</span>
                  <Button
                    type="text"
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('portal.removeMedia')}
                    onClick={() => setMedia((all) => all.filter((x) => x.id !== m.id))}
                  />
                </div>
              ))}
              {media.length < MAX_MEDIA && (
                <Upload
                  accept="image/*,video/*"
                  multiple
                  showUploadList={false}
                  customRequest={async ({ file }) => upload(file as File)}
                >
                  <Button icon={<CameraOutlined />} loading={uploading > 0} data-testid="portal-media-add">
                    {t('portal.addMedia')}
                  </Button>
                </Upload>
              )}
            </div>
          </Form.Item>
          <Form.Item
            label={t('portal.phone')}
            name="contactPhone"
            extra={t('portal.phoneHelp')}
            rules={[
              { required: true, message: t('portal.phoneRequired') },
              {
                validator: (_, value: string | undefined) =>
                  !value || isCallablePhone(value.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('portal.phoneInvalid'))),
              },
            ]}
          >
            <Input type="tel" inputMode="tel" autoComplete="tel" data-testid="portal-phone" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={create.isPending}
            disabled={uploading > 0}
            data-testid="ticket-submit"
          >
            {t('tickets.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
