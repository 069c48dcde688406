import { Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPortalFollowUp } from '../../../../common/followups-api.ts';
import { usePortalFollowUps } from '../../features/followups/portal-followups-query.ts';
import { usePortalDate } from './portal-dates.ts';

const STATUS_COLOR: Record<TPortalFollowUp['status'], string> = {
  open: 'blue',
  awaiting_customer: 'orange',
  done: 'green',
  emailed: 'default',
  unreached: 'default',
  cancelled: 'default',
};

/** One follow-up as a card: when, how it went, what was found, what was done and told. */
function FollowUpCard({ f }: { f: TPortalFollowUp }) {
  const { t } = useTranslation();
  const date = usePortalDate();
  const done = f.outcomeAt !== null;
  return (
    <div className="portal-card" data-testid="portal-followup-card">
      <div className="portal-card-head">
        <b>{t(`followups.rules.${f.rule}`)}</b>
        <Tag color={STATUS_COLOR[f.status]}>{t(`followups.statuses.${f.status}`)}</Tag>
      </div>
      <div className="portal-card-title">
        {[f.projectName, t(`followups.channels.${f.channel}`)].filter(Boolean).join(' · ')}
      </div>
      <div className="portal-card-meta">
        {done
          ? `${t('followups.portal.doneOn')}: ${date(f.outcomeAt)}`
          : `${t('followups.portal.scheduled')}: ${date(f.dueAt, false)}`}
        {f.reached !== null &&
          ` · ${f.reached ? t('followups.portal.reached') : t('followups.portal.notReached')}`}
        {f.satisfaction !== null && ` · ${t('followups.portal.satisfaction', { count: f.satisfaction })}`}
      </div>
      {done && f.reached && (
        <div style={{ marginTop: 8 }}>
          <div>
            <b>{t('followups.portal.problems')}</b>
            {f.problems.length === 0 && `: ${t('followups.portal.nothingFound')}`}
          </div>
          {f.problems.length > 0 && (
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }} data-testid="portal-followup-problems">
              {f.problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the problems of a follow-up have no id and never move
                <li key={i}>
                  {t(`followups.outcome.classes.${p.class}`)}：{p.description} —{' '}
                  {t(`followups.outcome.actions.${p.action}`)}
                  {p.ticketNumber && ` (${t('followups.portal.ticket', { number: p.ticketNumber })})`}
                  {p.note && `：${p.note}`}
                </li>
              ))}
            </ul>
          )}
          {f.toldNote && (
            <div data-testid="portal-followup-told">
              <b>{t('followups.portal.told')}</b>: {f.toldNote}
            </div>
          )}
          {f.suggestions && (
            <div>
              <b>{t('followups.portal.suggestions')}</b>: {f.suggestions}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** The organisation's follow-ups (回访): scheduled ones, and the done ones with what was found and done. */
export function PortalFollowUpsPage() {
  const { t } = useTranslation();
  const list = usePortalFollowUps();
  return (
    <>
      <div className="portal-page-head">
        <h1 className="page-title">{t('followups.portal.title')}</h1>
      </div>
      <p style={{ color: '#555' }}>{t('followups.portal.intro')}</p>
      {list.isLoading ? (
        <Spin />
      ) : !list.data?.length ? (
        <Empty description={t('followups.portal.empty')} />
      ) : (
        <div className="portal-cards" data-testid="portal-followup-cards">
          {list.data.map((f) => (
            <FollowUpCard key={f.id} f={f} />
          ))}
        </div>
      )}
    </>
  );
}
