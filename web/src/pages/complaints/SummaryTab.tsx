import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Space, Spin, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TComplaintSummary } from '../../../../common/complaints-api.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useComplaintSummary } from '../../features/complaints/complaint-summary-query.ts';
import { useOrganisationPeriod } from '../../features/role-dashboards/period.ts';

const COUNTS = [
  'total',
  'open',
  'closed',
  'satisfied',
  'reopened',
  'upheld',
  'handledOnTime',
  'handledLate',
] as const;
const DIMS = ['byCategory', 'byProduct', 'byTeam', 'byRegion', 'byRootCause'] as const;

/** 投诉总结: counts, hot spots, root causes and the staff concerned, for the months chosen. */
export function SummaryTab() {
  const { t, i18n } = useTranslation();
  // This month in the organisation's zone (not the UTC date's month).
  const thisMonth = useOrganisationPeriod(0).to.slice(0, 7);
  const [from, setFrom] = useState(thisMonth);
  const [to, setTo] = useState(thisMonth);
  const summary = useComplaintSummary(from, to);
  const s = summary.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const word = (dim: (typeof DIMS)[number], key: string) =>
    !key
      ? t('complaints.summary.unknown')
      : dim === 'byCategory'
        ? t(`complaints.categories.${key}`)
        : dim === 'byRootCause'
          ? t(`complaints.rootCauses.${key}`)
          : key;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          type="month"
          addonBefore={t('complaints.summary.from')}
          aria-label={t('complaints.summary.from')}
          value={from}
          onChange={(e) => e.target.value && setFrom(e.target.value)}
          style={{ width: 240 }}
          data-testid="summary-from"
        />
        <Input
          type="month"
          addonBefore={t('complaints.summary.to')}
          aria-label={t('complaints.summary.to')}
          value={to}
          onChange={(e) => e.target.value && setTo(e.target.value)}
          style={{ width: 240 }}
          data-testid="summary-to"
        />
        <ExportButton
          entity="complaint-summary"
          path="/api/v1/complaints/summary/export"
          filters={{ from, to }}
        />
        <Button
          icon={<FilePdfOutlined />}
          href={`/api/v1/complaints/summary/pdf?from=${from}&to=${to}&lang=${lang}`}
        >
          {t('complaints.summary.pdf')}
        </Button>
      </Space>
      {summary.isLoading ? <Spin /> : s ? <SummaryBody s={s} word={word} /> : null}
    </>
  );
}

function SummaryBody({
  s,
  word,
}: {
  s: TComplaintSummary;
  word: (d: (typeof DIMS)[number], k: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="complaint-summary">
      <Row gutter={[12, 12]}>
        {COUNTS.map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`complaints.summary.${k}`)} value={s[k]} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {DIMS.map((d) => (
          <Col key={d} xs={24} md={12} xl={8}>
            <Card size="small" title={t(`complaints.summary.${d}`)}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={s[d]}
                columns={[
                  { title: t('complaints.summary.item'), render: (_, r) => word(d, r.key) },
                  { title: t('complaints.summary.count'), dataIndex: 'count', width: 80 },
                ]}
              />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={12} xl={8}>
          <Card size="small" title={t('complaints.summary.staff')}>
            <Table
              size="small"
              pagination={false}
              rowKey="userId"
              dataSource={s.staff}
              columns={[
                { title: t('complaints.against'), dataIndex: 'name' },
                { title: t('complaints.summary.complaints'), dataIndex: 'complaints', width: 80 },
                { title: t('complaints.summary.upheld'), dataIndex: 'upheld', width: 80 },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
