import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Drawer, Row, Space, Statistic, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  TQualityDashboard,
  TQualityDashboardTable,
  TQualityRecord,
} from '../../../../common/quality-dashboard-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { Chart } from '../../features/analytics/Chart.tsx';
import { PeriodInputs } from '../../features/analytics/PeriodInputs.tsx';
import { DAY, useOrganisationPeriod } from '../../features/role-dashboards/period.ts';
import {
  useQualityDashboard,
  useQualityRecords,
} from '../../features/role-dashboards/quality-dashboard-query.ts';

const LEVELS = ['month', 'quarter', 'year'] as const;
type Drill = { title: string; query: Record<string, string> };

/**
 * The quality engineer's dashboard (issue 19): open early warnings by level (month → quarter → year),
 * cases by state and age, the top recurring problems, improvement requests and training needs.
 * Every figure opens the alerts, cases or requests behind it.
 */
export function QualityDashboardPage() {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  const period = useOrganisationPeriod(2);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [drill, setDrill] = useState<Drill | null>(null);
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const query = useMemo(() => ({ from, to, granularity: 'month' }), [from, to]);
  const dashboard = useQualityDashboard(query, valid);
  const records = useQualityRecords(drill ? { from, to, ...drill.query, limit: '200' } : null);
  const d = dashboard.data;
  const open = (title: string, q: Record<string, string>) => setDrill({ title, query: q });
  const level = (l: string) => t(`quality.alerts.levels.${l}`);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const excel = (table: TQualityDashboardTable) => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      href={`/api/v1/quality/dashboard/export?${new URLSearchParams({ from, to, table, lang })}`}
      data-testid={`quality-export-${table}`}
    >
      {t('common.exportExcel')}
    </Button>
  );

  const trendOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: d?.alertTrend.map((p) => p.key) ?? [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: LEVELS.map((l) => ({
        name: t(`quality.alerts.levels.${l}`),
        type: 'bar',
        stack: 'alerts',
        data: d?.alertTrend.map((p) => p[l]) ?? [],
      })),
    }),
    [d, t],
  );
  const ageOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 16, bottom: 32 },
      xAxis: {
        type: 'category',
        data: d?.openCaseAge.map((a) => t(`roleDashboards.quality.ages.${a.bucket}`)) ?? [],
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('roleDashboards.quality.openCases'),
          data: d?.openCaseAge.map((a) => a.count) ?? [],
        },
      ],
    }),
    [d, t],
  );
  const figure = (label: string, value: number, q: Record<string, string>, testId?: string) => (
    <Col xs={12} md={8} lg={4}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Statistic title={label} value={value} />
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          data-testid={testId}
          onClick={() => open(label, q)}
        >
          {t('roleDashboards.showRecords')}
        </Button>
      </Card>
    </Col>
  );
  const follow = (key: 'improvements' | 'trainingNeeds', prefix: string) => {
    const f = d?.[key];
    const link = (state: 'raised' | 'closed' | 'open') => (
      <Button
        type="link"
        size="small"
        onClick={() =>
          open(`${t(`roleDashboards.quality.${key}`)} · ${t(`roleDashboards.quality.${state}`)}`, {
            figure: `${prefix}_${state}`,
          })
        }
      >
        {f?.[state] ?? 0}
      </Button>
    );
    return {
      key,
      label: t(`roleDashboards.quality.${key}`),
      raised: link('raised'),
      closed: link('closed'),
      open: link('open'),
    };
  };
  const isEmpty =
    d !== undefined &&
    d.alertTrend.length === 0 &&
    d.cases.openedInPeriod === 0 &&
    d.cases.closedInPeriod === 0;

  return (
    <>
      <h1 className="page-title">{t('roleDashboards.quality.title')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <PeriodInputs from={from} to={to} onFrom={setFrom} onTo={setTo} />
      </Space>
      {!valid && <Alert type="warning" message={t('analytics.invalidPeriod')} style={{ marginBottom: 12 }} />}
      {dashboard.isError && (
        <Alert type="error" message={dashboard.error.message} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">{t('roleDashboards.quality.definition')}</Typography.Paragraph>
      {isEmpty && (
        <Alert
          type="info"
          message={t('roleDashboards.quality.empty')}
          style={{ marginBottom: 12 }}
          data-testid="quality-dashboard-empty"
        />
      )}
      <Row gutter={12}>
        {LEVELS.map((l) => (
          <span key={l} style={{ display: 'contents' }}>
            {figure(`${t('roleDashboards.quality.openAlerts')} · ${level(l)}`, d?.openAlerts[l] ?? 0, {
              figure: 'open_alerts',
              level: l,
            })}
          </span>
        ))}
        {figure(t('roleDashboards.quality.openCases'), d?.cases.open ?? 0, { figure: 'open_cases' })}
        {figure(t('roleDashboards.quality.openedCases'), d?.cases.openedInPeriod ?? 0, {
          figure: 'opened_cases',
        })}
        {figure(t('roleDashboards.quality.closedCases'), d?.cases.closedInPeriod ?? 0, {
          figure: 'closed_cases',
        })}
      </Row>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.quality.alertTrend')} />}
            extra={excel('alertTrend')}
            style={{ marginBottom: 12 }}
          >
            <Chart
              label={t('roleDashboards.quality.alertTrend')}
              option={trendOption}
              onClick={() => open(t('roleDashboards.quality.alertTrend'), { figure: 'raised_alerts' })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.quality.caseAge')} />}
            style={{ marginBottom: 12 }}
          >
            <Chart
              label={t('roleDashboards.quality.caseAge')}
              option={ageOption}
              onClick={(i) => {
                const a = d?.openCaseAge[i];
                if (a)
                  open(t(`roleDashboards.quality.ages.${a.bucket}`), {
                    figure: 'open_cases',
                    bucket: a.bucket,
                  });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.quality.topProblems')} />}
            extra={excel('topProblems')}
            style={{ marginBottom: 12 }}
          >
            <Table<TQualityDashboard['topProblems'][number]>
              rowKey={(p) => `${p.groupKind}:${p.groupName}:${p.faultCategory}`}
              size="small"
              scroll={{ x: 600 }}
              pagination={false}
              dataSource={d?.topProblems ?? []}
              columns={[
                {
                  title: t('quality.alerts.group'),
                  render: (_, p) => `${p.groupName} · ${t(`quality.alerts.groupKinds.${p.groupKind}`)}`,
                },
                {
                  title: t('quality.alerts.faultCategory'),
                  render: (_, p) => p.faultCategory || t('quality.alerts.unclassified'),
                },
                { title: t('roleDashboards.quality.alerts'), dataIndex: 'alerts', align: 'right' },
                { title: t('quality.alerts.count'), dataIndex: 'failures', align: 'right' },
                { title: t('quality.alerts.level'), render: (_, p) => level(p.highestLevel) },
                {
                  title: t('roleDashboards.showRecords'),
                  render: (_, p) => (
                    <Button
                      size="small"
                      onClick={() =>
                        open(p.groupName, {
                          figure: 'problem',
                          groupName: p.groupName,
                          faultCategory: p.faultCategory,
                        })
                      }
                    >
                      {t('roleDashboards.showRecords')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.quality.followThrough')} />}
            style={{ marginBottom: 12 }}
          >
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={[follow('improvements', 'improvements'), follow('trainingNeeds', 'training')]}
              columns={[
                { title: '', dataIndex: 'label' },
                { title: t('roleDashboards.quality.raised'), dataIndex: 'raised', align: 'right' },
                { title: t('roleDashboards.quality.closed'), dataIndex: 'closed', align: 'right' },
                { title: t('roleDashboards.quality.open'), dataIndex: 'open', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        width={Math.min(900, typeof window === 'undefined' ? 900 : window.innerWidth)}
        title={drill?.title ?? ''}
      >
        <Table<TQualityRecord>
          rowKey="id"
          size="small"
          loading={records.isLoading}
          pagination={false}
          scroll={{ x: 700 }}
          data-testid="quality-dashboard-records"
          dataSource={records.data?.items ?? []}
          columns={[
            {
              title: t('roleDashboards.quality.record'),
              render: (_, r) =>
                r.caseId ? (
                  <Link to={`/console/quality/cases/${r.caseId}`}>{r.number}</Link>
                ) : (
                  <Link to="/console/quality">{r.number}</Link>
                ),
            },
            {
              title: t('roleDashboards.quality.kind'),
              render: (_, r) => t(`roleDashboards.quality.kinds.${r.kind}`),
            },
            { title: t('roleDashboards.quality.what'), dataIndex: 'title' },
            { title: t('roleDashboards.quality.at'), render: (_, r) => time.dateTime(r.at) },
          ]}
        />
      </Drawer>
    </>
  );
}

/** A card's title that wraps on a narrow screen instead of being cut. */
function Wrap({ text }: { text: string }) {
  return <span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{text}</span>;
}
