import { Empty, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TWorkbenchJob } from '../../../../../common/workbench-api.ts';
import { SlaCountdown } from '../../../features/sla/SlaCountdown.tsx';

export const shortDateTime = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** Jobs in order: time, number and summary, customer, and the on-site deadline. */
export function JobList({ jobs, testId }: { jobs: TWorkbenchJob[]; testId: string }) {
  const { t, i18n } = useTranslation();
  if (!jobs.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noJobs')} />;
  return (
    <List
      data-testid={testId}
      dataSource={jobs}
      renderItem={(w) => (
        <List.Item key={w.id}>
          <Link to={`/console/jobs/${w.id}`} className="job-line" data-testid={`wb-job-${w.number}`}>
            <div className="job-line-head">
              <b>
                {w.scheduledAt ? shortDateTime(w.scheduledAt, i18n.language) : t('workbench.unscheduled')}
              </b>
              <span>
                {w.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
                <Tag>{t(`field.kinds.${w.kind}`)}</Tag>
              </span>
            </div>
            <div className="job-line-summary">
              {w.number} · {w.summary}
            </div>
            <div className="job-line-meta">
              {w.customerName}
              {w.address ? ` · ${w.address}` : ''}
            </div>
            {w.onSiteDueAt && (
              <div className="job-line-meta">
                {t('workbench.onSiteBy')} <SlaCountdown dueAt={w.onSiteDueAt} />
              </div>
            )}
          </Link>
        </List.Item>
      )}
    />
  );
}
