import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  TTrainingDashboard,
  TTrainingDashboardTable,
  TTrainingFigure,
} from '../../../../common/training-dashboard-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { Chart } from '../../features/analytics/Chart.tsx';
import { PeriodInputs } from '../../features/analytics/PeriodInputs.tsx';
import { DAY, useOrganisationPeriod } from '../../features/role-dashboards/period.ts';
import { useTrainingDashboard } from '../../features/role-dashboards/training-dashboard-query.ts';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * The trainer's dashboard (issue 19): the period's sessions, attendance, pass rate and retakes,
 * evaluation scores per course and trainer against the satisfaction target. The session list below
 * is the drill-down (a click on a figure or a course narrows it).
 */
export function TrainingDashboardPage() {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  const period = useOrganisationPeriod(2);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [pick, setPick] = useState<{ courseId?: string; trainerId?: string; label: string } | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const query = useMemo(() => ({ from, to }), [from, to]);
  const dashboard = useTrainingDashboard(query, valid);
  const d = dashboard.data;
  const target = d?.targetPercent ?? 95;
  const show = (p: { courseId?: string; trainerId?: string; label: string } | null) => {
    setPick(p);
    list.current?.scrollIntoView({ behavior: 'smooth' });
  };
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const excel = (table: TTrainingDashboardTable) => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      href={`/api/v1/training/dashboard/export?${new URLSearchParams({ from, to, table, lang })}`}
      data-testid={`training-export-${table}`}
    >
      {t('common.exportExcel')}
    </Button>
  );
  const satisfiedPct = (f: TTrainingFigure) =>
    f.evaluations ? Math.round((f.satisfied / f.evaluations) * 1000) / 10 : null;

  const courseOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 32, bottom: 48 },
      xAxis: { type: 'category', data: d?.byCourse.map((f) => f.label) ?? [] },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('roleDashboards.training.attendance'),
          type: 'bar',
          data: d?.byCourse.map((f) => f.attendancePercent) ?? [],
        },
        {
          name: t('roleDashboards.training.passRate'),
          type: 'bar',
          data: d?.byCourse.map((f) => f.passPercent) ?? [],
        },
        {
          name: t('roleDashboards.training.satisfied'),
          type: 'bar',
          data:
            d?.byCourse.map((f) =>
              f.evaluations ? Math.round((f.satisfied / f.evaluations) * 1000) / 10 : null,
            ) ?? [],
          markLine: {
            symbol: 'none',
            data: [{ yAxis: target }],
            label: { formatter: t('analytics.target', { target }) },
            lineStyle: { color: '#d46b08', type: 'dashed' },
          },
        },
      ],
    }),
    [d, t, target],
  );
  const columns = (title: string, by: 'courseId' | 'trainerId') => [
    {
      title,
      key: 'group',
      render: (_: unknown, f: TTrainingFigure) => (
        <Typography.Link onClick={() => show({ [by]: f.key ?? '', label: f.label })}>
          {f.label || '—'}
        </Typography.Link>
      ),
    },
    { title: t('roleDashboards.training.sessions'), dataIndex: 'sessions', align: 'right' as const },
    {
      title: t('roleDashboards.training.attendance'),
      key: 'att',
      align: 'right' as const,
      render: (_: unknown, f: TTrainingFigure) => `${f.attended}/${f.enrolled} · ${pct(f.attendancePercent)}`,
    },
    {
      title: t('roleDashboards.training.passRate'),
      key: 'pass',
      align: 'right' as const,
      render: (_: unknown, f: TTrainingFigure) => `${f.passed}/${f.attempts} · ${pct(f.passPercent)}`,
    },
    {
      title: t('roleDashboards.training.retakes'),
      key: 'ret',
      align: 'right' as const,
      render: (_: unknown, f: TTrainingFigure) => `${f.retakesPassed}/${f.retakes}`,
    },
    {
      title: t('roleDashboards.training.meanStars'),
      key: 'stars',
      align: 'right' as const,
      render: (_: unknown, f: TTrainingFigure) => f.meanStars ?? '—',
    },
    {
      title: t('roleDashboards.training.satisfied'),
      key: 'sat',
      align: 'right' as const,
      render: (_: unknown, f: TTrainingFigure) => pct(satisfiedPct(f)),
    },
  ];
  const sessions = (d?.sessions ?? []).filter(
    (s) => !pick || (pick.courseId ? s.courseId === pick.courseId : s.trainerId === pick.trainerId),
  );
  const isEmpty = d !== undefined && d.total.sessions === 0 && d.total.attempts === 0;

  return (
    <>
      <h1 className="page-title">{t('roleDashboards.training.title')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <PeriodInputs from={from} to={to} onFrom={setFrom} onTo={setTo} />
      </Space>
      {!valid && <Alert type="warning" message={t('analytics.invalidPeriod')} style={{ marginBottom: 12 }} />}
      {dashboard.isError && (
        <Alert type="error" message={dashboard.error.message} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">{t('roleDashboards.training.definition')}</Typography.Paragraph>
      {isEmpty && (
        <Alert
          type="info"
          message={t('roleDashboards.training.empty')}
          style={{ marginBottom: 12 }}
          data-testid="training-dashboard-empty"
        />
      )}
      <Row gutter={12}>
        {(
          [
            ['sessions', d?.total.sessions ?? 0],
            ['attendance', pct(d?.total.attendancePercent ?? null)],
            ['passRate', pct(d?.total.passPercent ?? null)],
            ['retakes', d?.total.retakes ?? 0],
            ['meanStars', d?.total.meanStars ?? '—'],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={8} lg={4}>
            <Card size="small" style={{ marginBottom: 12 }} hoverable onClick={() => show(null)}>
              <Statistic title={t(`roleDashboards.training.${key}`)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={<Wrap text={t('roleDashboards.training.byCourseChart')} />}
        extra={excel('trend')}
        style={{ marginBottom: 12 }}
      >
        <Chart
          label={t('roleDashboards.training.byCourseChart')}
          option={courseOption}
          onClick={(i) => {
            const f = d?.byCourse[i];
            if (f?.key) show({ courseId: f.key, label: f.label });
          }}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.training.byCourse')} />}
            extra={excel('byCourse')}
            style={{ marginBottom: 12 }}
          >
            <Table<TTrainingFigure>
              rowKey={(f) => f.key ?? 'none'}
              size="small"
              scroll={{ x: 700 }}
              pagination={false}
              dataSource={d?.byCourse ?? []}
              columns={columns(t('roleDashboards.training.course'), 'courseId')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={<Wrap text={t('roleDashboards.training.byTrainer')} />}
            extra={excel('byTrainer')}
            style={{ marginBottom: 12 }}
          >
            <Table<TTrainingFigure>
              rowKey={(f) => f.key ?? 'none'}
              size="small"
              scroll={{ x: 700 }}
              pagination={false}
              dataSource={d?.byTrainer ?? []}
              columns={columns(t('roleDashboards.training.trainer'), 'trainerId')}
            />
          </Card>
        </Col>
      </Row>
      <div ref={list}>
        <Card
          size="small"
          title={
            <Wrap text={`${t('roleDashboards.training.sessionList')}${pick ? ` · ${pick.label}` : ''}`} />
          }
          extra={
            <Space wrap>
              {excel('sessions')}
              <Link to="/console/training?tab=sessions">{t('roleDashboards.training.openSessions')}</Link>
            </Space>
          }
        >
          <Table<TTrainingDashboard['sessions'][number]>
            rowKey="id"
            size="small"
            scroll={{ x: 600 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="training-dashboard-sessions"
            dataSource={sessions}
            columns={[
              { title: t('roleDashboards.training.startsAt'), render: (_, s) => time.dateTime(s.startsAt) },
              { title: t('roleDashboards.training.course'), dataIndex: 'courseTitle' },
              { title: t('roleDashboards.training.trainer'), dataIndex: 'trainerName' },
              {
                title: t('roleDashboards.training.attendance'),
                render: (_, s) => `${s.attended}/${s.enrolled}`,
              },
              {
                title: t('roleDashboards.training.meanStars'),
                render: (_, s) => (s.stars === null ? '—' : s.stars.toFixed(2)),
              },
            ]}
          />
        </Card>
      </div>
    </>
  );
}

/** A card's title that wraps on a narrow screen instead of being cut. */
function Wrap({ text }: { text: string }) {
  return <span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{text}</span>;
}
