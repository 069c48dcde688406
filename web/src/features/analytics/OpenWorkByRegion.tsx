import { Button, Card, Drawer, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TOpenWorkRecord, TOpenWorkRegion } from '../../../../common/analytics-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { Chart } from './Chart.tsx';
import { useOpenWork } from './open-work-query.ts';
import { useOpenWorkRecords } from './open-work-records-query.ts';

/**
 * Open work by region (issue 19): open tickets and work orders now, per region (the project's, else the
 * customer's) as a stacked bar chart, the sites with coordinates as a scatter on longitude × latitude
 * (no map data is fetched), and the table — the accessible form of both — whose rows open the records.
 * Takes the dashboard's customer and project filter; the server scopes a customer user to its own.
 */
export function OpenWorkByRegion({
  filter,
  portal,
}: {
  filter: { customerId?: string | undefined; projectId?: string | undefined };
  portal: boolean;
}) {
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const query = useMemo(
    () => ({
      ...(filter.customerId ? { customerId: filter.customerId } : {}),
      ...(filter.projectId ? { projectId: filter.projectId } : {}),
    }),
    [filter.customerId, filter.projectId],
  );
  const work = useOpenWork(query);
  const [drill, setDrill] = useState<TOpenWorkRegion | null>(null);
  const records = useOpenWorkRecords(
    drill ? { ...query, ...(drill.region ? { region: drill.region } : {}), limit: '200' } : null,
  );
  const regions = useMemo(() => work.data?.regions ?? [], [work.data]);
  const regionName = (r: TOpenWorkRegion) => r.region ?? t('analytics.openWork.noRegion');
  const barOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 100, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: regions.map((r) => r.region ?? t('analytics.openWork.noRegion')),
      },
      series: [
        {
          name: t('analytics.openWork.tickets'),
          type: 'bar',
          stack: 'open',
          data: regions.map((r) => r.tickets),
        },
        {
          name: t('analytics.openWork.workOrders'),
          type: 'bar',
          stack: 'open',
          data: regions.map((r) => r.workOrders),
        },
      ],
    }),
    [regions, t],
  );
  const sites = useMemo(
    () =>
      regions.flatMap((r) =>
        r.sites.filter((s) => s.latitude !== null && s.longitude !== null).map((s) => ({ ...s, region: r })),
      ),
    [regions],
  );
  const scatterOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: {
        formatter: (p: { dataIndex: number }) => {
          const s = sites[p.dataIndex];
          return s
            ? `${s.name}<br/>${t('analytics.openWork.tickets')} ${s.tickets} · ${t('analytics.openWork.workOrders')} ${s.workOrders}`
            : '';
        },
      },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: {
        type: 'value',
        scale: true,
        name: t('analytics.openWork.longitude'),
        nameLocation: 'middle',
        nameGap: 24,
      },
      yAxis: { type: 'value', scale: true, name: t('analytics.openWork.latitude') },
      series: [
        {
          type: 'scatter',
          data: sites.map((s) => [s.longitude, s.latitude, s.tickets + s.workOrders]),
          symbolSize: (v: number[]) => Math.min(40, 8 + 4 * Math.sqrt(v[2] ?? 0)),
        },
      ],
    }),
    [sites, t],
  );

  return (
    <Card
      size="small"
      title={t('analytics.openWork.title')}
      style={{ marginBottom: 12 }}
      data-testid="open-work"
    >
      <Typography.Paragraph type="secondary">
        {t('analytics.openWork.summary', {
          tickets: work.data?.tickets ?? 0,
          workOrders: work.data?.workOrders ?? 0,
        })}
      </Typography.Paragraph>
      {regions.length > 0 && (
        <Chart
          label={t('analytics.openWork.title')}
          option={barOption}
          height={Math.max(140, regions.length * 32 + 64)}
          onClick={(i) => setDrill(regions[i] ?? null)}
        />
      )}
      {sites.length > 0 && (
        <Chart
          label={t('analytics.openWork.sitesChart')}
          option={scatterOption}
          height={260}
          onClick={(i) => setDrill(sites[i]?.region ?? null)}
        />
      )}
      <Table<TOpenWorkRegion>
        rowKey={(r) => r.region ?? ''}
        size="small"
        loading={work.isLoading}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={regions}
        data-testid="open-work-regions"
        locale={{ emptyText: t('analytics.openWork.empty') }}
        columns={[
          { title: t('analytics.openWork.region'), key: 'region', render: (_, r) => regionName(r) },
          { title: t('analytics.openWork.tickets'), dataIndex: 'tickets', align: 'right' },
          { title: t('analytics.openWork.workOrders'), dataIndex: 'workOrders', align: 'right' },
          {
            title: t('analytics.openWork.sites'),
            key: 'sites',
            align: 'right',
            render: (_, r) => r.sites.length,
          },
          {
            title: t('analytics.openWork.records'),
            key: 'drill',
            render: (_, r, i) => (
              <Button size="small" data-testid={`open-work-drill-${i}`} onClick={() => setDrill(r)}>
                {t('analytics.openWork.show')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        width={Math.min(1000, typeof window === 'undefined' ? 1000 : window.innerWidth)}
        title={drill ? `${t('analytics.openWork.title')} · ${regionName(drill)}` : ''}
      >
        <Table<TOpenWorkRecord>
          rowKey={(r) => `${r.kind}:${r.id}`}
          size="small"
          loading={records.isLoading}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 760 }}
          data-testid="open-work-records"
          dataSource={records.data?.items ?? []}
          columns={[
            {
              title: t('analytics.openWork.number'),
              key: 'number',
              render: (_, r) =>
                r.kind === 'ticket' ? (
                  <Link to={portal ? `/portal/tickets/${r.id}` : `/console/tickets/${r.id}`}>{r.number}</Link>
                ) : (
                  r.number
                ),
            },
            {
              title: t('analytics.openWork.kind'),
              key: 'kind',
              render: (_, r) => t(`analytics.openWork.kinds.${r.kind}`),
            },
            {
              title: t('analytics.openWork.subject'),
              key: 'subject',
              render: (_, r) => (r.kind === 'ticket' ? r.subject : t(`field.kinds.${r.subject}`)),
            },
            {
              title: t('analytics.openWork.status'),
              key: 'status',
              render: (_, r) =>
                r.kind === 'ticket' ? t(`ticketStatus.${r.status}`) : t(`field.statuses.${r.status}`),
            },
            ...(portal ? [] : [{ title: t('analytics.records.customer'), dataIndex: 'customerName' }]),
            {
              title: t('analytics.openWork.project'),
              key: 'project',
              render: (_, r) => r.projectName ?? '—',
            },
            {
              title: t('analytics.openWork.createdAt'),
              key: 'createdAt',
              render: (_, r) => time.dateTime(r.createdAt),
            },
          ]}
        />
      </Drawer>
    </Card>
  );
}
