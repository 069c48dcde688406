import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../features/auth/me-query.ts';
import { RecomputePanel } from '../../../features/sla/RecomputePanel.tsx';
import { CalendarsTab } from './CalendarsTab.tsx';
import { PoliciesTab } from './PoliciesTab.tsx';

/** SLA settings: policies (what is promised), calendars (when the clock runs), recompute. */
export function SlaPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const manage = Boolean(me?.permissions.includes('sla.manage'));
  return (
    <>
      <h1 className="page-title">{t('nav.sla')}</h1>
      <Tabs
        items={[
          { key: 'policies', label: t('sla.policies'), children: <PoliciesTab manage={manage} /> },
          {
            key: 'calendars',
            label: t('sla.calendars'),
            children: <CalendarsTab manage={manage} organisationTimeZone={me?.organisationTimeZone} />,
          },
          ...(manage ? [{ key: 'recompute', label: t('sla.recompute'), children: <RecomputePanel /> }] : []),
        ]}
      />
    </>
  );
}
