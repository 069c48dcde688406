import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Drawer, Row, Segmented, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  TEngineerFigure,
  TMeasureRecordKind,
  TMeasureRecordPage,
  TMeasures,
  TMtbfFigure,
} from '../../../../common/measures-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMeasureRecords, useMeasures } from './measures-query.ts';

type Rec = TMeasureRecordPage['items'][number];
type RepairAsset = TMeasures['repeatRepair']['assets'][number];

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * The measures beyond SLA on the dashboard (docs/analytics.md): first-time fix, repeat repair, follow-ups
 * on time, MTBF (with its breakdowns), equipment at its repair limit, engineers' figures. Each headline
 * opens the records behind it; each table exports to Excel. `portal`: the customer's own, no staff figures.
 */
export function MeasuresView({
  query,
  enabled,
  portal = false,
}: {
  query: Record<string, string>;
  enabled: boolean;
  portal?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  // Read when asked: over all customers and a long period they take longer than the SLA figures.
  const [shown, setShown] = useState(false);
  const measures = useMeasures(query, enabled && shown);
  const [drill, setDrill] = useState<{ measure: TMeasureRecordKind; title: string } | null>(null);
  const [outcome, setOutcome] = useState<'all' | 'counted' | 'missed'>('all');
  const records = useMeasureRecords(
    drill ? { ...query, measure: drill.measure, outcome, limit: '200' } : null,
  );
  const m = measures.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const excel = (table: string) => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      href={`/api/v1/analytics/measures/export?${new URLSearchParams({ ...query, table, lang })}`}
      data-testid={`measures-export-${table}`}
    >
      {t('measures.excel')}
    </Button>
  );
  // The server's short facts (visits=2; reopened=<instant> | repair=3 | on_time | a serial) in words.
  const detailText = (detail: string) =>
    detail
      .split('; ')
      .map((part) => {
        const [key, value = ''] = part.split('=');
        if (key === 'visits') return t('measures.visits', { n: value });
        if (key === 'repair') return t('measures.repairNo', { n: value });
        if (key === 'reopened') return t('measures.reopenedAt', { at: time.dateTime(value) });
        return t(`measures.details.${part}`, { defaultValue: part });
      })
      .join('，');
  const open = (measure: TMeasureRecordKind, title: string) => {
    setOutcome('all');
    setDrill({ measure, title });
  };
  const headline = (key: TMeasureRecordKind, title: string, help: string, value: string, sub: string) => (
    <Col xs={24} sm={12} lg={6} key={key}>
      <Card size="small" style={{ marginBottom: 12 }} data-testid={`measure-${key}`}>
        <Statistic title={<span title={help}>{title}</span>} value={value} />
        <Typography.Text type="secondary">{sub}</Typography.Text>
        <div>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(key, title)}>
            {t('measures.showRecords')}
          </Button>
        </div>
      </Card>
    </Col>
  );
  const mtbfTable = (rows: TMtbfFigure[]) => (
    <Table<TMtbfFigure>
      rowKey={(r) => r.key ?? 'none'}
      size="small"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={rows}
      locale={{ emptyText: t('measures.none') }}
      columns={[
        { title: t('measures.group'), key: 'g', render: (_: unknown, r) => r.label || r.key },
        { title: t('measures.installedHours'), dataIndex: 'installedHours', align: 'right' },
        { title: t('measures.failures'), dataIndex: 'failures', align: 'right' },
        {
          title: t('measures.mtbfHours'),
          key: 'mtbf',
          align: 'right',
          render: (_: unknown, r) => r.mtbfHours ?? '—',
        },
      ]}
    />
  );
  if (!shown)
    return (
      <Button style={{ marginBottom: 12 }} onClick={() => setShown(true)} data-testid="measures-show">
        {t('measures.show')}
      </Button>
    );
  if (!m) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        {t('measures.title')}
      </Typography.Title>
      <Row gutter={12}>
        {headline(
          'first_time_fix',
          t('measures.ftf'),
          t('measures.ftfHelp', { days: m.settings.firstFixReopenDays }),
          pct(m.firstTimeFix.ratePercent),
          t('measures.ofTotal', { part: m.firstTimeFix.fixed, whole: m.firstTimeFix.eligible }),
        )}
        {headline(
          'repeat_repair',
          t('measures.repeat'),
          t('measures.repeatHelp'),
          pct(m.repeatRepair.ratePercent),
          t('measures.ofTotal', { part: m.repeatRepair.repeats, whole: m.repeatRepair.repairs }),
        )}
        {headline(
          'follow_ups',
          t('measures.followUps'),
          t('measures.followUpsHelp'),
          pct(m.followUps.ratePercent),
          t('measures.ofTotal', { part: m.followUps.onTime, whole: m.followUps.due }),
        )}
        {headline(
          'failures',
          t('measures.mtbf'),
          t('measures.mtbfHelp'),
          m.mtbf.total.mtbfHours === null ? '—' : t('measures.hours', { n: m.mtbf.total.mtbfHours }),
          `${t('measures.failures')} ${m.mtbf.total.failures}`,
        )}
      </Row>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('measures.mtbfBy')} style={{ marginBottom: 12 }}>
            <Tabs
              size="small"
              items={(
                [
                  ['mtbfByProduct', 'byProduct', m.mtbf.byProduct],
                  ['mtbfByModel', 'byModel', m.mtbf.byModel],
                  ['mtbfByProject', 'byProject', m.mtbf.byProject],
                  ['mtbfByAsset', 'byAsset', m.mtbf.byAsset],
                ] as const
              ).map(([table, label, rows]) => ({
                key: table,
                label: t(`measures.${label}`),
                children: (
                  <>
                    <div style={{ textAlign: 'right', marginBottom: 8 }}>{excel(table)}</div>
                    {mtbfTable([...rows])}
                    {/* The server lists the lowest MTBF of each breakdown; say so when it cut one. */}
                    {m.mtbf.counts[label] > rows.length && (
                      <Typography.Text type="secondary" data-testid={`measures-cut-${table}`}>
                        {t(label === 'byAsset' ? 'measures.mtbfCutAssets' : 'measures.mtbfCut', {
                          shown: rows.length,
                          total: m.mtbf.counts[label].toLocaleString(lang),
                        })}
                      </Typography.Text>
                    )}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('measures.repairAssets', { n: m.settings.repeatRepairThreshold })}
            extra={excel('repairAssets')}
            style={{ marginBottom: 12 }}
          >
            <Table<RepairAsset>
              rowKey="assetId"
              size="small"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={m.repeatRepair.assets}
              locale={{ emptyText: t('measures.none') }}
              columns={[
                {
                  title: t('measures.serial'),
                  key: 's',
                  render: (_: unknown, a) =>
                    portal ? a.serial : <Link to={`/console/assets/${a.assetId}`}>{a.serial}</Link>,
                },
                { title: t('measures.project'), dataIndex: 'projectName' },
                { title: t('measures.product'), dataIndex: 'productName' },
                { title: t('measures.repairCount'), dataIndex: 'repairCount', align: 'right' },
                {
                  title: '',
                  key: 'state',
                  render: (_: unknown, a) => (
                    <Tag color={a.state === 'past_limit' ? 'red' : 'orange'}>
                      {t(`measures.states.${a.state}`)}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {!portal && (
        <Card
          size="small"
          title={t('measures.engineers')}
          extra={excel('engineers')}
          style={{ marginBottom: 12 }}
        >
          <Table<TEngineerFigure>
            rowKey="engineerId"
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={m.engineers}
            locale={{ emptyText: t('measures.none') }}
            scroll={{ x: true }}
            columns={[
              { title: t('measures.engineer'), dataIndex: 'name' },
              { title: t('measures.jobs'), dataIndex: 'jobs', align: 'right' },
              { title: t('measures.minutesOnJobs'), dataIndex: 'minutesOnJobs', align: 'right' },
              {
                title: t('measures.workingMinutes'),
                key: 'wm',
                align: 'right',
                render: (_: unknown, e) => e.workingMinutes ?? '—',
              },
              {
                title: t('measures.utilisation'),
                key: 'u',
                align: 'right',
                render: (_: unknown, e) => pct(e.utilisationPercent),
              },
              { title: t('measures.travelKm'), dataIndex: 'travelKm', align: 'right' },
              { title: t('measures.travelMinutes'), dataIndex: 'travelMinutes', align: 'right' },
              {
                title: t('measures.satisfaction'),
                key: 's',
                align: 'right',
                render: (_: unknown, e) => `${pct(e.satisfactionPercent)} (${e.satisfied}/${e.answers})`,
              },
            ]}
          />
        </Card>
      )}
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        title={drill ? `${drill.title} · ${t('measures.records')}` : ''}
        width={720}
      >
        <Segmented
          value={outcome}
          onChange={(v) => setOutcome(v as typeof outcome)}
          options={[
            { value: 'all', label: t('measures.records') },
            { value: 'counted', label: t('measures.counted') },
            { value: 'missed', label: t('measures.missed') },
          ]}
          style={{ marginBottom: 12 }}
        />
        <Table<Rec>
          rowKey="id"
          size="small"
          loading={records.isFetching}
          dataSource={records.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('measures.reference'),
              key: 'ref',
              render: (_: unknown, r) =>
                r.kind === 'ticket' && !portal ? (
                  <Link to={`/console/tickets/${r.id}`}>{r.reference}</Link>
                ) : (
                  r.reference
                ),
            },
            { title: t('measures.customer'), dataIndex: 'customerName' },
            { title: t('measures.at'), key: 'at', render: (_: unknown, r) => time.dateTime(r.at) },
            {
              title: t('measures.detail'),
              key: 'detail',
              render: (_: unknown, r) => detailText(r.detail),
            },
            {
              title: '',
              key: 'counted',
              render: (_: unknown, r) => (
                <Tag color={r.counted ? 'green' : 'default'}>
                  {r.counted ? t('measures.counted') : t('measures.missed')}
                </Tag>
              ),
            },
          ]}
        />
      </Drawer>
    </>
  );
}
