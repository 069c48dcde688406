import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS } from '../../../../common/complaints-api.ts';
import type { TTicket } from '../../../../common/tickets-api.ts';
import { useCursorList } from '../../components/cursor-list-query.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useComplaintCreate } from '../../features/complaints/complaint-create-mutation.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { useStaffDirectory } from '../../features/users/staff-directory-query.ts';

/** Acceptance (受理): who complains, how to reach them, about what and whom; the apology goes by email. */
export function NewComplaintModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [customerQ, setCustomerQ] = useState('');
  const [fileIds, setFileIds] = useState<string[]>([]);
  const customers = useCustomers({ q: customerQ || undefined });
  const staff = useStaffDirectory();
  const customerId = Form.useWatch('customerId', form) as string | undefined;
  const channel = Form.useWatch('channel', form) as string | undefined;
  const tickets = useCursorList<TTicket>('complaint-tickets', '/api/v1/tickets', { customerId }, 30);
  const create = useComplaintCreate();
  return (
    <Modal
      open
      title={t('complaints.newComplaint')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'complaint-submit' } as never}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'hotline', category: 'other', language: 'zh-CN', defect: false }}
        onFinish={(v) =>
          create.mutate(
            { ...v, fileIds, ticketId: v.ticketId || null, againstUserId: v.againstUserId || null },
            {
              onSuccess: (c) => {
                onClose();
                navigate(`/console/complaints/${c.id}`);
              },
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item label={t('complaints.customer')} name="customerId" rules={[{ required: true }]}>
          <Select
            data-testid="complaint-customer"
            showSearch={{ filterOption: false, onSearch: setCustomerQ }}
            options={customers.items.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.channel')} name="channel">
          <Select
            options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`complaints.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.complainant')} name="complainantName" rules={[{ required: true }]}>
          <Input data-testid="complaint-complainant" />
        </Form.Item>
        <Form.Item label={t('complaints.contactPhone')} name="contactPhone">
          <Input />
        </Form.Item>
        <Form.Item label={t('complaints.contactEmail')} name="contactEmail" rules={[{ type: 'email' }]}>
          <Input data-testid="complaint-email" />
        </Form.Item>
        <Form.Item label={t('complaints.language')} name="language">
          <Select
            options={(['zh-CN', 'en'] as const).map((l) => ({
              value: l,
              label: t(`complaints.languages.${l}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.matter')} name="matter" rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="complaint-matter" />
        </Form.Item>
        <Form.Item label={t('complaints.category')} name="category">
          <Select
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.against')} name="againstUserId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
          />
        </Form.Item>
        <Form.Item label={t('complaints.againstTeam')} name="againstTeam">
          <Input />
        </Form.Item>
        {customerId && (
          <Form.Item label={t('complaints.ticket')} name="ticketId">
            <Select
              allowClear
              options={tickets.items.map((k) => ({ value: k.id, label: `${k.number} ${k.subject}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="defect" valuePropName="checked">
          <Checkbox>{t('complaints.defect')}</Checkbox>
        </Form.Item>
        {channel === 'letter' && customerId && (
          <Form.Item label={t('complaints.letterFiles')}>
            <Attachments
              fileIds={fileIds}
              customerId={customerId}
              canEdit
              onChange={async (ids) => setFileIds(ids)}
              max={20}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
