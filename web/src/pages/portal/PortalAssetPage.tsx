import { Card, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatPortalDay } from '../../../../common/portal-dates.ts';
import { Attachments } from '../../features/files/Attachments.tsx';
import { ArchiveTimeline } from '../../features/registry/ArchiveTimeline.tsx';
import { useAsset, useAssets, useCoverage } from '../../features/registry/registry-query.ts';
import { AssetCards } from './AssetCards.tsx';
import { deviceName } from './DevicePicker.tsx';
import { usePortalDate } from './portal-dates.ts';

const COVERAGE_COLOR: Record<string, string> = {
  in_warranty: 'green',
  latent_defect: 'gold',
  service_agreement: 'blue',
  expired: 'red',
  not_accepted: 'default',
};

/**
 * A piece of the customer's equipment on one column: what and where it is, its warranty today, its
 * components, photos and service archive.
 */
export function PortalAssetPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const date = usePortalDate();
  const asset = useAsset(id);
  const coverage = useCoverage(id, {});
  const components = useAssets({ parentId: id }, 200);
  if (asset.isError) return <Empty description={t('portal.noDevice')} />;
  if (!asset.data) return <Spin />;
  const a = asset.data;
  const day = (d: string | null) => (d ? formatPortalDay(d, i18n.language) : '—');
  const c = coverage.data;
  return (
    <>
      <h1 className="page-title portal-ticket-title">
        <span>
          {deviceName(a)}
          {a.location ? ` · ${a.location}` : ''}
        </span>
        <Tag>{t(`assetStatus.${a.status}`)}</Tag>
      </h1>
      <div className="portal-stack">
        <Card data-testid="portal-asset-summary">
          <div className="portal-fields">
            <Field label={t('assets.product')}>{`${a.productName} (${a.productModel})`}</Field>
            <Field label={t('assets.project')}>
              <Link to={`/portal/projects/${a.projectId}`}>{a.projectName}</Link>
            </Field>
            <Field label={t('assets.location')}>{a.location ?? '—'}</Field>
            <Field label={t('assets.serial')}>{a.serial}</Field>
            {a.parentId && (
              <Field label={t('assets.parent')}>
                <Link to={`/portal/assets/${a.parentId}`}>{t('assets.openParent')}</Link>
              </Field>
            )}
            <Field label={t('assets.installDate')}>{day(a.installDate)}</Field>
            <Field label={t('assets.acceptanceDate')}>{day(a.acceptanceDate)}</Field>
          </div>
        </Card>
        {c && (
          <Card title={t('warranty.title')} size="small" data-testid="portal-coverage">
            <Tag color={COVERAGE_COLOR[c.status]} data-testid="coverage-status">
              {t(`warranty.status.${c.status}`)}
            </Tag>
            <div className="portal-fields" style={{ marginTop: 8 }}>
              <Field label={t('warranty.warrantyEnd')}>{day(c.warrantyEnd)}</Field>
              <Field label={t('warranty.latentEnd')}>{day(c.latentDefectEnd)}</Field>
            </div>
          </Card>
        )}
        {components.items.length > 0 && (
          <Card title={t('assets.components')} size="small">
            <AssetCards items={components.items} showProject={false} />
          </Card>
        )}
        {a.photoFileIds.length > 0 && (
          <Card title={t('assets.photos')} size="small">
            <Attachments
              fileIds={a.photoFileIds}
              customerId={a.customerId}
              canEdit={false}
              onChange={async () => {}}
            />
          </Card>
        )}
        <Card title={t('archive.title')} size="small">
          <ArchiveTimeline kind="assets" id={a.id} base="/portal" formatTime={(iso) => date(iso)} />
        </Card>
      </div>
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="portal-field">
      <div className="portal-field-label">{label}</div>
      <div className="portal-field-value">{children}</div>
    </div>
  );
}
