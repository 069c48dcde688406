import { Alert, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReports } from '../../features/reports/reports-query.ts';
import { usePortalDate } from './portal-dates.ts';

/** The customer's monthly service reports of its own projects (issue 19), each as a PDF. */
export function PortalReportsPage() {
  const { t, i18n } = useTranslation();
  const date = usePortalDate();
  const list = useReports();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <>
      <div className="portal-page-head">
        <h1 className="page-title">{t('reports.portal.title')}</h1>
      </div>
      <p style={{ color: '#555' }}>{t('reports.portal.intro')}</p>
      {list.error && <Alert type="error" message={list.error.message} />}
      {list.isLoading ? (
        <Spin />
      ) : !list.data?.items.length ? (
        <Empty description={t('reports.portal.empty')} />
      ) : (
        <div className="portal-cards" data-testid="portal-report-cards">
          {list.data.items.map((r) => (
            <div key={r.id} className="portal-card" data-testid="portal-report-card">
              <div className="portal-card-head">
                <b>{r.period}</b>
                {r.empty && <Tag>{t('reports.list.noActivity')}</Tag>}
              </div>
              <div className="portal-card-title">{r.projectName}</div>
              <div className="portal-card-meta">
                {t('reports.list.generatedAt')}: {date(r.generatedAt)}
              </div>
              <div style={{ marginTop: 8, display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                <a href={`/api/v1/reports/${r.id}/pdf?lang=${lang}`} data-testid="portal-report-pdf">
                  {t('reports.portal.download')}
                </a>
                <a href={`/api/v1/reports/${r.id}/pdf?lang=${other}`}>{t('reports.portal.downloadOther')}</a>
              </div>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
