import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/me-query.ts';
import { ReportTab } from './ReportTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';

/** Satisfaction (满意度, 篇1 五.4): the rate against the target with the answers behind it; the settings. */
export function SurveysPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('surveys.manage'));
  return (
    <>
      <h1 className="page-title">{t('surveys.title')}</h1>
      <Tabs
        items={[
          { key: 'report', label: t('surveys.tabs.report'), children: <ReportTab /> },
          { key: 'settings', label: t('surveys.tabs.settings'), children: <SettingsTab manage={manage} /> },
        ]}
      />
    </>
  );
}
