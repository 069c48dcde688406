import { Card, Empty, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CUSTOMER_STATUS } from '../../../../common/portal-rules.ts';
import { useWorkbench } from '../../features/workbench/workbench-query.ts';
import { usePortalDate } from './portal-dates.ts';

/** The customer's portal home: open requests with their promised times, the next visit, reports. */
export function PortalWorkbench() {
  const { t } = useTranslation();
  const date = usePortalDate();
  const portal = useWorkbench().data?.portal;
  if (!portal) return null;
  return (
    <>
      <Card
        title={t('workbench.openRequests', { count: portal.openRequests.length })}
        extra={<Link to="/portal/tickets">{t('workbench.allRequests')}</Link>}
        data-testid="wb-portal-requests"
      >
        <List
          dataSource={portal.openRequests}
          locale={{ emptyText: t('workbench.noOpenRequests') }}
          renderItem={(r) => (
            <List.Item key={r.id}>
              <Link to={`/portal/tickets/${r.id}`} className="job-line">
                <div className="job-line-head">
                  <b>{r.number}</b>
                  <Tag>{t(`portal.statuses.${CUSTOMER_STATUS[r.status]}`)}</Tag>
                </div>
                <div className="job-line-summary">{r.subject}</div>
                {r.slaDueAt && (
                  <div className="job-line-meta">{t('workbench.promisedBy', { time: date(r.slaDueAt) })}</div>
                )}
              </Link>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('workbench.nextVisit')} data-testid="wb-portal-visit">
        {portal.nextVisit ? (
          <div>
            <b>{date(portal.nextVisit.scheduledAt)}</b> · {t(`field.kinds.${portal.nextVisit.kind}`)} ·{' '}
            {portal.nextVisit.number}
            {portal.nextVisit.ticketId && (
              <>
                {' · '}
                <Link to={`/portal/tickets/${portal.nextVisit.ticketId}`}>{t('workbench.openRequest')}</Link>
              </>
            )}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noVisit')} />
        )}
      </Card>
      <Card title={t('workbench.reports')} data-testid="wb-portal-reports">
        <List
          dataSource={portal.reports}
          locale={{ emptyText: t('workbench.noReports') }}
          renderItem={(r) => (
            <List.Item key={r.workOrderId}>
              {r.ticketId ? <Link to={`/portal/tickets/${r.ticketId}`}>{r.number}</Link> : r.number}
              <span>{date(r.completedAt)}</span>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
