// The reporter's tracking page (like a parcel's): the steps of the repair, the engineer's public name
// and the promised times; nothing else. The link expires when the job closes.
import { Alert, Card, Descriptions, Spin, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatPortalDate } from '../../../../common/portal-dates.ts';
import { ApiError } from '../../api/client.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useTracking } from '../../features/labels/tracking-query.ts';

export function TrackingPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const track = useTracking(token);
  const d = track.data;
  const body = () => {
    if (track.isLoading) return <Spin />;
    if (track.error instanceof ApiError && track.error.status === 410)
      return <Alert type="info" showIcon message={t('qr.trackExpired')} data-testid="track-expired" />;
    if (track.error || !d)
      return <Alert type="error" showIcon message={t('qr.trackInvalid')} data-testid="track-invalid" />;
    const at = (iso: string) => formatPortalDate(iso, i18n.language, d.timeZone);
    const current = d.steps.filter((s) => s.done).length;
    return (
      <>
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('qr.number')}>
            <span data-testid="track-number">{d.ticketNumber}</span>
          </Descriptions.Item>
          {d.equipment && <Descriptions.Item label={t('qr.equipment')}>{d.equipment}</Descriptions.Item>}
          {d.engineer && (
            <Descriptions.Item label={t('qr.engineer')}>
              <span data-testid="track-engineer">{d.engineer}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Steps
          direction="vertical"
          size="small"
          current={Math.max(0, current - 1)}
          data-testid="track-steps"
          items={d.steps.map((s) => ({
            title: t(`qr.steps.${s.step}`),
            status: s.done ? 'finish' : 'wait',
            description: s.done && s.at ? at(s.at) : undefined,
            // biome-ignore lint/suspicious/noExplicitAny: antd's step item takes data attributes
            ...({ 'data-testid': `track-step-${s.step}`, 'data-done': String(s.done) } as any),
          }))}
        />
        {d.promised.length > 0 && (
          <>
            <h3 style={{ fontSize: 15 }}>{t('qr.promised')}</h3>
            <ul style={{ paddingLeft: 18 }} data-testid="track-promised">
              {d.promised.map((p) => (
                <li key={p.metric}>
                  {t(`sla.metrics.${p.metric}`, { defaultValue: t('qr.promised') })}:{' '}
                  {p.metAt
                    ? t('qr.metAt', { date: at(p.metAt) })
                    : p.dueAt
                      ? t('qr.promisedBy', { date: at(p.dueAt) })
                      : '—'}
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          {t('qr.hotline')}: <a href={`tel:${d.hotline.replace(/[^0-9+]/g, '')}`}>{d.hotline}</a>
        </p>
      </>
    );
  };
  return (
    <main style={{ minHeight: '100vh', background: '#f4f7f5', padding: 12 }}>
      <div style={{ maxWidth: 480, margin: '0 auto' }}>
        <div
          style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
        >
          <h1 style={{ fontSize: 18, margin: 0 }}>{t('qr.trackTitle')}</h1>
          <LanguageSwitch />
        </div>
        <Card>{body()}</Card>
      </div>
    </main>
  );
}
