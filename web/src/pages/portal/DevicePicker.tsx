import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAsset } from '../../../../common/registry-api.ts';
import { useAssets } from '../../features/registry/registry-query.ts';

/** What a customer calls a piece of equipment: its name (or product), where it is, in which project. */
export const deviceName = (a: Pick<TAsset, 'name' | 'productName'>) => a.name ?? a.productName;

/**
 * The customer's equipment, searched on the server by name, location, product or serial as one types;
 * each option shows the name and location first, the project and serial after.
 */
export function DevicePicker({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (id: string | undefined, asset: TAsset | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const assets = useAssets({ q: q || undefined }, 30);
  const [picked, setPicked] = useState<TAsset | undefined>();
  const items =
    picked && !assets.items.some((a) => a.id === picked.id) ? [picked, ...assets.items] : assets.items;
  return (
    <Select
      allowClear
      value={value}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('portal.devicePlaceholder')}
      loading={assets.isFetching}
      notFoundContent={assets.isFetching ? null : t('portal.noDevice')}
      onChange={(id: string | undefined) => {
        const asset = items.find((a) => a.id === id);
        setPicked(asset);
        onChange?.(id, asset);
      }}
      options={items.map((a) => ({
        value: a.id,
        label: `${deviceName(a)}${a.location ? ` · ${a.location}` : ''}`,
        meta: `${a.projectName} · ${a.serial}`,
      }))}
      optionRender={(o) => (
        <div data-testid="device-option">
          <div style={{ whiteSpace: 'normal' }}>{o.label}</div>
          <div style={{ color: '#4b5563', fontSize: 12, whiteSpace: 'normal' }}>{o.data.meta}</div>
        </div>
      )}
      data-testid="portal-device"
      aria-label={t('portal.device')}
    />
  );
}
