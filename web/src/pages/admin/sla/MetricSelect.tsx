import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A target's metric chosen by its name (首次响应 / First response), not typed as its code. A metric
 * the list does not name (written through the API) stays selectable as it is.
 */
export function MetricSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { t, i18n } = useTranslation();
  const named = Object.keys(
    (i18n.getResource(i18n.language, 'translation', 'sla.metrics') ?? {}) as Record<string, string>,
  );
  const metrics = value && !named.includes(value) ? [...named, value] : named;
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 220 }}
      aria-label={t('sla.metric')}
      data-testid="sla-target-metric"
      options={metrics.map((m) => ({ value: m, label: t(`sla.metrics.${m}`, { defaultValue: m }) }))}
    />
  );
}
