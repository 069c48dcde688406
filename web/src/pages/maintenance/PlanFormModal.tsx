import { App, DatePicker, Form, Input, Select, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAN_MODES, type TPlan } from '../../../../common/maintenance-api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { usePlanSave } from '../../features/maintenance/plan-save-mutation.ts';
import { useMaintenanceTemplates } from '../../features/maintenance/templates-query.ts';
import { useAssets, useProjects } from '../../features/registry/registry-query.ts';

interface Values {
  projectId: string;
  name: string;
  assetIds: string[];
  templateIds: string[];
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  mode: TPlan['mode'];
  preferredWeekday?: number | null;
  windowStart?: Dayjs | null;
  windowEnd?: Dayjs | null;
  active: boolean;
  notes?: string | null;
}

const hhmm = (d: Dayjs | null | undefined) => (d ? d.format('HH:mm') : null);
const time = (s: string | null) => (s ? dayjs(s, 'HH:mm') : null);

export function PlanFormModal({ plan, onClose }: { plan: TPlan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = usePlanSave(plan);
  const [q, setQ] = useState('');
  const projects = useProjects({ q: q || undefined });
  const projectId = Form.useWatch('projectId', form) ?? plan?.projectId;
  const assets = useAssets({ projectId }, 200);
  const templates = useMaintenanceTemplates();
  const initial: Partial<Values> = plan
    ? {
        projectId: plan.projectId,
        name: plan.name,
        assetIds: plan.assetIds,
        templateIds: plan.templateIds,
        startsOn: dayjs(plan.startsOn),
        endsOn: plan.endsOn ? dayjs(plan.endsOn) : null,
        mode: plan.mode,
        preferredWeekday: plan.preferredWeekday,
        windowStart: time(plan.windowStart),
        windowEnd: time(plan.windowEnd),
        active: plan.active,
        notes: plan.notes,
      }
    : { mode: 'fixed', active: true, assetIds: [], templateIds: [] };
  return (
    <FormModal
      open
      title={plan ? t('maintenance.editPlan') : t('maintenance.newPlan')}
      form={form}
      onCancel={onClose}
      loading={save.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          save.mutate(
            {
              projectId: v.projectId,
              name: v.name,
              assetIds: v.assetIds,
              templateIds: v.templateIds,
              startsOn: v.startsOn.format('YYYY-MM-DD'),
              endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
              mode: v.mode,
              preferredWeekday: v.preferredWeekday ?? null,
              windowStart: hhmm(v.windowStart),
              windowEnd: hhmm(v.windowEnd),
              active: v.active,
              notes: v.notes?.trim() || null,
            },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="projectId" label={t('maintenance.project')} rules={[{ required: true }]}>
          <Select
            showSearch
            disabled={Boolean(plan)}
            filterOption={false}
            onSearch={setQ}
            onChange={() => form.setFieldValue('assetIds', [])}
            options={[
              ...(plan ? [{ value: plan.projectId, label: plan.projectName }] : []),
              ...projects.items
                .filter((p) => p.id !== plan?.projectId)
                .map((p) => ({ value: p.id, label: `${p.name}（${p.customerName}）` })),
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('maintenance.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="assetIds" label={t('maintenance.equipment')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            disabled={!projectId}
            optionFilterProp="label"
            options={assets.items.map((a) => ({
              value: a.id,
              label: `${a.serial}${a.name ? ` ${a.name}` : ''} · ${a.productName}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="templateIds" label={t('maintenance.templates')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(templates.data ?? [])
              .filter((x) => x.active)
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label={t('maintenance.startsOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endsOn" label={t('maintenance.endsOn')}>
            <DatePicker placeholder={t('maintenance.openEnded')} />
          </Form.Item>
        </Space>
        <Form.Item name="mode" label={t('maintenance.mode')}>
          <Select options={PLAN_MODES.map((m) => ({ value: m, label: t(`maintenance.modes.${m}`) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="preferredWeekday" label={t('maintenance.preferredWeekday')}>
            <Select
              allowClear
              style={{ minWidth: 160 }}
              placeholder={t('maintenance.anyWeekday')}
              options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                value: d,
                label: t(`maintenance.weekdays.${d}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="windowStart" label={t('maintenance.windowStart')}>
            <TimePicker format="HH:mm" minuteStep={15} />
          </Form.Item>
          <Form.Item name="windowEnd" label={t('maintenance.windowEnd')}>
            <TimePicker format="HH:mm" minuteStep={15} />
          </Form.Item>
        </Space>
        <Form.Item name="active" label={t('maintenance.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="notes" label={t('maintenance.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
