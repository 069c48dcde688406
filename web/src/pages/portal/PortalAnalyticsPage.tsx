// The customer's own service figures: the same dashboard, confined by the server to its organisation.
import { useTranslation } from 'react-i18next';
import { SlaDashboardView } from '../../features/analytics/SlaDashboardView.tsx';

export function PortalAnalyticsPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="page-title">{t('analytics.portalTitle')}</h1>
      <SlaDashboardView portal />
    </>
  );
}
