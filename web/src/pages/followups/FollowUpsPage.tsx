import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../features/auth/me-query.ts';
import { CallListTab } from './CallListTab.tsx';
import { ReportTab } from './ReportTab.tsx';
import { RulesTab } from './RulesTab.tsx';

/** 回访: the agent's call list of the day, the rules that create follow-ups, the report. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const manage = Boolean(me?.permissions.includes('followups.manage'));
  const report = Boolean(me?.permissions.includes('followups.report'));
  const work = Boolean(me?.permissions.includes('followups.work'));
  const items = [
    ...(work
      ? [{ key: 'calls', label: t('followups.tabs.calls'), children: <CallListTab manage={manage} /> }]
      : []),
    ...(work
      ? [{ key: 'rules', label: t('followups.tabs.rules'), children: <RulesTab manage={manage} /> }]
      : []),
    ...(report ? [{ key: 'report', label: t('followups.tabs.report'), children: <ReportTab /> }] : []),
  ];
  return (
    <>
      <h1 className="page-title">{t('followups.title')}</h1>
      <Tabs
        activeKey={params.get('tab') ?? items[0]?.key}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={items}
      />
    </>
  );
}
