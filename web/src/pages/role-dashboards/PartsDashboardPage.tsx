import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ANALYTICS_GRANULARITIES, type TAnalyticsGranularity } from '../../../../common/analytics-api.ts';
import type {
  TConsumptionFigure,
  TConsumptionRecord,
  TPartChargeBasis,
  TPartsAnalysis,
  TTurnsFigure,
} from '../../../../common/parts-analysis-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { Chart } from '../../features/analytics/Chart.tsx';
import { PeriodInputs } from '../../features/analytics/PeriodInputs.tsx';
import { usePartsAnalysis } from '../../features/role-dashboards/parts-analysis-query.ts';
import { usePartsRecords } from '../../features/role-dashboards/parts-records-query.ts';
import { DAY, useOrganisationPeriod, yuan } from '../../features/role-dashboards/period.ts';

type FilterKey = 'partId' | 'projectId' | 'productId' | 'locationId';
type Filters = Partial<Record<FilterKey, { id: string; label: string }>>;
type Drill = {
  title: string;
  basis?: TPartChargeBasis;
  extra?: Partial<Record<FilterKey, string>>;
  range?: { from: string; to: string };
};

/** The local days of a trend point (`2026-11`, a week's Monday, a day), within the chosen period. */
function rangeOf(key: string, g: TAnalyticsGranularity, from: string, to: string) {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const start = key.length === 7 ? `${key}-01` : key;
  const d = new Date(`${start}T00:00:00Z`);
  if (g === 'month') d.setUTCMonth(d.getUTCMonth() + 1, 0);
  else if (g === 'week') d.setUTCDate(d.getUTCDate() + 6);
  const end = iso(d);
  return { from: start > from ? start : from, to: end < to ? end : to };
}

/**
 * The storekeeper's dashboard (issue 19): parts consumed and their cost, warranty cost vs charged,
 * stock turns, reorder alerts. Every figure drills down to the ledger lines; every table exports.
 */
export function PartsDashboardPage() {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  const period = useOrganisationPeriod(5);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [granularity, setGranularity] = useState<TAnalyticsGranularity>('month');
  const [filters, setFilters] = useState<Filters>({});
  const [drill, setDrill] = useState<Drill | null>(null);
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const query = useMemo(
    () => ({
      from,
      to,
      granularity,
      ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v.id])),
    }),
    [from, to, granularity, filters],
  );
  const dashboard = usePartsAnalysis(query, valid);
  const { granularity: _g, ...periodFilter } = query;
  const records = usePartsRecords(
    drill
      ? {
          ...periodFilter,
          ...drill.range,
          ...(drill.basis ? { basis: drill.basis } : {}),
          ...drill.extra,
          limit: '200',
        }
      : null,
  );
  const d = dashboard.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const exportHref = (table: string) =>
    `/api/v1/parts/analysis/export?${new URLSearchParams({ ...query, table, lang } as Record<string, string>)}`;
  const excel = (table: string) => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      href={exportHref(table)}
      data-testid={`parts-export-${table}`}
    >
      {t('common.exportExcel')}
    </Button>
  );
  const name = (f: { key: string | null; label: string }) =>
    f.key ? f.label || f.key : t('roleDashboards.parts.noEquipment');
  const pick = (key: FilterKey, f: { key: string | null; label: string }) => {
    if (f.key) setFilters((cur) => ({ ...cur, [key]: { id: f.key!, label: name(f) } }));
  };

  const trendOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 24, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: d?.trend.map((p) => p.key) ?? [] },
      yAxis: { type: 'value' },
      series: (['freeCostFen', 'chargedCostFen', 'unsettledCostFen'] as const).map((k) => ({
        name: t(`roleDashboards.parts.${k}`),
        type: 'bar',
        stack: 'cost',
        data: d?.trend.map((p) => p[k] / 100) ?? [],
      })),
    }),
    [d, t],
  );
  const turnsOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 140, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: d?.turns.byLocation.map((f) => f.label) ?? [] },
      series: [
        {
          type: 'bar',
          name: t('roleDashboards.parts.turns'),
          data: d?.turns.byLocation.map((f) => f.turns) ?? [],
        },
      ],
    }),
    [d, t],
  );

  const consumptionColumns = (title: string, filterKey: FilterKey) => [
    {
      title,
      key: 'group',
      render: (_: unknown, f: TConsumptionFigure) =>
        f.key ? (
          <Button
            type="link"
            size="small"
            onClick={() => pick(filterKey, f)}
            title={t('analytics.filterHere')}
          >
            {name(f)}
          </Button>
        ) : (
          name(f)
        ),
    },
    { title: t('roleDashboards.parts.quantity'), dataIndex: 'quantity', align: 'right' as const },
    {
      title: t('roleDashboards.parts.costFen'),
      key: 'cost',
      align: 'right' as const,
      render: (_: unknown, f: TConsumptionFigure) => yuan(f.costFen),
    },
    {
      title: t('roleDashboards.parts.freeCostFen'),
      key: 'free',
      align: 'right' as const,
      render: (_: unknown, f: TConsumptionFigure) => yuan(f.freeCostFen),
    },
    {
      title: t('roleDashboards.parts.chargedCostFen'),
      key: 'charged',
      align: 'right' as const,
      render: (_: unknown, f: TConsumptionFigure) => yuan(f.chargedCostFen),
    },
    {
      title: t('roleDashboards.parts.records'),
      key: 'drill',
      render: (_: unknown, f: TConsumptionFigure) =>
        f.key && filterKey !== 'locationId' ? (
          <Button size="small" onClick={() => setDrill({ title: name(f), extra: { [filterKey]: f.key! } })}>
            {t('roleDashboards.parts.showRecords')}
          </Button>
        ) : null,
    },
  ];
  const breakdown = (key: 'byPart' | 'byProject' | 'byProduct', filterKey: FilterKey) => (
    <Card
      size="small"
      title={<Wrap text={t(`roleDashboards.parts.${key}`)} />}
      extra={excel(key)}
      style={{ marginBottom: 12 }}
    >
      <Table<TConsumptionFigure>
        rowKey={(f) => f.key ?? 'none'}
        size="small"
        scroll={{ x: 600 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={d?.[key] ?? []}
        columns={consumptionColumns(t(`roleDashboards.parts.group.${key}`), filterKey)}
      />
    </Card>
  );
  const turnsColumns = (title: string, filterKey: FilterKey) => [
    {
      title,
      key: 'group',
      render: (_: unknown, f: TTurnsFigure) => (
        <Button type="link" size="small" onClick={() => pick(filterKey, f)} title={t('analytics.filterHere')}>
          {f.label}
          {f.kind ? ` · ${t(`roleDashboards.parts.kinds.${f.kind}`, { defaultValue: '' })}` : ''}
        </Button>
      ),
    },
    {
      title: t('roleDashboards.parts.consumedCost'),
      key: 'c',
      align: 'right' as const,
      render: (_: unknown, f: TTurnsFigure) => yuan(f.consumedCostFen),
    },
    {
      title: t('roleDashboards.parts.averageValue'),
      key: 'a',
      align: 'right' as const,
      render: (_: unknown, f: TTurnsFigure) => yuan(f.averageValueFen),
    },
    {
      title: t('roleDashboards.parts.turns'),
      key: 't',
      align: 'right' as const,
      render: (_: unknown, f: TTurnsFigure) => f.turns ?? '—',
    },
  ];
  const isEmpty = d !== undefined && d.total.quantity === 0 && d.byPart.length === 0;
  const stat = (label: string, value: string | number, basis?: TPartChargeBasis, testId?: string) => (
    <Col xs={12} md={8} lg={4}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Statistic title={label} value={value} />
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          data-testid={testId}
          onClick={() => setDrill({ title: label, ...(basis ? { basis } : {}) })}
        >
          {t('roleDashboards.parts.showRecords')}
        </Button>
      </Card>
    </Col>
  );

  return (
    <>
      <h1 className="page-title">{t('roleDashboards.parts.title')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <PeriodInputs from={from} to={to} onFrom={setFrom} onTo={setTo} testId="parts" />
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
        {(Object.entries(filters) as [FilterKey, { id: string; label: string }][]).map(([k, v]) => (
          <Tag key={k} closable onClose={() => setFilters(({ [k]: _drop, ...rest }) => rest)}>
            {t(`roleDashboards.parts.filterBy.${k}`)}: {v.label}
          </Tag>
        ))}
        {Object.keys(filters).length > 0 && (
          <Button size="small" onClick={() => setFilters({})}>
            {t('analytics.clearFilters')}
          </Button>
        )}
      </Space>
      {!valid && <Alert type="warning" message={t('analytics.invalidPeriod')} style={{ marginBottom: 12 }} />}
      {dashboard.isError && (
        <Alert type="error" message={dashboard.error.message} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">{t('roleDashboards.parts.definition')}</Typography.Paragraph>
      {isEmpty && (
        <Alert
          type="info"
          message={t('roleDashboards.parts.empty')}
          style={{ marginBottom: 12 }}
          data-testid="parts-empty"
        />
      )}
      {d && d.uncostedQuantity > 0 && (
        <Alert
          type="warning"
          message={t('roleDashboards.parts.uncosted', { n: d.uncostedQuantity })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={12}>
        {stat(t('roleDashboards.parts.costFen'), yuan(d?.total.costFen ?? 0), undefined, 'parts-total-cost')}
        {stat(
          t('roleDashboards.parts.freeCostFen'),
          yuan(d?.total.freeCostFen ?? 0),
          'free',
          'parts-total-free',
        )}
        {stat(t('roleDashboards.parts.chargedCostFen'), yuan(d?.total.chargedCostFen ?? 0), 'charged')}
        {stat(t('roleDashboards.parts.unsettledCostFen'), yuan(d?.total.unsettledCostFen ?? 0), 'unsettled')}
        <Col xs={12} md={8} lg={4}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Statistic title={t('roleDashboards.parts.turns')} value={d?.turns.total.turns ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Statistic title={t('roleDashboards.parts.reorderAlerts')} value={d?.reorderAlerts.length ?? 0} />
            <Link to="/console/replenishment">{t('roleDashboards.parts.openReplenishment')}</Link>
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={<Wrap text={t('roleDashboards.parts.trend')} />}
        extra={excel('trend')}
        style={{ marginBottom: 12 }}
      >
        <Chart
          label={t('roleDashboards.parts.trend')}
          option={trendOption}
          onClick={(i) => {
            const p = d?.trend[i];
            if (p?.key) setDrill({ title: p.key, range: rangeOf(p.key, granularity, from, to) });
          }}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          {breakdown('byPart', 'partId')}
        </Col>
        <Col xs={24} lg={12}>
          {breakdown('byProject', 'projectId')}
        </Col>
        <Col xs={24} lg={12}>
          {breakdown('byProduct', 'productId')}
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.parts.turnsByLocation')} />}
            extra={excel('turnsByLocation')}
            style={{ marginBottom: 12 }}
          >
            <Chart
              label={t('roleDashboards.parts.turnsByLocation')}
              option={turnsOption}
              height={Math.max(160, (d?.turns.byLocation.length ?? 0) * 32 + 40)}
            />
            <Table<TTurnsFigure>
              rowKey="key"
              size="small"
              scroll={{ x: 500 }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={d?.turns.byLocation ?? []}
              columns={turnsColumns(t('roleDashboards.parts.location'), 'locationId')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.parts.turnsByPart')} />}
            extra={excel('turnsByPart')}
            style={{ marginBottom: 12 }}
          >
            <Table<TTurnsFigure>
              rowKey="key"
              size="small"
              scroll={{ x: 500 }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={d?.turns.byPart ?? []}
              columns={turnsColumns(t('roleDashboards.parts.part'), 'partId')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.parts.reorderAlerts')} />}
            extra={excel('reorderAlerts')}
            style={{ marginBottom: 12 }}
          >
            <Table<TPartsAnalysis['reorderAlerts'][number]>
              rowKey="id"
              size="small"
              scroll={{ x: 500 }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={d?.reorderAlerts ?? []}
              columns={[
                {
                  title: t('roleDashboards.parts.part'),
                  render: (_, a) => (
                    <Link to={`/console/parts/${a.partId}`}>{`${a.partNumber} ${a.partName}`}</Link>
                  ),
                },
                { title: t('roleDashboards.parts.location'), dataIndex: 'locationName' },
                { title: t('roleDashboards.parts.available'), dataIndex: 'available', align: 'right' },
                { title: t('roleDashboards.parts.reorderPoint'), dataIndex: 'reorderPoint', align: 'right' },
                {
                  title: t('roleDashboards.parts.suggested'),
                  dataIndex: 'suggestedQuantity',
                  align: 'right',
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        width={Math.min(1000, typeof window === 'undefined' ? 1000 : window.innerWidth)}
        title={drill ? `${t('roleDashboards.parts.records')} · ${drill.title}` : ''}
      >
        <Typography.Paragraph type="secondary">
          {t('analytics.records.total', { n: records.data?.total ?? 0 })}
        </Typography.Paragraph>
        <Table<TConsumptionRecord>
          rowKey="id"
          size="small"
          loading={records.isLoading}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="parts-records"
          dataSource={records.data?.items ?? []}
          columns={[
            { title: t('roleDashboards.parts.at'), render: (_, r) => time.dateTime(r.at) },
            {
              title: t('roleDashboards.parts.part'),
              render: (_, r) => (
                <Link to={`/console/parts/${r.partId}`}>{`${r.partNumber} ${r.partName}`}</Link>
              ),
            },
            { title: t('roleDashboards.parts.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('roleDashboards.parts.costFen'), render: (_, r) => yuan(r.valueFen), align: 'right' },
            {
              title: t('roleDashboards.parts.basis'),
              render: (_, r) => t(`roleDashboards.parts.bases.${r.basis}`),
            },
            { title: t('roleDashboards.parts.location'), render: (_, r) => r.locationName ?? '—' },
            {
              title: t('roleDashboards.parts.work'),
              render: (_, r) =>
                r.ticketId ? (
                  <Link to={`/console/tickets/${r.ticketId}`}>
                    {r.workOrderRef ?? t('roleDashboards.parts.ticket')}
                  </Link>
                ) : (
                  (r.workOrderRef ?? '—')
                ),
            },
            { title: t('roleDashboards.parts.group.byProject'), render: (_, r) => r.projectName ?? '—' },
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
