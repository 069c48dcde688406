import { Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPortalDay } from '../../../../common/portal-dates.ts';
import {
  useMaintenanceRecords,
  useMaintenanceSuggestions,
} from '../../features/maintenance/maintenance-records-query.ts';
import { PortalUpcomingVisits } from './PortalUpcomingVisits.tsx';
import { usePortalDate } from './portal-dates.ts';

/** The customer's upcoming visits (with date requests), signed maintenance records (保养记录, PDF) and the rectification suggestions (整改建议). */
export function PortalMaintenancePage() {
  const { t, i18n } = useTranslation();
  const date = usePortalDate();
  const records = useMaintenanceRecords();
  const suggestions = useMaintenanceSuggestions();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh-CN';
  return (
    <>
      <h1 className="page-title">{t('maintenanceVisits.portal.nav')}</h1>
      <PortalUpcomingVisits />
      <h2 style={{ marginTop: 24 }}>{t('mvisit.records')}</h2>
      {records.isLoading ? (
        <Spin />
      ) : !records.data?.length ? (
        <Empty description={t('mvisit.noRecords')} />
      ) : (
        <div className="portal-cards" data-testid="portal-records">
          {records.data.map((r) => (
            <a
              key={r.visitId}
              href={`/api/v1/maintenance/records/${r.visitId}/pdf?lang=${lang}`}
              className="portal-card"
              data-testid="portal-record"
            >
              <div className="portal-card-head">
                <b>{r.workOrderNumber}</b>
                <Tag color={r.status === 'approved' ? 'green' : 'blue'}>
                  {t(`mvisit.statuses.${r.status}`)}
                </Tag>
              </div>
              <div className="portal-card-title">{r.projectName}</div>
              <div className="portal-card-meta">
                {t('mvisit.signedBy')} {r.signedBy} · {date(r.signedAt)}
              </div>
              {r.dangers > 0 && (
                <div className="portal-card-meta">
                  <Tag color="red">{t('mvisit.dangers', { count: r.dangers })}</Tag>
                </div>
              )}
              <div className="portal-card-meta">{t('mvisit.pdf')}</div>
            </a>
          ))}
        </div>
      )}
      <h2 style={{ marginTop: 24 }}>{t('mvisit.suggestions')}</h2>
      {suggestions.isLoading ? (
        <Spin />
      ) : !suggestions.data?.length ? (
        <Empty description={t('mvisit.noSuggestions')} />
      ) : (
        <div className="portal-cards" data-testid="portal-suggestions">
          {suggestions.data.map((s) => (
            <div key={s.id} className="portal-card" data-testid="portal-suggestion">
              <div className="portal-card-head">
                <b>
                  {s.assetLabel} · {s.itemLabel}
                </b>
                <Tag color="orange">{t(`mvisit.parties.${s.responsible}`)}</Tag>
              </div>
              <div className="portal-card-title">{s.text}</div>
              <div className="portal-card-meta">
                {t('mvisit.dueOn')} {formatPortalDay(s.dueOn, i18n.language)}
                {s.ticketNumber ? ` · ${t('mvisit.ticketMade', { number: s.ticketNumber })}` : ''}
              </div>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
