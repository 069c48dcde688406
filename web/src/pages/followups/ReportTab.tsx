import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFollowUpReport } from '../../features/followups/report-query.ts';
import { useOrganisationToday } from '../../features/parts/organisation-today.ts';

/** 回访报告 of a period: reached or not, satisfaction, problems by class, actions; PDF and Excel. */
export function ReportTab() {
  const { t, i18n } = useTranslation();
  const today = useOrganisationToday();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 7)}-01`, today]);
  const [from, to] = range;
  const report = useFollowUpReport(from, to);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const query = new URLSearchParams({ from, to, lang });
  const r = report.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker.RangePicker
          aria-label={t('followups.report.period')}
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
        <Button icon={<DownloadOutlined />} href={`/api/v1/followups/report.pdf?${query}`}>
          {t('followups.report.pdf')}
        </Button>
        <Button icon={<DownloadOutlined />} href={`/api/v1/followups/report.xlsx?${query}`}>
          {t('followups.report.excel')}
        </Button>
      </Space>
      {r && (
        <>
          <Row gutter={[12, 12]}>
            {(['total', 'reached', 'notReached', 'emailed', 'open'] as const).map((k) => (
              <Col key={k} xs={12} md={4}>
                <Card size="small">
                  <Statistic title={t(`followups.report.${k}`)} value={r[k]} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title={t('followups.report.average')} value={r.satisfactionAverage ?? '—'} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Card size="small" title={t('followups.report.distribution')}>
                {[1, 2, 3, 4, 5].map((stars) => (
                  <div key={stars}>
                    {t('followups.report.stars', { count: stars })}：{r.satisfactionDistribution[stars - 1]}
                  </div>
                ))}
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title={t('followups.report.problems')}>
                {(['usage', 'quality', 'service'] as const).map((c) => (
                  <div key={c}>
                    {t(`followups.outcome.classes.${c}`)}：{r.problems[c]}
                  </div>
                ))}
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title={t('followups.report.actions')}>
                {(['guidance', 'consultationTickets', 'tickets', 'customerTold'] as const).map((a) => (
                  <div key={a}>
                    {t(`followups.report.${a}`)}：{r.actions[a]}
                  </div>
                ))}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('followups.report.byRule')}>
            <Table
              rowKey="rule"
              size="small"
              pagination={false}
              dataSource={r.byRule}
              columns={[
                {
                  title: t('followups.settings.title'),
                  dataIndex: 'rule',
                  render: (v: string) => t(`followups.rules.${v}`),
                },
                { title: t('followups.report.total'), dataIndex: 'total' },
                { title: t('followups.report.reached'), dataIndex: 'reached' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
