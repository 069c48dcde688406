import { App, Button, Card, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldSettings } from './field-settings-query.ts';
import { useUpdateFieldSettings } from './field-settings-update-mutation.ts';

const toYuan = (fen: number) => fen / 100;
const toFen = (yuan: number) => Math.round(yuan * 100);

/** 差旅费: travel is charged per kilometre (km × rate) — by the fee schedule and at cost. */
export function TravelRateCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useFieldSettings();
  const update = useUpdateFieldSettings();
  const [rate, setRate] = useState<number | null>(null);
  const [costRate, setCostRate] = useState<number | null>(null);
  useEffect(() => {
    if (!settings.data) return;
    setRate(toYuan(settings.data.travelRatePerKmFen));
    setCostRate(toYuan(settings.data.travelCostRatePerKmFen));
  }, [settings.data]);
  if (!settings.data) return null;
  const current = settings.data;
  const unchanged =
    rate === toYuan(current.travelRatePerKmFen) && costRate === toYuan(current.travelCostRatePerKmFen);
  const field = (label: string, value: number | null, set: (v: number | null) => void, testId: string) => (
    <Space>
      <span>{label}</span>
      <InputNumber
        min={0}
        max={1000}
        step={0.1}
        precision={2}
        aria-label={label}
        value={value}
        onChange={set}
        addonAfter={t('orgSettings.travelRate.unit')}
        data-testid={testId}
      />
    </Space>
  );
  return (
    <Card size="small" title={t('orgSettings.travelRate.title')} style={{ marginBottom: 16 }}>
      <Space wrap>
        {field(t('orgSettings.travelRate.perKm'), rate, setRate, 'travel-rate')}
        {field(t('orgSettings.travelRate.perKmAtCost'), costRate, setCostRate, 'travel-cost-rate')}
        <Button
          type="primary"
          loading={update.isPending}
          disabled={rate === null || costRate === null || unchanged}
          onClick={() =>
            rate !== null &&
            costRate !== null &&
            update.mutate(
              {
                version: current.version,
                travelRatePerKmFen: toFen(rate),
                travelCostRatePerKmFen: toFen(costRate),
              },
              {
                onSuccess: () => message.success(t('orgSettings.travelRate.saved')),
                onError: (err) => message.error(err.message),
              },
            )
          }
          data-testid="travel-rate-save"
        >
          {t('orgSettings.travelRate.save')}
        </Button>
      </Space>
      <div style={{ color: '#4b5563', marginTop: 6 }}>{t('orgSettings.travelRate.help')}</div>
    </Card>
  );
}
