import { Card, Empty, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { navigationUrl, useWorkOrders } from '../../features/field/work-orders-query.ts';
import { SlaCountdown } from '../../features/sla/SlaCountdown.tsx';

/** 我的工单: the engineer's open jobs on his phone, emergencies and the soonest first. */
export function MyJobsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const jobs = useWorkOrders({ queue: 'mine' });
  return (
    <>
      <h1 className="page-title">{t('nav.jobs')}</h1>
      {jobs.data?.length === 0 && <Empty description={t('field.noJobs')} />}
      <List
        dataSource={jobs.data ?? []}
        loading={jobs.isLoading}
        renderItem={(w) => (
          <Card
            key={w.id}
            style={{ marginBottom: 12 }}
            onClick={() => navigate(`/console/jobs/${w.id}`)}
            data-testid={`job-${w.number}`}
            hoverable
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <b>{w.number}</b>
              <span>
                {w.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
                <Tag>{t(`field.statuses.${w.status}`)}</Tag>
              </span>
            </div>
            <div style={{ fontSize: 16, margin: '6px 0' }}>{w.summary}</div>
            <div>{w.customerName}</div>
            {w.address && (
              <a
                href={navigationUrl(w.address)}
                target="_blank"
                rel="noreferrer"
                onClick={(e) => e.stopPropagation()}
              >
                {w.address}
              </a>
            )}
            <div style={{ marginTop: 6 }}>
              {w.scheduledAt &&
                `${t('field.scheduled')} ${new Date(w.scheduledAt).toLocaleString(i18n.language)} `}
              {w.onSiteDueAt && <SlaCountdown dueAt={w.onSiteDueAt} />}
              {w.dueWindow && (
                <Tag data-testid={`job-window-${w.number}`}>
                  {t('field.dueWindow', { from: w.dueWindow.from, by: w.dueWindow.by })}
                </Tag>
              )}
            </div>
          </Card>
        )}
      />
    </>
  );
}
