import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTemplate } from '../../../../common/maintenance-api.ts';
import { useMaintenanceTemplates } from '../../features/maintenance/templates-query.ts';
import { TemplateFormModal } from './TemplateFormModal.tsx';

export function TemplatesTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const templates = useMaintenanceTemplates();
  const [editing, setEditing] = useState<TTemplate | 'new' | null>(null);
  return (
    <>
      {manage && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('maintenance.newTemplate')}
          </Button>
        </Space>
      )}
      <Table<TTemplate>
        rowKey="id"
        size="small"
        loading={templates.isLoading}
        dataSource={templates.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('maintenance.name'), dataIndex: 'name' },
          { title: t('maintenance.cycle'), render: (_, r) => t(`maintenance.cycles.${r.cycle}`) },
          { title: t('maintenance.category'), render: (_, r) => r.category ?? t('maintenance.anyCategory') },
          {
            title: t('maintenance.sizeClass'),
            render: (_, r) => (r.sizeClass ? t(`sizeClasses.${r.sizeClass}`) : t('maintenance.anySize')),
          },
          {
            title: t('maintenance.interval'),
            render: (_, r) =>
              r.effectiveIntervalMonths === null
                ? t('maintenance.bySize')
                : t('maintenance.months', { count: r.effectiveIntervalMonths }),
          },
          {
            title: t('maintenance.checklist'),
            render: (_, r) => t('maintenance.itemCount', { count: r.checklist.length }),
          },
          {
            title: t('maintenance.active'),
            render: (_, r) =>
              r.active ? (
                <Tag color="green">{t('maintenance.active')}</Tag>
              ) : (
                <Tag>{t('maintenance.ended')}</Tag>
              ),
          },
          ...(manage
            ? [
                {
                  title: '',
                  key: 'edit',
                  render: (_: unknown, r: TTemplate) => (
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <TemplateFormModal template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
