import { Button, Descriptions, Drawer, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../../common/maintenance-api.ts';
import { useMaintenancePlan } from '../../features/maintenance/plan-query.ts';
import { PlanFormModal } from './PlanFormModal.tsx';

/** A plan: its schedule and each asset with the templates that apply to it, and their intervals. */
export function PlanDrawer({ id, manage, onClose }: { id: string; manage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const plan = useMaintenancePlan(id);
  const [editing, setEditing] = useState(false);
  const p = plan.data;
  return (
    <Drawer
      open
      width={720}
      title={p?.name}
      onClose={onClose}
      extra={manage && p ? <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button> : null}
    >
      {p && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('maintenance.project')}>{p.projectName}</Descriptions.Item>
            <Descriptions.Item label={t('maintenance.customer')}>{p.customerName}</Descriptions.Item>
            <Descriptions.Item label={t('maintenance.period')}>
              {p.startsOn} – {p.endsOn ?? t('maintenance.openEnded')}
            </Descriptions.Item>
            <Descriptions.Item label={t('maintenance.mode')}>
              {t(`maintenance.modes.${p.mode}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('maintenance.preferredWeekday')}>
              {p.preferredWeekday
                ? t(`maintenance.weekdays.${p.preferredWeekday}`)
                : t('maintenance.anyWeekday')}
            </Descriptions.Item>
            {p.windowStart && (
              <Descriptions.Item label={t('maintenance.window')}>
                {p.windowStart} – {p.windowEnd}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('maintenance.active')}>
              {p.active ? (
                <Tag color="green">{t('maintenance.active')}</Tag>
              ) : (
                <Tag>{t('maintenance.ended')}</Tag>
              )}
            </Descriptions.Item>
            {p.notes && <Descriptions.Item label={t('maintenance.notes')}>{p.notes}</Descriptions.Item>}
          </Descriptions>
          <h3 style={{ marginTop: 16 }}>{t('maintenance.items')}</h3>
          <Table<TPlan['items'][number]>
            rowKey={(r) => `${r.assetId}:${r.templateId}`}
            size="small"
            pagination={false}
            dataSource={p.items}
            scroll={{ x: true }}
            columns={[
              { title: t('maintenance.equipment'), dataIndex: 'assetLabel' },
              { title: t('maintenance.templates'), dataIndex: 'templateName' },
              {
                title: t('maintenance.interval'),
                render: (_, r) => t('maintenance.months', { count: r.intervalMonths }),
              },
            ]}
          />
        </>
      )}
      {editing && p && <PlanFormModal plan={p} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}
