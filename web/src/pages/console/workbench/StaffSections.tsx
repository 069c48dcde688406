import { Card, Empty, List, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TWorkbench } from '../../../../../common/workbench-api.ts';
import { useMe } from '../../../features/auth/me-query.ts';
import { CountTile, TileRow } from './CountTile.tsx';
import { JobList, shortDateTime } from './JobList.tsx';

type Of<K extends keyof TWorkbench> = NonNullable<TWorkbench[K]>;
const STATUSES = ['new', 'assigned', 'in_progress', 'waiting_customer'] as const;

/** The agent's desk: his open tickets by status, the SLA queues, chats waiting, follow-ups due. */
export function DeskSection({ desk }: { desk: Of<'desk'> }) {
  const { t } = useTranslation();
  return (
    <Card title={t('workbench.myTickets')} data-testid="wb-desk">
      <TileRow>
        {STATUSES.map((s) => (
          <CountTile
            key={s}
            label={t(`ticketStatus.${s}`)}
            value={desk.mine[s]}
            to={`/console/tickets?queue=mine&status=${s}`}
            testId={`wb-mine-${s}`}
          />
        ))}
        <CountTile
          label={t('workbench.breaching')}
          value={desk.breaching}
          to="/console/tickets?queue=breaching"
          testId="wb-breaching"
          danger
        />
        <CountTile
          label={t('workbench.breached')}
          value={desk.breached}
          to="/console/tickets?queue=breached"
          testId="wb-breached"
          danger
        />
        <CountTile
          label={t('workbench.chatsWaiting')}
          value={desk.chatsWaiting}
          to="/console/tickets?queue=chats"
          testId="wb-chats-waiting"
        />
        {desk.followUpsDue !== null && (
          <CountTile
            label={t('workbench.followUpsDue')}
            value={desk.followUpsDue}
            to="/console/followups"
            testId="wb-followups"
          />
        )}
      </TileRow>
    </Card>
  );
}

/** Tickets routed to the caller's team (a trainer's training requests). */
export function TeamSection({ team }: { team: Of<'team'> }) {
  const { t } = useTranslation();
  return (
    <Card title={t('workbench.teamTickets')} data-testid="wb-team">
      <TileRow>
        <CountTile
          label={t('workbench.teamOpen')}
          value={team.open}
          to="/console/tickets?queue=team"
          testId="wb-team-open"
        />
        <CountTile
          label={t('workbench.mineOpen')}
          value={team.mine}
          to="/console/tickets?queue=mine"
          testId="wb-team-mine"
        />
      </TileRow>
    </Card>
  );
}

/** The engineer's day; on a phone it is the whole first screen. */
export function JobsSection({ jobs }: { jobs: Of<'jobs'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Card
        title={t('workbench.jobsToday', { count: jobs.today.length })}
        extra={<Link to="/console/jobs">{t('workbench.allJobs', { count: jobs.open })}</Link>}
        data-testid="wb-jobs-today"
      >
        <JobList jobs={jobs.today} testId="wb-today-list" />
      </Card>
      <Card
        title={t('workbench.jobsTomorrow', { count: jobs.tomorrow.length })}
        data-testid="wb-jobs-tomorrow"
      >
        <JobList jobs={jobs.tomorrow} testId="wb-tomorrow-list" />
      </Card>
      {jobs.waitingForParts.length > 0 && (
        <Card title={t('workbench.waitingForParts')} data-testid="wb-jobs-parts">
          <JobList jobs={jobs.waitingForParts} testId="wb-parts-list" />
        </Card>
      )}
    </>
  );
}

/** The manager: unassigned work and breaches now, engineers' load, approvals, today's SLA. */
export function ManagerSection({ manager }: { manager: Of<'manager'> }) {
  const { t, i18n } = useTranslation();
  const { slaToday } = manager;
  return (
    <>
      <Card title={t('workbench.now')} data-testid="wb-manager">
        <TileRow>
          <CountTile
            label={t('workbench.unassignedTickets')}
            value={manager.unassignedTickets}
            to="/console/tickets?queue=unassigned"
            testId="wb-unassigned-tickets"
          />
          <CountTile
            label={t('workbench.unassignedWorkOrders')}
            value={manager.unassignedWorkOrders}
            to="/console/dispatch?tab=unassigned"
            testId="wb-unassigned-wo"
          />
          <CountTile
            label={t('workbench.breached')}
            value={manager.breached}
            to="/console/tickets?queue=breached"
            testId="wb-breached"
            danger
          />
          <CountTile
            label={t('workbench.slaToday', { met: slaToday.met, total: slaToday.met + slaToday.breached })}
            value={slaToday.compliance === null ? '—' : Math.round(slaToday.compliance * 1000) / 10}
            suffix={slaToday.compliance === null ? undefined : '%'}
            to="/console/tickets?queue=breached"
            testId="wb-sla-today"
          />
        </TileRow>
      </Card>
      <Card
        title={t('workbench.load')}
        extra={<Link to="/console/engineers">{t('nav.engineers')}</Link>}
        data-testid="wb-load"
      >
        <Table
          size="small"
          rowKey="engineerId"
          pagination={false}
          dataSource={manager.load}
          locale={{ emptyText: t('workbench.noLoad') }}
          columns={[
            { title: t('field.engineer'), dataIndex: 'name' },
            { title: t('workbench.loadToday'), dataIndex: 'today', width: 110 },
            { title: t('workbench.loadOpen'), dataIndex: 'open', width: 110 },
          ]}
        />
      </Card>
      <Card title={t('workbench.approvals')} data-testid="wb-approvals">
        {manager.countsToApprove.length ? (
          <List
            dataSource={manager.countsToApprove}
            renderItem={(c) => (
              <List.Item key={c.id}>
                <Link to={`/console/stock/counts/${c.id}`}>
                  {t('workbench.countToApprove', { location: c.locationName })}
                </Link>
                <span>{shortDateTime(c.submittedAt, i18n.language)}</span>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noApprovals')} />
        )}
      </Card>
    </>
  );
}

/** The storekeeper: reorder alerts, reservations to pick, stock-takings in progress. */
export function StockSection({ stock }: { stock: Of<'stock'> }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Card title={t('workbench.store')} data-testid="wb-stock">
        <TileRow>
          <CountTile
            label={t('workbench.reorderAlerts')}
            value={stock.reorderAlerts}
            to="/console/replenishment"
            testId="wb-reorder"
            danger
          />
          <CountTile
            label={t('workbench.reservations')}
            value={stock.openReservations}
            to="/console/stock"
            testId="wb-reservations"
          />
          <CountTile
            label={t('workbench.countsInProgress')}
            value={stock.counts.length}
            to="/console/stock"
            testId="wb-counts"
          />
        </TileRow>
      </Card>
      <Card title={t('workbench.toPick')} data-testid="wb-pick">
        <List
          dataSource={stock.reservations}
          locale={{ emptyText: t('workbench.nothingToPick') }}
          renderItem={(r) => (
            <List.Item key={r.id}>
              <span>
                {r.emergency && <Tag color="red">{t('tickets.emergency')}</Tag>}
                {r.partNumber} {r.partName} × {r.quantity} · {r.locationName}
              </span>
              {r.ticketId && r.ticketNumber && (
                <Link to={`/console/tickets/${r.ticketId}`}>{r.ticketNumber}</Link>
              )}
            </List.Item>
          )}
        />
      </Card>
      {stock.counts.length > 0 && (
        <Card title={t('workbench.countsInProgress')} data-testid="wb-count-list">
          <List
            dataSource={stock.counts}
            renderItem={(c) => (
              <List.Item key={c.id}>
                <Link to={`/console/stock/counts/${c.id}`}>{c.locationName}</Link>
                <span>
                  <Tag>{t(`workbench.countStatus.${c.status}`)}</Tag>
                  {shortDateTime(c.openedAt, i18n.language)}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}

/** The trainer's sessions this week, in time order, each opening the session on the training page. */
export function SessionsSection({ sessions }: { sessions: Of<'sessions'> }) {
  const { t, i18n } = useTranslation();
  const timeZone = useMe().data?.organisationTimeZone;
  const day = (iso: string) =>
    new Date(iso).toLocaleDateString(i18n.language, {
      timeZone,
      weekday: 'short',
      month: 'numeric',
      day: 'numeric',
    });
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language, { timeZone, hour: '2-digit', minute: '2-digit' });
  return (
    <Card
      title={t('workbench.sessionsThisWeek', { count: sessions.items.length })}
      extra={<Link to="/console/training?tab=sessions">{t('workbench.allSessions')}</Link>}
      data-testid="wb-sessions"
    >
      <List
        dataSource={sessions.items}
        locale={{ emptyText: t('workbench.noSessions') }}
        renderItem={(s) => (
          <List.Item key={s.id}>
            <Link
              to={`/console/training?tab=sessions&session=${s.id}`}
              className="job-line"
              data-testid="wb-session"
            >
              <div className="job-line-head">
                <b>
                  {day(s.startsAt)} {time(s.startsAt)}–{time(s.endsAt)}
                </b>
                <span>
                  {s.clashes > 0 && <Tag color="red">{t('workbench.sessionClash')}</Tag>}
                  <Tag>
                    {s.seatLimit === null
                      ? t('workbench.sessionEnrolled', { count: s.enrolled })
                      : t('workbench.sessionSeats', { count: s.enrolled, limit: s.seatLimit })}
                  </Tag>
                  {s.waiting > 0 && (
                    <Tag color="orange">{t('workbench.sessionWaiting', { count: s.waiting })}</Tag>
                  )}
                </span>
              </div>
              <div className="job-line-summary">{s.courseTitle}</div>
              <div className="job-line-meta">{s.venue}</div>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
