import { App, Button, Descriptions, Drawer, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan, TPlanVisit } from '../../../../common/maintenance-api.ts';
import { usePlanGenerate } from '../../features/maintenance/plan-generate-mutation.ts';
import { useMaintenancePlan } from '../../features/maintenance/plan-query.ts';
import { usePlanVisits } from '../../features/maintenance/plan-visits-query.ts';
import { PlanFormModal } from './PlanFormModal.tsx';

/** A plan: its schedule and each asset with the templates that apply to it, and their intervals. */
export function PlanDrawer({ id, manage, onClose }: { id: string; manage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plan = useMaintenancePlan(id);
  const visits = usePlanVisits(id);
  const generate = usePlanGenerate(id);
  const [editing, setEditing] = useState(false);
  const reasonText = (v: TPlanVisit) => {
    const r = v.reason;
    const base =
      r.mode === 'fixed'
        ? t('maintenance.reasonFixed', { count: r.intervalMonths, from: r.countedFrom })
        : t('maintenance.reasonFloating', { count: r.intervalMonths, from: r.countedFrom });
    return r.movedFrom ? `${base}；${t('maintenance.reasonMoved', { date: r.movedFrom })}` : base;
  };
  const p = plan.data;
  return (
    <Drawer
      open
      width={720}
      title={p?.name}
      onClose={onClose}
      extra={
        manage && p ? (
          <Space>
            <Button
              type="primary"
              loading={generate.isPending}
              onClick={() =>
                generate.mutate(undefined, {
                  onSuccess: (r) =>
                    void message.success(
                      t('maintenance.generated', {
                        created: r.visitsCreated,
                        changed: r.visitsChanged,
                        cancelled: r.visitsCancelled,
                      }),
                    ),
                  onError: (err) => void message.error(err.message),
                })
              }
            >
              {t('maintenance.generate')}
            </Button>
            <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
          </Space>
        ) : null
      }
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
          <h3 style={{ marginTop: 16 }}>{t('maintenance.visits')}</h3>
          <Table<TPlanVisit>
            rowKey={(r) => `${r.visitId}:${r.assetId}:${r.templateId}`}
            size="small"
            loading={visits.isLoading}
            dataSource={visits.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t('maintenance.noVisits')} /> }}
            columns={[
              { title: t('maintenance.dueOn'), dataIndex: 'dueOn' },
              {
                title: t('maintenance.workOrder'),
                render: (_, r) => (
                  <Space size={4}>
                    {r.workOrderNumber}
                    <Tag>{t(`field.statuses.${r.workOrderStatus}`)}</Tag>
                  </Space>
                ),
              },
              { title: t('maintenance.equipment'), dataIndex: 'assetLabel' },
              { title: t('maintenance.templates'), dataIndex: 'templateName' },
              { title: t('maintenance.reason'), render: (_, r) => reasonText(r) },
            ]}
          />
        </>
      )}
      {editing && p && <PlanFormModal plan={p} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}
