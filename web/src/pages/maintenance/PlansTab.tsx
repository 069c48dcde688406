import { Button, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlanSummary } from '../../../../common/maintenance-api.ts';
import { useMaintenancePlans } from '../../features/maintenance/plans-query.ts';
import { useProjects } from '../../features/registry/registry-query.ts';
import { PlanDrawer } from './PlanDrawer.tsx';
import { PlanFormModal } from './PlanFormModal.tsx';
import { PlanFromContractModal } from './PlanFromContractModal.tsx';

export function PlansTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [projectId, setProjectId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const projects = useProjects({ q: q || undefined });
  const plans = useMaintenancePlans(projectId);
  const [creating, setCreating] = useState(false);
  const [fromContract, setFromContract] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          filterOption={false}
          onSearch={setQ}
          style={{ minWidth: 240 }}
          placeholder={t('maintenance.filterProject')}
          aria-label={t('maintenance.filterProject')}
          value={projectId}
          onChange={setProjectId}
          options={projects.items.map((p) => ({ value: p.id, label: `${p.name}（${p.customerName}）` }))}
        />
        {manage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('maintenance.newPlan')}
          </Button>
        )}
        {manage && (
          <Button onClick={() => setFromContract(true)}>{t('maintenanceInsight.fromContract')}</Button>
        )}
      </Space>
      <Table<TPlanSummary>
        rowKey="id"
        size="small"
        loading={plans.isLoading}
        dataSource={plans.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('maintenance.noPlans')} /> }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('maintenance.name'),
            render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(r.id)}>
                {r.name}
              </Button>
            ),
          },
          { title: t('maintenance.project'), dataIndex: 'projectName' },
          { title: t('maintenance.customer'), dataIndex: 'customerName' },
          {
            title: t('maintenance.period'),
            render: (_, r) => `${r.startsOn} – ${r.endsOn ?? t('maintenance.openEnded')}`,
          },
          { title: t('maintenance.mode'), render: (_, r) => t(`maintenance.modes.${r.mode}`) },
          { title: t('maintenance.equipmentCount'), dataIndex: 'assetCount' },
          { title: t('maintenance.templateCount'), dataIndex: 'templateCount' },
          {
            title: t('maintenance.active'),
            render: (_, r) =>
              r.active ? (
                <Tag color="green">{t('maintenance.active')}</Tag>
              ) : (
                <Tag>{t('maintenance.ended')}</Tag>
              ),
          },
        ]}
      />
      {creating && <PlanFormModal plan={null} onClose={() => setCreating(false)} />}
      {fromContract && <PlanFromContractModal onClose={() => setFromContract(false)} />}
      {open && <PlanDrawer id={open} manage={manage} onClose={() => setOpen(null)} />}
    </>
  );
}
