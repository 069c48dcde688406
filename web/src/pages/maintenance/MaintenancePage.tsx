import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/me-query.ts';
import { ComplianceTab } from './ComplianceTab.tsx';
import { PlansTab } from './PlansTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';
import { TuningTab } from './TuningTab.tsx';

/** Planned maintenance: plans per project, templates with their checklists, the intervals (settings). */
export function MaintenancePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('maintenance.manage'));
  return (
    <>
      <h1 className="page-title">{t('maintenance.title')}</h1>
      <Tabs
        items={[
          { key: 'plans', label: t('maintenance.plans'), children: <PlansTab manage={manage} /> },
          { key: 'templates', label: t('maintenance.templates'), children: <TemplatesTab manage={manage} /> },
          { key: 'compliance', label: t('maintenanceInsight.complianceTab'), children: <ComplianceTab /> },
          {
            key: 'tuning',
            label: t('maintenanceInsight.tuningTab'),
            children: <TuningTab manage={manage} />,
          },
          { key: 'settings', label: t('maintenance.settings'), children: <SettingsTab manage={manage} /> },
        ]}
      />
    </>
  );
}
