import { Card, DatePicker, Descriptions, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAUSES } from '../../../../common/registry-api.ts';
import { useCoverage } from './registry-query.ts';

const STATUS_COLOR: Record<string, string> = {
  in_warranty: 'green',
  latent_defect: 'gold',
  service_agreement: 'blue',
  expired: 'red',
  not_accepted: 'default',
};

/** Warranty status of a piece of equipment with the reasons, for a chosen date and cause. */
export function CoverageCard({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const [cause, setCause] = useState<string>('normal_failure');
  const [date, setDate] = useState<string | undefined>();
  const { data: c } = useCoverage(assetId, { cause, date });
  // 篇4 g.7–8: what is charged may be charged at cost rather than by the fee schedule.
  const yesNo = (v: boolean) =>
    v ? (
      <Tag color="green">{t('warranty.free')}</Tag>
    ) : c?.pricing === 'cost' ? (
      <Tag color="purple">{t('warranty.atCost')}</Tag>
    ) : (
      <Tag color="red">{t('warranty.charged')}</Tag>
    );
  return (
    <Card
      title={t('warranty.title')}
      extra={
        <Space wrap>
          <Select
            aria-label={t('warranty.cause')}
            value={cause}
            onChange={setCause}
            style={{ width: 150 }}
            options={CAUSES.map((c) => ({ value: c, label: t(`causes.${c}`) }))}
          />
          <DatePicker
            aria-label={t('warranty.date')}
            onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)}
            value={date ? dayjs(date) : null}
          />
        </Space>
      }
    >
      {c && (
        <>
          <Tag
            color={STATUS_COLOR[c.status]}
            data-testid="coverage-status"
            style={{ fontSize: 14, padding: '2px 8px' }}
          >
            {t(`warranty.status.${c.status}`)}
          </Tag>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('warranty.labour')}>{yesNo(c.free.labour)}</Descriptions.Item>
            <Descriptions.Item label={t('warranty.travel')}>{yesNo(c.free.travel)}</Descriptions.Item>
            <Descriptions.Item label={t('warranty.parts')}>
              {c.free.parts ? (
                yesNo(true)
              ) : c.partsPricing === 'cost' ? (
                <Tag color="purple">{t('warranty.atCost')}</Tag>
              ) : (
                <Tag color="red">{t('warranty.factoryPrice')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('warranty.warrantyEnd')}>{c.warrantyEnd ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('warranty.latentEnd')}>{c.latentDefectEnd ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('warranty.basis')}>{c.basis.contractRef ?? '—'}</Descriptions.Item>
          </Descriptions>
          <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
            {c.reasons.map((r) => (
              <li key={r.code}>{t(`warranty.reasons.${r.code}`, { ...r.params, defaultValue: r.text })}</li>
            ))}
          </ul>
          {c.repair.decision !== 'repair' && (
            <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
              {t(`warranty.repair.${c.repair.decision}`)}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
