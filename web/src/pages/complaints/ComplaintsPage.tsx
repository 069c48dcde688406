import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/me-query.ts';
import { QueueTab } from './QueueTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { SuggestionsTab } from './SuggestionsTab.tsx';
import { SummaryTab } from './SummaryTab.tsx';

/** Complaints (投诉): the queue, the summary, improvement suggestions (改进建议) and the deadlines. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = (p: string) => Boolean(me?.permissions.includes(p as never));
  return (
    <>
      <h1 className="page-title">{t('complaints.title')}</h1>
      <Tabs
        items={[
          {
            key: 'queue',
            label: t('complaints.tabs.queue'),
            children: <QueueTab manage={can('complaints.manage')} />,
          },
          ...(can('complaints.summary')
            ? [{ key: 'summary', label: t('complaints.tabs.summary'), children: <SummaryTab /> }]
            : []),
          {
            key: 'suggestions',
            label: t('complaints.tabs.suggestions'),
            children: <SuggestionsTab manage={can('suggestions.manage')} />,
          },
          {
            key: 'settings',
            label: t('complaints.tabs.settings'),
            children: <SettingsTab manage={can('complaints.settings')} />,
          },
        ]}
      />
    </>
  );
}
