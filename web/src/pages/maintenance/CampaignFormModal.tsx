import { Alert, App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAMPAIGN_OCCASIONS,
  type TCampaignOccasion,
  type TCampaignSelectionInput,
} from '../../../../common/maintenance-visits-api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useCustomers } from '../../features/customers/customers-query.ts';
import {
  useCampaignCreate,
  useCampaignPreview,
} from '../../features/maintenance/campaign-create-mutation.ts';

interface Values {
  name: string;
  occasion: TCampaignOccasion;
  reason: string;
  deadline: Dayjs;
  regions?: string[];
  categories?: string[];
  customerIds?: string[];
  contractTiers?: string[];
}

const selectionOf = (v: Partial<Values>): TCampaignSelectionInput => ({
  regions: v.regions ?? [],
  categories: v.categories ?? [],
  customerIds: v.customerIds ?? [],
  contractTiers: v.contractTiers ?? [],
});

/** A campaign: name, occasion, reason, deadline and the filter that selects its sites. */
export function CampaignFormModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCampaignCreate();
  const preview = useCampaignPreview();
  const [q, setQ] = useState('');
  const customers = useCustomers({ q: q || undefined });
  const words = (name: keyof Values, label: string) => (
    <Form.Item name={name} label={label}>
      <Select
        mode="tags"
        open={false}
        placeholder={t('maintenanceVisits.campaign.typeToAdd')}
        aria-label={label}
      />
    </Form.Item>
  );
  return (
    <FormModal
      open
      title={t('maintenanceVisits.campaign.new')}
      form={form}
      onCancel={onClose}
      loading={create.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ occasion: 'holiday' }}
        onFinish={(v) =>
          create.mutate(
            {
              name: v.name,
              occasion: v.occasion,
              reason: v.reason,
              deadline: v.deadline.format('YYYY-MM-DD'),
              selection: selectionOf(v),
            },
            {
              onSuccess: (c) => {
                void message.success(t('maintenanceVisits.campaign.created', { sites: c.siteCount }));
                onCreated(c.id);
              },
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('maintenanceVisits.campaign.name')}
          rules={[{ required: true, max: 120 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="occasion"
          label={t('maintenanceVisits.campaign.occasion')}
          rules={[{ required: true }]}
        >
          <Select
            options={CAMPAIGN_OCCASIONS.map((o) => ({
              value: o,
              label: t(`maintenanceVisits.campaign.occasions.${o}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('maintenanceVisits.campaign.reason')}
          rules={[{ required: true, max: 1000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('maintenanceVisits.campaign.deadline')}
          rules={[{ required: true }]}
        >
          <DatePicker />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          message={t('maintenanceVisits.campaign.selectionHelp')}
          style={{ marginBottom: 12 }}
        />
        {words('regions', t('maintenanceVisits.campaign.regions'))}
        {words('categories', t('maintenanceVisits.campaign.categories'))}
        <Form.Item name="customerIds" label={t('maintenanceVisits.campaign.customers')}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setQ}
            aria-label={t('maintenanceVisits.campaign.customers')}
            options={customers.items.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        {words('contractTiers', t('maintenanceVisits.campaign.tiers'))}
        <Space>
          <Button
            data-testid="campaign-preview-button"
            loading={preview.isPending}
            onClick={() =>
              preview.mutate(selectionOf(form.getFieldsValue()), {
                onError: (err) => void message.error(applyServerErrors(form, err)),
              })
            }
          >
            {t('maintenanceVisits.campaign.preview')}
          </Button>
          {preview.data && (
            <span data-testid="campaign-preview">
              {t('maintenanceVisits.campaign.previewResult', {
                sites: preview.data.siteCount,
                assets: preview.data.assetCount,
              })}
            </span>
          )}
        </Space>
      </Form>
    </FormModal>
  );
}
