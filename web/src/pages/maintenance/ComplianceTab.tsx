import { DownloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLIANCE_GROUPS, type TComplianceRow } from '../../../../common/maintenance-tuning-api.ts';
import { useMaintenanceCompliance } from '../../features/maintenance/compliance-query.ts';
import { useProjects } from '../../features/registry/registry-query.ts';
import { useOrganisationPeriod } from '../../features/role-dashboards/period.ts';

/** Maintenance compliance: due, on time, late, missed and open visits by customer, project, engineer or month. */
export function ComplianceTab() {
  const { t, i18n } = useTranslation();
  // Months are the organisation's (after 16:00 UTC on a month's last day it is already the next one).
  const period = useOrganisationPeriod(5);
  const [from, setFrom] = useState(period.from.slice(0, 7));
  const [to, setTo] = useState(period.to.slice(0, 7));
  const [groupBy, setGroupBy] = useState<(typeof COMPLIANCE_GROUPS)[number]>('month');
  const [projectId, setProjectId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const projects = useProjects({ q: q || undefined });
  const query = { from, to, groupBy, projectId };
  const report = useMaintenanceCompliance(query);
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  const params = new URLSearchParams({
    from,
    to,
    groupBy,
    ...(projectId ? { projectId } : {}),
    lang: i18n.language === 'en' ? 'en' : 'zh-CN',
  });
  const label = (r: TComplianceRow) =>
    r.key === '' && groupBy === 'engineer' ? t('maintenanceInsight.unassigned') : r.label;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          aria-label={t('maintenanceInsight.from')}
          addonBefore={t('maintenanceInsight.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          style={{ width: 200 }}
          placeholder="2026-01"
        />
        <Input
          aria-label={t('maintenanceInsight.to')}
          addonBefore={t('maintenanceInsight.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          style={{ width: 200 }}
          placeholder="2026-12"
        />
        <Select
          aria-label={t('maintenanceInsight.groupBy')}
          value={groupBy}
          onChange={setGroupBy}
          style={{ width: 140 }}
          options={COMPLIANCE_GROUPS.map((g) => ({ value: g, label: t(`maintenanceInsight.groups.${g}`) }))}
        />
        <Select
          aria-label={t('maintenanceInsight.project')}
          allowClear
          showSearch
          filterOption={false}
          onSearch={setQ}
          placeholder={t('maintenanceInsight.allProjects')}
          value={projectId}
          onChange={setProjectId}
          style={{ width: 240 }}
          options={projects.items.map((p) => ({ value: p.id, label: `${p.name}（${p.customerName}）` }))}
        />
        <Button
          icon={<DownloadOutlined />}
          data-testid="compliance-export"
          disabled={!valid}
          href={`/api/v1/maintenance/compliance/export?${params}`}
        >
          {t('common.exportExcel')}
        </Button>
      </Space>
      <Table<TComplianceRow>
        rowKey="key"
        data-testid="compliance-table"
        size="small"
        loading={report.isLoading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={valid ? (report.data?.rows ?? []) : []}
        columns={[
          {
            title: t(`maintenanceInsight.groups.${groupBy}`),
            render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{label(r)}</span>,
          },
          { title: t('maintenanceInsight.due'), dataIndex: 'due', align: 'right' },
          { title: t('maintenanceInsight.onTime'), dataIndex: 'onTime', align: 'right' },
          { title: t('maintenanceInsight.late'), dataIndex: 'late', align: 'right' },
          { title: t('maintenanceInsight.missed'), dataIndex: 'missed', align: 'right' },
          { title: t('maintenanceInsight.open'), dataIndex: 'open', align: 'right' },
          {
            title: t('maintenanceInsight.onTimeRate'),
            align: 'right',
            render: (_, r) => (r.onTimeRate === null ? '—' : `${Math.round(r.onTimeRate * 1000) / 10}%`),
          },
        ]}
        summary={() =>
          report.data && valid ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('maintenanceInsight.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {report.data.total.due}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {report.data.total.onTime}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {report.data.total.late}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {report.data.total.missed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {report.data.total.open}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {report.data.total.onTimeRate === null
                  ? '—'
                  : `${Math.round(report.data.total.onTimeRate * 1000) / 10}%`}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
