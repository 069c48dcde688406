import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPortalDay } from '../../../../common/portal-dates.ts';
import type { TAsset } from '../../../../common/registry-api.ts';
import { deviceName } from './DevicePicker.tsx';

/** Equipment as cards: name and location first, project, serial and acceptance after. */
export function AssetCards({ items, showProject = true }: { items: TAsset[]; showProject?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="portal-cards" data-testid="portal-asset-cards">
      {items.map((a) => (
        <Link
          key={a.id}
          to={`/portal/assets/${a.id}`}
          className="portal-card"
          data-testid="portal-asset-card"
        >
          <div className="portal-card-head">
            <b className="portal-card-title">{deviceName(a)}</b>
            <Tag>{t(`assetStatus.${a.status}`)}</Tag>
          </div>
          {a.location && <div>{a.location}</div>}
          <div className="portal-card-meta">{showProject ? `${a.projectName} · ${a.serial}` : a.serial}</div>
          {a.acceptanceDate && (
            <div className="portal-card-meta">
              {t('portal.acceptedOn', { date: formatPortalDay(a.acceptanceDate, i18n.language) })}
            </div>
          )}
        </Link>
      ))}
    </div>
  );
}
