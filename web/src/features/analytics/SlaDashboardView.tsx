import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Drawer, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ANALYTICS_GRANULARITIES,
  type TAnalyticsGranularity,
  type TRestoreFigure,
  type TSlaDashboard,
  type TSlaFigure,
  type TSlaRecord,
} from '../../../../common/analytics-api.ts';
import { STAFF_ROLES } from '../../../../common/roles.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { DAY, useOrganisationPeriod } from '../role-dashboards/period.ts';
import { Chart } from './Chart.tsx';
import { MeasuresView } from './MeasuresView.tsx';
import { OpenWorkByRegion } from './OpenWorkByRegion.tsx';
import { OverviewCards } from './OverviewCards.tsx';
import { PeriodInputs } from './PeriodInputs.tsx';
import { useAnalyticsRefresh } from './refresh-mutation.ts';
import { useSlaDashboard } from './sla-dashboard-query.ts';
import { useSlaRecords } from './sla-records-query.ts';

/** The tables that may list only a breakdown's largest groups (the stages are always whole). */
type CutTable = Exclude<keyof TSlaDashboard['groupCounts'], 'byMetric'>;
type FilterKey = 'customerId' | 'projectId' | 'productId' | 'engineerId';
type Filters = Partial<Record<FilterKey, { id: string; label: string }>>;

const barOption = (rows: { label: string; value: number | null }[], unit: string): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 140, right: 24, top: 16, bottom: 24 },
  xAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
  yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true },
  series: [{ type: 'bar', data: rows.map((r) => r.value) }],
});

/**
 * The SLA dashboard: compliance trend against the target line, the breakdowns (each a chart and its
 * table with an Excel button), MTTR; clicking a figure filters on it or lists the breached records.
 * `portal`: the customer's own figures (no customer breakdown, no refresh, tickets open in the portal).
 */
export function SlaDashboardView({ portal = false }: { portal?: boolean }) {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  // Days are the organisation's: after 16:00 UTC the UTC date is still yesterday in Shanghai.
  const period = useOrganisationPeriod(5);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [granularity, setGranularity] = useState<TAnalyticsGranularity>('month');
  const [team, setTeam] = useState<string | undefined>();
  const [filters, setFilters] = useState<Filters>({});
  const [drill, setDrill] = useState<{ metric?: string; title: string } | null>(null);
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const query = useMemo(
    () => ({
      from,
      to,
      granularity,
      ...(team ? { team } : {}),
      ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v.id])),
    }),
    [from, to, granularity, team, filters],
  );
  const dashboard = useSlaDashboard(query, valid);
  const refresh = useAnalyticsRefresh();
  const { granularity: _g, ...periodFilter } = query;
  // The measures take the same period and filters.
  const measureQuery = periodFilter as Record<string, string>;
  const records = useSlaRecords(
    drill
      ? {
          ...periodFilter,
          ...(drill.metric ? { metric: drill.metric } : {}),
          outcome: 'breached',
          limit: '200',
        }
      : null,
  );
  const d = dashboard.data;
  const target = d?.targetPercent ?? 95;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const exportHref = (table: string) =>
    `/api/v1/analytics/sla/export?${new URLSearchParams({ ...query, table, lang } as Record<string, string>)}`;
  const metricName = (key: string | null) =>
    key ? t(`sla.metrics.${key}`, { defaultValue: key }) : t('analytics.none');
  const teamName = (key: string | null) =>
    key ? t(`roles.${key}`, { defaultValue: key }) : t('analytics.none');
  const name = (f: { key: string | null; label: string }) => (f.key ? f.label || f.key : t('analytics.none'));
  const addFilter = (key: FilterKey, f: { key: string | null; label: string }) => {
    if (f.key) setFilters((cur) => ({ ...cur, [key]: { id: f.key!, label: name(f) } }));
  };

  const slaColumns = (title: string, label: (f: TSlaFigure) => string, onPick?: (f: TSlaFigure) => void) => [
    {
      title,
      key: 'group',
      render: (_: unknown, f: TSlaFigure) =>
        onPick && f.key ? (
          <Button type="link" size="small" onClick={() => onPick(f)} title={t('analytics.filterHere')}>
            {label(f)}
          </Button>
        ) : (
          label(f)
        ),
    },
    { title: t('analytics.decided'), dataIndex: 'decided', align: 'right' as const },
    { title: t('analytics.met'), dataIndex: 'met', align: 'right' as const },
    { title: t('analytics.breached'), dataIndex: 'breached', align: 'right' as const },
    {
      title: t('analytics.compliance'),
      key: 'rate',
      align: 'right' as const,
      render: (_: unknown, f: TSlaFigure) =>
        f.compliancePercent === null ? (
          '—'
        ) : (
          <Tag color={f.compliancePercent >= target ? 'green' : 'orange'}>{f.compliancePercent}%</Tag>
        ),
    },
    { title: t('analytics.breachMinutes'), dataIndex: 'breachMinutes', align: 'right' as const },
  ];

  const trendOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: d?.trend.map((p) => p.key) ?? [] },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('analytics.compliance'),
          type: 'line',
          data: d?.trend.map((p) => p.compliancePercent) ?? [],
          markLine: {
            symbol: 'none',
            data: [{ yAxis: target, name: t('analytics.target', { target }) }],
            label: { formatter: t('analytics.target', { target }) },
            lineStyle: { color: '#d46b08', type: 'dashed' },
          },
        },
      ],
    }),
    [d, target, t],
  );
  const metricOption = useMemo(
    () =>
      barOption(
        (d?.byMetric ?? []).map((f) => ({
          label: f.key ? t(`sla.metrics.${f.key}`, { defaultValue: f.key }) : t('analytics.none'),
          value: f.compliancePercent,
        })),
        '%',
      ),
    [d, t],
  );
  const mttrOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: d?.restore.trend.map((p) => p.key) ?? [] },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('analytics.mttrMinutes'),
          type: 'bar',
          data: d?.restore.trend.map((p) => p.mttrMinutes) ?? [],
        },
      ],
    }),
    [d, t],
  );

  const isEmpty = d !== undefined && d.total.decided === 0 && d.restore.total.restored === 0;
  const excel = (table: string) => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      href={exportHref(table)}
      data-testid={`analytics-export-${table}`}
    >
      {t('common.exportExcel')}
    </Button>
  );
  // Under a table that lists only a breakdown's largest groups: how many it has in all.
  const cutNote = (table: CutTable, shown: number) => {
    const total = d?.groupCounts[table] ?? 0;
    if (total <= shown) return null;
    return (
      <Typography.Paragraph
        type="secondary"
        style={{ margin: '8px 0 0' }}
        data-testid={`analytics-cut-${table}`}
      >
        {t(`analytics.topGroups.${table.startsWith('restore') ? 'restore' : 'sla'}`, {
          shown,
          total: total.toLocaleString(lang),
          what: t(`analytics.groupNouns.${table}`),
        })}
      </Typography.Paragraph>
    );
  };
  const slaCard = (
    key: 'byMetric' | 'byTeam' | 'byEngineer' | 'byCustomer' | 'byProject',
    title: string,
    label: (f: TSlaFigure) => string,
    onPick?: (f: TSlaFigure) => void,
  ) => (
    <Card size="small" title={<CardTitle text={title} />} extra={excel(key)} style={{ marginBottom: 12 }}>
      <Table<TSlaFigure>
        rowKey={(f) => f.key ?? 'none'}
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={d?.[key] ?? []}
        columns={slaColumns(title, label, onPick)}
      />
      {key !== 'byMetric' && cutNote(key, d?.[key].length ?? 0)}
    </Card>
  );
  const restoreColumns = (title: string, onPick?: (f: TRestoreFigure) => void) => [
    {
      title,
      key: 'group',
      render: (_: unknown, f: TRestoreFigure) =>
        onPick && f.key ? (
          <Button type="link" size="small" onClick={() => onPick(f)} title={t('analytics.filterHere')}>
            {name(f)}
          </Button>
        ) : (
          name(f)
        ),
    },
    { title: t('analytics.restored'), dataIndex: 'restored', align: 'right' as const },
    {
      title: t('analytics.mttrMinutes'),
      key: 'mttr',
      align: 'right' as const,
      render: (_: unknown, f: TRestoreFigure) => f.mttrMinutes ?? '—',
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <PeriodInputs
          from={from}
          to={to}
          onFrom={setFrom}
          onTo={setTo}
          testId="analytics"
          placeholders={['2026-01-01', '2026-12-31']}
        />
        <Select
          aria-label={t('analytics.granularity')}
          value={granularity}
          onChange={setGranularity}
          style={{ width: 120 }}
          options={ANALYTICS_GRANULARITIES.map((g) => ({
            value: g,
            label: t(`analytics.granularities.${g}`),
          }))}
        />
        <Select
          aria-label={t('analytics.team')}
          allowClear
          placeholder={t('analytics.allTeams')}
          value={team}
          onChange={setTeam}
          style={{ width: 180 }}
          data-testid="analytics-team"
          options={STAFF_ROLES.filter((r) => r !== 'admin').map((r) => ({
            value: r,
            label: t(`roles.${r}`),
          }))}
        />
        {(Object.entries(filters) as [FilterKey, { id: string; label: string }][]).map(([k, v]) => (
          <Tag
            key={k}
            closable
            onClose={() => setFilters(({ [k]: _drop, ...rest }) => rest)}
            data-testid={`analytics-filter-${k}`}
          >
            {t(`analytics.filterBy.${k}`)}: {v.label}
          </Tag>
        ))}
        {Object.keys(filters).length > 0 && (
          <Button size="small" onClick={() => setFilters({})}>
            {t('analytics.clearFilters')}
          </Button>
        )}
        {!portal && (
          <Button icon={<ReloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()}>
            {t('analytics.refresh')}
          </Button>
        )}
      </Space>
      {!valid && <Alert type="warning" message={t('analytics.invalidPeriod')} style={{ marginBottom: 12 }} />}
      {dashboard.isError && (
        <Alert type="error" message={dashboard.error.message} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">
        {t('analytics.definition')}{' '}
        {d &&
          (d.refreshedAt
            ? t('analytics.refreshedAt', { at: time.dateTime(d.refreshedAt) })
            : t('analytics.notRefreshed'))}
      </Typography.Paragraph>
      {isEmpty && (
        <Alert
          type="info"
          message={t('analytics.empty')}
          style={{ marginBottom: 12 }}
          data-testid="analytics-empty"
        />
      )}
      {!portal && <OverviewCards from={from} to={to} enabled={valid} />}
      <MeasuresView query={measureQuery} enabled={valid} portal={portal} />
      <OpenWorkByRegion
        filter={{ customerId: filters.customerId?.id, projectId: filters.projectId?.id }}
        portal={portal}
      />
      <Row gutter={12}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={<CardTitle text={`${t('analytics.trendTitle')} · ${t('analytics.target', { target })}`} />}
            extra={excel('trend')}
            style={{ marginBottom: 12 }}
          >
            <Chart label={t('analytics.trendTitle')} option={trendOption} />
            <Table<TSlaFigure>
              rowKey={(f) => f.key ?? 'none'}
              size="small"
              pagination={false}
              dataSource={d?.trend ?? []}
              columns={slaColumns(t('analytics.period'), (f) => f.key ?? '')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={t('analytics.total')}
            style={{ marginBottom: 12 }}
            data-testid="analytics-total"
          >
            {/* A figure, not a heading: its own line height (a heading's clipped the dash of an empty period). */}
            <div
              style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.4 }}
              data-testid="analytics-total-figure"
            >
              {d?.total.compliancePercent ?? '—'}
              {d?.total.compliancePercent != null ? '%' : ''}
            </div>
            <Typography.Text type="secondary">
              {t('analytics.decided')} {d?.total.decided ?? 0} · {t('analytics.breached')}{' '}
              {d?.total.breached ?? 0} · {t('analytics.breachMinutes')} {d?.total.breachMinutes ?? 0}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Button
                size="small"
                onClick={() => setDrill({ title: t('analytics.breachedRecords') })}
                data-testid="analytics-drill-all"
              >
                {t('analytics.showBreached')}
              </Button>
            </div>
          </Card>
          <Card size="small" title={t('analytics.mttrTitle')} style={{ marginBottom: 12 }}>
            <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.4 }}>
              {d?.restore.total.mttrMinutes ?? '—'}
            </div>
            <Typography.Text type="secondary">
              {t('analytics.mttrMinutes')} · {t('analytics.restored')} {d?.restore.total.restored ?? 0}
            </Typography.Text>
            <Chart label={t('analytics.mttrTitle')} option={mttrOption} height={160} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={<CardTitle text={t('analytics.byMetric')} />}
        extra={excel('byMetric')}
        style={{ marginBottom: 12 }}
      >
        <Chart
          label={t('analytics.byMetric')}
          option={metricOption}
          height={Math.max(160, (d?.byMetric.length ?? 0) * 32 + 40)}
          onClick={(i) => {
            const f = d?.byMetric[i];
            if (f) setDrill({ metric: f.key ?? undefined, title: metricName(f.key) });
          }}
        />
        <Table<TSlaFigure>
          rowKey={(f) => f.key ?? 'none'}
          size="small"
          pagination={false}
          dataSource={d?.byMetric ?? []}
          columns={[
            ...slaColumns(t('analytics.stage'), (f) => metricName(f.key)),
            {
              title: t('analytics.breachedRecords'),
              key: 'drill',
              render: (_: unknown, f: TSlaFigure) =>
                f.breached > 0 ? (
                  <Button
                    size="small"
                    data-testid={`analytics-drill-${f.key}`}
                    onClick={() => setDrill({ metric: f.key ?? undefined, title: metricName(f.key) })}
                  >
                    {t('analytics.showBreached')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          {slaCard('byTeam', t('analytics.byTeam'), (f) => teamName(f.key))}
        </Col>
        <Col xs={24} lg={12}>
          {slaCard('byEngineer', t('analytics.byEngineer'), name, (f) => addFilter('engineerId', f))}
        </Col>
        {!portal && (
          <Col xs={24} lg={12}>
            {slaCard('byCustomer', t('analytics.byCustomer'), name, (f) => addFilter('customerId', f))}
          </Col>
        )}
        <Col xs={24} lg={12}>
          {slaCard('byProject', t('analytics.byProject'), name, (f) => addFilter('projectId', f))}
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<CardTitle text={t('analytics.mttrByProduct')} />}
            extra={excel('restoreByProduct')}
            style={{ marginBottom: 12 }}
          >
            <Table<TRestoreFigure>
              rowKey={(f) => f.key ?? 'none'}
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={d?.restore.byProduct ?? []}
              columns={restoreColumns(t('analytics.product'), (f) => addFilter('productId', f))}
            />
            {cutNote('restoreByProduct', d?.restore.byProduct.length ?? 0)}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<CardTitle text={t('analytics.mttrByProject')} />}
            extra={excel('restoreByProject')}
            style={{ marginBottom: 12 }}
          >
            <Table<TRestoreFigure>
              rowKey={(f) => f.key ?? 'none'}
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={d?.restore.byProject ?? []}
              columns={restoreColumns(t('analytics.project'), (f) => addFilter('projectId', f))}
            />
            {cutNote('restoreByProject', d?.restore.byProject.length ?? 0)}
          </Card>
        </Col>
      </Row>
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        width={Math.min(1000, typeof window === 'undefined' ? 1000 : window.innerWidth)}
        title={drill ? `${t('analytics.records.title')} · ${drill.title}` : ''}
      >
        <Typography.Paragraph type="secondary">
          {t('analytics.records.total', { n: records.data?.total ?? 0 })}
        </Typography.Paragraph>
        <Table<TSlaRecord>
          rowKey={(r) => `${r.ticketId}:${r.metric}`}
          size="small"
          loading={records.isLoading}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="analytics-records"
          dataSource={records.data?.items ?? []}
          columns={[
            {
              title: t('analytics.records.ticket'),
              render: (_, r) => (
                <Link to={portal ? `/portal/tickets/${r.ticketId}` : `/console/tickets/${r.ticketId}`}>
                  {r.ticketNumber}
                </Link>
              ),
            },
            { title: t('analytics.records.subject'), dataIndex: 'subject' },
            ...(portal ? [] : [{ title: t('analytics.records.customer'), dataIndex: 'customerName' }]),
            { title: t('analytics.records.stage'), render: (_, r) => metricName(r.metric) },
            { title: t('analytics.records.dueAt'), render: (_, r) => time.dateTime(r.dueAt) },
            {
              title: t('analytics.records.metAt'),
              render: (_, r) => (r.metAt ? time.dateTime(r.metAt) : t('analytics.records.open')),
            },
            { title: t('analytics.records.minutes'), dataIndex: 'breachMinutes', align: 'right' },
          ]}
        />
      </Drawer>
    </>
  );
}

/** A card's title that wraps on a narrow screen instead of being cut (its Excel button beside it). */
function CardTitle({ text }: { text: string }) {
  return <span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{text}</span>;
}
