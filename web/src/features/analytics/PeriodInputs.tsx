import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The from/to local days of a dashboard's period (YYYY-MM-DD), as typed; each dashboard checks them
 * (`analytics.invalidPeriod`) before it asks. `testId` names the two fields `<testId>-from` / `-to`.
 */
export function PeriodInputs({
  from,
  to,
  onFrom,
  onTo,
  testId,
  placeholders,
}: {
  from: string;
  to: string;
  onFrom: (v: string) => void;
  onTo: (v: string) => void;
  testId?: string;
  placeholders?: [string, string];
}) {
  const { t } = useTranslation();
  return (
    <>
      <Input
        aria-label={t('analytics.from')}
        addonBefore={t('analytics.from')}
        value={from}
        onChange={(e) => onFrom(e.target.value)}
        style={{ width: 220 }}
        placeholder={placeholders?.[0]}
        data-testid={testId && `${testId}-from`}
      />
      <Input
        aria-label={t('analytics.to')}
        addonBefore={t('analytics.to')}
        value={to}
        onChange={(e) => onTo(e.target.value)}
        style={{ width: 220 }}
        placeholder={placeholders?.[1]}
        data-testid={testId && `${testId}-to`}
      />
    </>
  );
}
