import { Button, Layout, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { UserMenu } from '../../components/UserMenu.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useLiveUpdates } from '../../features/live/live-updates.ts';
import { NotificationBell } from '../../features/notifications/NotificationBell.tsx';

export function PortalLayout() {
  const { t } = useTranslation();
  const { data: me, isLoading } = useMe();
  useLiveUpdates(Boolean(me));
  const navigate = useNavigate();
  const location = useLocation();
  if (isLoading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.kind !== 'customer') return <Navigate to="/console" replace />;
  const section = location.pathname.split('/')[2];
  const selected =
    section &&
    [
      'organisation',
      'projects',
      'assets',
      'tickets',
      'maintenance',
      'surveys',
      'analytics',
      'reports',
      'training',
      'returns',
      'complaints',
      'knowledge',
      'follow-ups',
    ].includes(section)
      ? section
      : 'home';
  return (
    <Layout style={{ minHeight: '100vh', background: '#f4f7f5' }}>
      <Layout.Header
        className="portal-header"
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          paddingInline: 12,
          background: '#0f5132',
          color: '#fff',
        }}
      >
        <div
          style={{
            fontWeight: 600,
            fontSize: 16,
            flex: 1,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {t('app.portalTitle')}
        </div>
        <LanguageSwitch />
        <NotificationBell base="/portal" />
        <UserMenu me={me} base="/portal" />
      </Layout.Header>
      <nav
        aria-label={t('nav.main')}
        style={{
          display: 'flex',
          gap: 4,
          overflowX: 'auto',
          background: '#fff',
          padding: '4px 8px',
          borderBottom: '1px solid #e5e7eb',
        }}
      >
        {[
          { key: 'home', label: t('nav.home'), testId: 'nav-portal-home' },
          { key: 'tickets', label: t('nav.myTickets'), testId: 'nav-portal-tickets' },
          { key: 'projects', label: t('nav.projects'), testId: 'nav-portal-projects' },
          { key: 'assets', label: t('nav.equipment'), testId: 'nav-portal-assets' },
          { key: 'maintenance', label: t('maintenanceVisits.portal.nav'), testId: 'nav-portal-maintenance' },
          { key: 'surveys', label: t('surveys.portal.nav'), testId: 'nav-portal-surveys' },
          { key: 'analytics', label: t('analytics.portalTitle'), testId: 'nav-portal-analytics' },
          { key: 'reports', label: t('reports.portal.nav'), testId: 'nav-portal-reports' },
          { key: 'training', label: t('training.portal.nav'), testId: 'nav-portal-training' },
          { key: 'returns', label: t('returns.portal.nav'), testId: 'nav-portal-returns' },
          { key: 'complaints', label: t('complaints.portal.nav'), testId: 'nav-portal-complaints' },
          { key: 'knowledge', label: t('knowledge.portal.nav'), testId: 'nav-portal-knowledge' },
          { key: 'follow-ups', label: t('followups.portal.nav'), testId: 'nav-portal-followups' },
          { key: 'organisation', label: t('nav.organisation'), testId: 'nav-organisation' },
        ].map((item) => (
          <Button
            key={item.key}
            type={selected === item.key ? 'primary' : 'text'}
            data-testid={item.testId}
            aria-current={selected === item.key ? 'page' : undefined}
            onClick={() => navigate(item.key === 'home' ? '/portal' : `/portal/${item.key}`)}
          >
            {item.label}
          </Button>
        ))}
      </nav>
      <Layout.Content style={{ padding: 16, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
        <main>
          <Outlet />
        </main>
      </Layout.Content>
    </Layout>
  );
}
