import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  SURVEY_DIMENSIONS,
  SURVEY_KINDS,
  type TSurveyAnswerRow,
  type TSurveyDimension,
} from '../../../../common/surveys-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useOrganisationPeriod } from '../../features/role-dashboards/period.ts';
import { useSurveyAnswers } from '../../features/surveys/answers-query.ts';
import { useSurveyReport } from '../../features/surveys/report-query.ts';

type Row = {
  key: string | null;
  label: string;
  answers: number;
  satisfied: number;
  ratePercent: number | null;
};

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The satisfaction rate per group against the target line, and the answers behind each figure. */
export function ReportTab() {
  const { t, i18n } = useTranslation();
  const time = useOrganisationTime();
  // Months in the organisation's zone (not the UTC date's).
  const months = useOrganisationPeriod(5);
  const [from, setFrom] = useState(months.from.slice(0, 7));
  const [to, setTo] = useState(months.to.slice(0, 7));
  const [by, setBy] = useState<TSurveyDimension>('month');
  const [kind, setKind] = useState<string | undefined>();
  const [drill, setDrill] = useState<Row | null>(null);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(from) && /^\d{4}-(0[1-9]|1[0-2])$/.test(to) && from <= to;
  const period = { from: `${from}-01`, to: valid ? lastDay(to) : '', kind };
  const report = useSurveyReport({ ...period, by }, valid);
  const drillQuery = drill
    ? { ...period, ...(drill.key === 'total' ? {} : { by, ...(drill.key ? { key: drill.key } : {}) }) }
    : null;
  const answers = useSurveyAnswers(drillQuery);
  const target = report.data?.targetPercent ?? 95;
  const label = (r: Row) =>
    r.key === 'total'
      ? t('surveys.report.total')
      : !r.key
        ? t('surveys.report.none')
        : by === 'team'
          ? t(`roles.${r.key}`, { defaultValue: r.label })
          : r.label;
  const rows: Row[] = report.data
    ? [...report.data.rows, { ...report.data.total, key: 'total', label: '' }]
    : [];
  const exportParams = drillQuery
    ? new URLSearchParams({
        ...Object.fromEntries(
          Object.entries(drillQuery).filter(([, v]) => v !== undefined) as [string, string][],
        ),
        lang: i18n.language === 'en' ? 'en' : 'zh-CN',
      })
    : null;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          aria-label={t('surveys.report.from')}
          addonBefore={t('surveys.report.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          style={{ width: 200 }}
          placeholder="2026-01"
        />
        <Input
          aria-label={t('surveys.report.to')}
          addonBefore={t('surveys.report.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          style={{ width: 200 }}
          placeholder="2026-12"
        />
        <Select
          aria-label={t('surveys.report.by')}
          value={by}
          onChange={setBy}
          style={{ width: 140 }}
          options={SURVEY_DIMENSIONS.map((d) => ({ value: d, label: t(`surveys.report.dims.${d}`) }))}
        />
        <Select
          aria-label={t('surveys.report.kind')}
          allowClear
          placeholder={t('surveys.report.allKinds')}
          value={kind}
          onChange={setKind}
          style={{ width: 180 }}
          options={SURVEY_KINDS.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))}
        />
      </Space>
      {!valid && (
        <Alert type="warning" message={t('surveys.report.invalidPeriod')} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">{t('surveys.report.definition')}</Typography.Paragraph>
      <Table<Row>
        rowKey={(r) => r.key ?? 'none'}
        size="small"
        loading={report.isLoading && valid}
        pagination={false}
        dataSource={valid ? rows : []}
        columns={[
          { title: t(`surveys.report.dims.${by}`), render: (_, r) => <strong>{label(r)}</strong> },
          { title: t('surveys.report.answers'), dataIndex: 'answers', align: 'right' },
          { title: t('surveys.report.satisfied'), dataIndex: 'satisfied', align: 'right' },
          {
            title: `${t('surveys.report.rate')} · ${t('surveys.report.target', { target })}`,
            width: 320,
            render: (_, r) =>
              r.ratePercent === null ? (
                '—'
              ) : (
                <Progress
                  aria-label={`${label(r)} ${r.ratePercent}%`}
                  percent={r.ratePercent}
                  success={{ percent: Math.min(r.ratePercent, target), strokeColor: '#52c41a' }}
                  strokeColor={r.ratePercent >= target ? '#52c41a' : '#d46b08'}
                  format={(p) => (
                    <span style={{ color: '#1f2937' }}>
                      {p}%
                      {r.ratePercent !== null && r.ratePercent < target
                        ? ` · ${t('surveys.report.belowTarget')}`
                        : ''}
                    </span>
                  )}
                />
              ),
          },
          {
            title: t('surveys.report.behind'),
            render: (_, r) => (
              <Button size="small" onClick={() => setDrill(r)} data-testid="survey-drill">
                {t('surveys.report.behind')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        width={Math.min(1000, typeof window === 'undefined' ? 1000 : window.innerWidth)}
        title={drill ? `${t('surveys.answers.title')} · ${label(drill)}` : ''}
        extra={
          exportParams && (
            <Button icon={<DownloadOutlined />} href={`/api/v1/surveys/answers/export?${exportParams}`}>
              {t('common.exportExcel')}
            </Button>
          )
        }
      >
        <Table<TSurveyAnswerRow>
          rowKey="id"
          size="small"
          loading={answers.isLoading}
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={answers.data?.pages.flatMap((p) => p.items) ?? []}
          columns={[
            { title: t('surveys.answers.answeredAt'), render: (_, a) => time.dateTime(a.answeredAt) },
            { title: t('surveys.answers.kind'), render: (_, a) => t(`surveys.kindsShort.${a.kind}`) },
            { title: t('surveys.answers.number'), dataIndex: 'sourceNumber' },
            { title: t('surveys.answers.customer'), dataIndex: 'customerName' },
            { title: t('surveys.answers.engineer'), render: (_, a) => a.engineerName ?? '—' },
            {
              title: t('surveys.answers.stars'),
              render: (_, a) => `${a.responseStars} / ${a.engineerStars} / ${a.resultStars}`,
            },
            { title: t('surveys.answers.comment'), dataIndex: 'comment' },
            {
              title: t('surveys.answers.satisfied'),
              render: (_, a) =>
                a.satisfied ? (
                  <Tag color="green">{t('surveys.answers.yes')}</Tag>
                ) : (
                  <Tag color="orange">{t('surveys.answers.no')}</Tag>
                ),
            },
            {
              title: t('surveys.answers.recovery'),
              render: (_, a) =>
                a.recoveryTicketId ? (
                  <Link to={`/console/tickets/${a.recoveryTicketId}`}>{a.recoveryTicketNumber}</Link>
                ) : (
                  '—'
                ),
            },
          ]}
        />
        {answers.hasNextPage && (
          <Button style={{ marginTop: 12 }} onClick={() => void answers.fetchNextPage()}>
            {t('surveys.answers.more')}
          </Button>
        )}
      </Drawer>
    </>
  );
}
