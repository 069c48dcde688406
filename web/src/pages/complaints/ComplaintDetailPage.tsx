import { Alert, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TComplaint } from '../../../../common/complaints-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useComplaint } from '../../features/complaints/complaint-query.ts';
import { ComplaintActions } from './ComplaintActions.tsx';
import { statusColor } from './status-colors.ts';

const STATE_COLOR = {
  running: 'blue',
  warning: 'orange',
  breached: 'red',
  met: 'green',
  met_late: 'volcano',
} as const;

/** One complaint: the facts of acceptance, the workflow's timeline, the plan, the deadlines and the next step. */
export function ComplaintDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const time = useOrganisationTime();
  const { data: me } = useMe();
  const complaint = useComplaint(id);
  const c = complaint.data;
  if (complaint.isLoading) return <Spin />;
  if (!c) return <Empty />;
  const manage = Boolean(me?.permissions.includes('complaints.manage'));
  const canClose = Boolean(me?.permissions.includes('complaints.close'));
  return (
    <>
      <h1 className="page-title">
        <Space wrap>
          {c.number}
          <Tag color={statusColor[c.status]} data-testid="complaint-status">
            {t(`complaints.statuses.${c.status}`)}
          </Tag>
          {c.round > 1 && (
            <Tag data-testid="complaint-round">{t('complaints.round', { round: c.round })}</Tag>
          )}
        </Space>
      </h1>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('complaints.details')} size="small">
            <Descriptions column={1} size="small" items={details(c, t, time.dateTime)} />
          </Card>
          <Card title={t('complaints.internal')} size="small" style={{ marginTop: 16 }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'resp', label: t('complaints.responsible'), children: c.responsibleName ?? '—' },
                { key: 'dept', label: t('complaints.department'), children: c.department ?? '—' },
                { key: 'facts', label: t('complaints.facts'), children: c.facts ?? '—' },
                {
                  key: 'cause',
                  label: t('complaints.rootCause'),
                  children: c.rootCause ? t(`complaints.rootCauses.${c.rootCause}`) : '—',
                },
                { key: 'note', label: t('complaints.rootCauseNote'), children: c.rootCauseNote ?? '—' },
                { key: 'sol', label: t('complaints.solution'), children: c.solution ?? '—' },
                {
                  key: 'upheld',
                  label: t('complaints.upheldShort'),
                  children: c.upheld === null ? '—' : c.upheld ? t('complaints.yes') : t('complaints.no'),
                },
              ]}
            />
          </Card>
          <Card title={t('complaints.milestones')} size="small" style={{ marginTop: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.milestones}
              locale={{ emptyText: t('complaints.noMilestones') }}
              columns={[
                { title: t('complaints.milestone'), dataIndex: 'title' },
                { title: t('complaints.milestoneDue'), dataIndex: 'dueOn' },
                {
                  title: t('complaints.status'),
                  render: (_, m) =>
                    m.doneAt ? (
                      <Tag color="green">{t('complaints.done')}</Tag>
                    ) : (
                      <Tag>{t('complaints.pending')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {c.status !== 'closed' && (manage || canClose) && (
            <ComplaintActions complaint={c} manage={manage} canClose={canClose} />
          )}
          {c.closedReason && (
            <Alert type="info" showIcon message={`${t('complaints.closeReason')}：${c.closedReason}`} />
          )}
          <Card title={t('complaints.deadlines')} size="small" style={{ marginTop: 16 }}>
            {c.deadlines.map((d) => (
              <div key={d.target} style={{ marginBottom: 4 }} data-testid={`deadline-${d.target}`}>
                <b>{t(`complaints.targets.${d.target}`)}</b> · {t('complaints.due')} {time.dateTime(d.dueAt)}{' '}
                <Tag color={STATE_COLOR[d.state]}>{t(`complaints.deadlineStates.${d.state}`)}</Tag>
              </div>
            ))}
          </Card>
          <Card title={t('complaints.timeline')} size="small" style={{ marginTop: 16 }}>
            <Timeline
              data-testid="complaint-timeline"
              items={c.events.map((e, i) => ({
                key: i,
                color: e.kind === 'reopened' ? 'red' : e.kind === 'satisfied' ? 'green' : 'blue',
                children: (
                  <>
                    <div>
                      <b>
                        {t(`complaints.events.${e.kind}`, { defaultValue: t('complaints.events.progress') })}
                      </b>
                      {' · '}
                      {t('complaints.round', { round: e.round })}
                    </div>
                    <div style={{ color: '#4b5563' }}>
                      {time.dateTime(e.at)}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                    </div>
                    {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function details(
  c: TComplaint,
  t: (k: string, o?: Record<string, unknown>) => string,
  dt: (v: string | null) => string,
) {
  return [
    { key: 'customer', label: t('complaints.customer'), children: c.customerName },
    { key: 'channel', label: t('complaints.channel'), children: t(`complaints.channels.${c.channel}`) },
    { key: 'who', label: t('complaints.complainant'), children: c.complainantName },
    {
      key: 'contact',
      label: t('complaints.contact'),
      children: [c.contactPhone, c.contactEmail].filter(Boolean).join(' · ') || '—',
    },
    {
      key: 'matter',
      label: t('complaints.matter'),
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.matter}</span>,
    },
    { key: 'category', label: t('complaints.category'), children: t(`complaints.categories.${c.category}`) },
    { key: 'received', label: t('complaints.receivedAt'), children: dt(c.receivedAt) },
    { key: 'expected', label: t('complaints.expectedAnswer'), children: dt(c.expectedAnswerAt) },
    {
      key: 'against',
      label: t('complaints.against'),
      children: [c.againstUserName, c.againstTeam].filter(Boolean).join(' · ') || '—',
    },
    { key: 'ticket', label: t('complaints.ticket'), children: c.ticketNumber ?? '—' },
    ...(c.productName
      ? [{ key: 'product', label: t('complaints.summary.byProduct'), children: c.productName }]
      : []),
    ...(c.defect ? [{ key: 'defect', label: t('complaints.defect'), children: t('complaints.yes') }] : []),
  ];
}
