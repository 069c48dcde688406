import { App, Form, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlanFromContractRequest } from '../../../../common/maintenance-tuning-api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { usePlanFromContract } from '../../features/maintenance/plan-from-contract-mutation.ts';
import { useMaintenanceTemplates } from '../../features/maintenance/templates-query.ts';
import { useContracts, useProjects } from '../../features/registry/registry-query.ts';

type Values = Pick<TPlanFromContractRequest, 'contractId' | 'templateIds'> & {
  projectId?: string;
  ownerCycleMonths?: number | null;
};

/** A plan from a long-term maintenance contract: its equipment and dates, the owner's own cycle. */
export function PlanFromContractModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const projects = useProjects({ q: q || undefined });
  const projectId = Form.useWatch('projectId', form);
  const contracts = useContracts(projectId);
  const templates = useMaintenanceTemplates();
  const create = usePlanFromContract();
  const agreements = (contracts.data ?? []).filter((c) => c.kind === 'maintenance_agreement');
  return (
    <Modal
      open
      title={t('maintenanceInsight.fromContract')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            {
              contractId: v.contractId,
              templateIds: v.templateIds,
              ownerCycleMonths: v.ownerCycleMonths ?? null,
            },
            {
              onSuccess: () => {
                void message.success(t('maintenanceInsight.created'));
                onClose();
              },
              onError: (err) => void message.error(applyServerErrors(form, err)),
            },
          )
        }
      >
        <Form.Item name="projectId" label={t('maintenanceInsight.project')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            onChange={() => form.setFieldValue('contractId', undefined)}
            options={projects.items.map((p) => ({ value: p.id, label: `${p.name}（${p.customerName}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="contractId"
          label={t('maintenanceInsight.contract')}
          rules={[{ required: true }]}
          extra={
            projectId && contracts.data && !agreements.length
              ? t('maintenanceInsight.noContracts')
              : undefined
          }
        >
          <Select
            disabled={!projectId}
            options={agreements.map((c) => ({
              value: c.id,
              label: `${c.number}（${c.startDate} – ${c.endDate ?? '…'}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="templateIds" label={t('maintenanceInsight.templates')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(templates.data ?? [])
              .filter((x) => x.active)
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item name="ownerCycleMonths" label={t('maintenanceInsight.ownerCycle')}>
          <InputNumber min={1} max={120} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
