import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CertificatesTab } from './CertificatesTab.tsx';
import { CoursesTab } from './CoursesTab.tsx';
import { MarkingTab } from './MarkingTab.tsx';
import { PlansTab } from './PlansTab.tsx';
import { SessionsTab } from './SessionsTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';

/** 培训: the trainer's console — courses and question banks, plans per project, sessions, marking, certificates. */
export function TrainingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const items = [
    { key: 'sessions', label: t('training.tabs.sessions'), children: <SessionsTab /> },
    { key: 'plans', label: t('training.tabs.plans'), children: <PlansTab /> },
    { key: 'courses', label: t('training.tabs.courses'), children: <CoursesTab /> },
    { key: 'marking', label: t('training.tabs.marking'), children: <MarkingTab /> },
    { key: 'certificates', label: t('training.tabs.certificates'), children: <CertificatesTab /> },
    { key: 'settings', label: t('training.settings.tab'), children: <SettingsTab /> },
  ];
  return (
    <>
      <h1 className="page-title">{t('training.title')}</h1>
      <Tabs
        activeKey={params.get('tab') ?? 'sessions'}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={items}
        destroyOnHidden
      />
    </>
  );
}
