import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPerformanceRow } from '../../../../common/measures-api.ts';
import { usePerformance } from '../../features/analytics/measures-query.ts';
import { useOrganisationToday } from '../../features/parts/organisation-today.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * Staff performance (篇4 g.4, issue 19): per person and month, from the records — jobs, SLA met,
 * first-time fix, satisfaction, complaints upheld. The person sees their own; a manager everyone.
 */
export function PerformancePage() {
  const { t, i18n } = useTranslation();
  const today = useOrganisationToday();
  const [month, setMonth] = useState(today.slice(0, 7));
  const valid = MONTH.test(month);
  const perf = usePerformance(month, valid);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const rows = perf.data?.rows ?? [];
  return (
    <>
      <h1 className="page-title">{t('measures.perfTitle')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="performance-month">{t('measures.month')}</label>
        <Input
          id="performance-month"
          type="month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          style={{ width: 160 }}
          data-testid="performance-month"
        />
        <Button
          icon={<DownloadOutlined />}
          disabled={!valid}
          href={`/api/v1/analytics/performance/export?${new URLSearchParams({ month, lang })}`}
          data-testid="performance-export"
        >
          {t('measures.excel')}
        </Button>
      </Space>
      {!valid && <Alert type="warning" message={t('measures.invalidMonth')} style={{ marginBottom: 12 }} />}
      {perf.data && (
        <Typography.Paragraph type="secondary">
          {perf.data.view === 'own' ? t('measures.perfOwn') : t('measures.perfEveryone')}
        </Typography.Paragraph>
      )}
      <Table<TPerformanceRow>
        rowKey="userId"
        size="small"
        loading={perf.isFetching}
        dataSource={rows}
        scroll={{ x: true }}
        locale={{ emptyText: t('measures.perfEmpty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('measures.name'), dataIndex: 'name' },
          { title: t('measures.jobs'), dataIndex: 'jobs', align: 'right' },
          {
            title: t('measures.slaMet'),
            key: 'sla',
            align: 'right',
            render: (_: unknown, r) => `${r.slaMet}/${r.slaDecided} (${pct(r.slaPercent)})`,
          },
          {
            title: t('measures.firstFix'),
            key: 'ftf',
            align: 'right',
            render: (_: unknown, r) => `${r.firstFixed}/${r.firstFixEligible} (${pct(r.firstFixPercent)})`,
          },
          {
            title: t('measures.satisfied'),
            key: 'sat',
            align: 'right',
            render: (_: unknown, r) => `${r.satisfied}/${r.answers} (${pct(r.satisfactionPercent)})`,
          },
          { title: t('measures.complaints'), dataIndex: 'complaints', align: 'right' },
          { title: t('measures.complaintsUpheld'), dataIndex: 'complaintsUpheld', align: 'right' },
        ]}
      />
    </>
  );
}
