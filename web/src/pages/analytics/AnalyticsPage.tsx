import { useTranslation } from 'react-i18next';
import { SlaDashboardView } from '../../features/analytics/SlaDashboardView.tsx';

/** The service manager's dashboard (issue 19): SLA compliance per stage, breach minutes, MTTR. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="page-title">{t('analytics.title')}</h1>
      <SlaDashboardView />
    </>
  );
}
