import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../features/auth/me-query.ts';
import { CampaignsTab } from './CampaignsTab.tsx';
import { ComplianceTab } from './ComplianceTab.tsx';
import { DateRequestsTab } from './DateRequestsTab.tsx';
import { PlansTab } from './PlansTab.tsx';
import { RecordsTab } from './RecordsTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';
import { TuningTab } from './TuningTab.tsx';

/**
 * Planned maintenance: plans per project, templates with their checklists, campaigns, date requests,
 * compliance, tuning, the settings and the records — each tab with its own address (`?tab=`).
 */
export function MaintenancePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('maintenance.manage'));
  const dispatch = Boolean(me?.permissions.includes('workorders.dispatch'));
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'plans';
  const items = [
    { key: 'plans', label: t('maintenance.plans'), children: <PlansTab manage={manage} /> },
    { key: 'templates', label: t('maintenance.templates'), children: <TemplatesTab manage={manage} /> },
    {
      key: 'campaigns',
      label: t('maintenanceVisits.tabs.campaigns'),
      children: <CampaignsTab manage={manage} />,
    },
    ...(dispatch
      ? [
          {
            key: 'date-requests',
            label: t('maintenanceVisits.tabs.dateRequests'),
            children: <DateRequestsTab dispatch={dispatch} />,
          },
        ]
      : []),
    { key: 'compliance', label: t('maintenanceInsight.complianceTab'), children: <ComplianceTab /> },
    {
      key: 'tuning',
      label: t('maintenanceInsight.tuningTab'),
      children: <TuningTab manage={manage} />,
    },
    { key: 'settings', label: t('maintenance.settings'), children: <SettingsTab manage={manage} /> },
    { key: 'records', label: t('mvisit.records'), children: <RecordsTab /> },
  ];
  return (
    <>
      <h1 className="page-title">{t('maintenance.title')}</h1>
      <Tabs
        activeKey={items.some((i) => i.key === tab) ? tab : 'plans'}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={items}
      />
    </>
  );
}
