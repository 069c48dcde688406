import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAnalyticsOverview } from './overview-query.ts';

/** The other modules' measures for the period's months: satisfaction, complaints, maintenance. */
export function OverviewCards({ from, to, enabled }: { from: string; to: string; enabled: boolean }) {
  const { t } = useTranslation();
  const { data } = useAnalyticsOverview({ from, to }, enabled);
  if (!data) return null;
  const s = data.satisfaction;
  const c = data.complaints;
  const m = data.maintenance;
  const months = data.fromMonth === data.toMonth ? data.fromMonth : `${data.fromMonth} – ${data.toMonth}`;
  return (
    <Row gutter={12} data-testid="analytics-overview">
      <Col xs={24} md={8}>
        <Card
          size="small"
          title={`${t('analytics.overview.satisfaction')} · ${months}`}
          style={{ marginBottom: 12 }}
        >
          <Statistic
            value={s.ratePercent ?? '—'}
            suffix={s.ratePercent === null ? '' : '%'}
            valueStyle={{
              color: s.ratePercent !== null && s.ratePercent < s.targetPercent ? '#ad4e00' : undefined,
            }}
          />
          <Typography.Text type="secondary">
            {t('analytics.target', { target: s.targetPercent })} ·{' '}
            {t('analytics.overview.answers', { n: s.answers })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card
          size="small"
          title={`${t('analytics.overview.complaints')} · ${months}`}
          style={{ marginBottom: 12 }}
        >
          <Statistic value={c.total} />
          <Typography.Text type="secondary">
            {t('analytics.overview.complaintFigures', {
              open: c.open,
              upheld: c.upheld,
              onTime: c.handledOnTime,
              late: c.handledLate,
            })}
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            {c.byProduct.map((p) => (
              <Tag key={p.key}>
                {p.label || t('analytics.none')} · {p.count}
              </Tag>
            ))}
          </div>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card
          size="small"
          title={`${t('analytics.overview.maintenance')} · ${months}`}
          style={{ marginBottom: 12 }}
        >
          <Statistic
            value={m.onTimeRate === null ? '—' : Math.round(m.onTimeRate * 1000) / 10}
            suffix={m.onTimeRate === null ? '' : '%'}
          />
          <Typography.Text type="secondary">
            {t('analytics.overview.maintenanceFigures', {
              due: m.due,
              onTime: m.onTime,
              late: m.late,
              missed: m.missed,
            })}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}
