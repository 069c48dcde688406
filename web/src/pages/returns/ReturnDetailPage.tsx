import { App, Button, Card, Checkbox, Form, Input, Radio, Select, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  ITEM_CONDITIONS,
  PACKAGING_STATES,
  RETURN_OUTCOMES,
  type TReturnDetail,
} from '../../../../common/returns-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { useLocations, useParts } from '../../features/parts/parts-query.ts';
import { ReturnFacts } from '../../features/returns/ReturnFacts.tsx';
import { useReturn } from '../../features/returns/return-query.ts';
import { useReturnStep } from '../../features/returns/return-step-mutation.ts';

/** A return (退货单): its facts and timeline, and the step it waits for, for those who may take it. */
export function ReturnDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const time = useOrganisationTime();
  const r = useReturn(id);
  if (!r.data) return <Spin />;
  const can = (p: string) => Boolean(me?.permissions.includes(p as never));
  const d = r.data;
  return (
    <div style={{ maxWidth: 880 }}>
      <h1 className="page-title" data-testid="return-number">
        {t('returns.list')} {d.number}
      </h1>
      {d.status === 'requested' && can('returns.inspect') && <InspectionForm r={d} />}
      {d.status === 'awaiting_approval' && can('returns.approve') && <DecisionForm r={d} />}
      {d.status === 'approved' && can('returns.receive') && <ReceiptForm r={d} />}
      <ReturnFacts r={d} format={(v) => time.dateTime(v)} />
    </div>
  );
}

function InspectionForm({ r }: { r: TReturnDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useReturnStep(r.id);
  const [form] = Form.useForm();
  const cannotUse = Form.useWatch('cannotUse', form);
  // Photos of the unit as received (篇3 5(2)), uploaded through the files module before the step is saved.
  const [photoFileIds, setPhotoFileIds] = useState<string[]>([]);
  return (
    <Card
      title={t('returns.inspection.title')}
      style={{ marginBottom: 16 }}
      data-testid="return-inspection-form"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          condition: 'used',
          packaging: 'opened',
          humanDamage: false,
          cannotUse: false,
          customerInsists: false,
        }}
        onFinish={(v) =>
          step.mutate(
            {
              step: 'inspection',
              body: { ...v, opinion: v.opinion.trim(), photoFileIds, version: r.version },
            },
            { onError: (err) => void message.error(applyServerErrors(form, err)) },
          )
        }
      >
        <Form.Item name="condition" label={t('returns.inspection.condition')}>
          <Radio.Group
            options={ITEM_CONDITIONS.map((c) => ({
              value: c,
              label: t(`returns.inspection.conditions.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="packaging" label={t('returns.inspection.packaging')}>
          <Radio.Group
            options={PACKAGING_STATES.map((c) => ({
              value: c,
              label: t(`returns.inspection.packagings.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="humanDamage" valuePropName="checked">
          <Checkbox data-testid="inspect-human-damage">{t('returns.inspection.humanDamage')}</Checkbox>
        </Form.Item>
        <Form.Item name="cannotUse" valuePropName="checked">
          <Checkbox data-testid="inspect-cannot-use">{t('returns.inspection.cannotUse')}</Checkbox>
        </Form.Item>
        {cannotUse && (
          <Form.Item name="customerInsists" valuePropName="checked">
            <Checkbox>{t('returns.inspection.customerInsists')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="opinion"
          label={t('returns.inspection.opinion')}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="inspect-opinion" />
        </Form.Item>
        <Form.Item label={t('returns.inspection.photos')}>
          <Attachments
            fileIds={photoFileIds}
            customerId={r.customerId}
            canEdit
            max={20}
            onChange={async (ids) => setPhotoFileIds(ids)}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="inspect-submit">
          {t('returns.inspection.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function DecisionForm({ r }: { r: TReturnDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useReturnStep(r.id);
  const [form] = Form.useForm();
  const decision = Form.useWatch('decision', form);
  return (
    <Card title={t('returns.decision.title')} style={{ marginBottom: 16 }} data-testid="return-decision-form">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve', outcome: 'exchange' }}
        onFinish={(v) =>
          step.mutate(
            {
              step: 'decision',
              body: {
                decision: v.decision,
                ...(v.decision === 'approve' ? { outcome: v.outcome } : {}),
                ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
                version: r.version,
              },
            },
            { onError: (err) => void message.error(applyServerErrors(form, err)) },
          )
        }
      >
        <Form.Item name="decision">
          <Radio.Group
            data-testid="decision-choice"
            options={[
              { value: 'approve', label: t('returns.decision.approve') },
              { value: 'reject', label: t('returns.decision.reject') },
            ]}
          />
        </Form.Item>
        {decision !== 'reject' && (
          <Form.Item name="outcome" label={t('returns.outcome')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="decision-outcome"
              options={RETURN_OUTCOMES.map((o) => ({ value: o, label: t(`returns.outcomes.${o}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={decision === 'reject' ? t('returns.decision.rejectReason') : t('returns.decision.reason')}
          rules={[{ required: decision === 'reject', whitespace: true, max: 1000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="decision-submit">
          {t('returns.decision.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function ReceiptForm({ r }: { r: TReturnDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useReturnStep(r.id);
  const [form] = Form.useForm();
  const locations = useLocations();
  const [q, setQ] = useState<string>();
  const parts = useParts(q);
  return (
    <Card title={t('returns.receipt.title')} style={{ marginBottom: 16 }} data-testid="return-receipt-form">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ condition: 'defective' }}
        onFinish={(v) =>
          step.mutate(
            {
              step: 'receipt',
              body: {
                locationId: v.locationId,
                condition: v.condition,
                ...(v.partId ? { partId: v.partId } : {}),
                version: r.version,
              },
            },
            { onError: (err) => void message.error(applyServerErrors(form, err)) },
          )
        }
      >
        <Form.Item name="locationId" label={t('returns.receipt.location')} rules={[{ required: true }]}>
          <Select
            data-testid="receipt-location"
            options={(locations.data ?? [])
              .filter((l) => l.active)
              .map((l) => ({ value: l.id, label: l.name }))}
          />
        </Form.Item>
        <Form.Item name="condition" label={t('returns.receipt.condition')}>
          <Radio.Group
            options={(['defective', 'good'] as const).map((c) => ({
              value: c,
              label: t(`returns.receipt.conditions.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="partId" label={t('returns.receipt.part')}>
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={(v) => setQ(v || undefined)}
            options={parts.items.map((p) => ({ value: p.id, label: `${p.partNumber} ${p.name}` }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={step.isPending} data-testid="receipt-submit">
          {t('returns.receipt.submit')}
        </Button>
      </Form>
    </Card>
  );
}
