import { Layout, Menu, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { UserMenu } from '../../components/UserMenu.tsx';
import { useMe } from '../../features/auth/me-query.ts';

export function PortalLayout() {
  const { t } = useTranslation();
  const { data: me, isLoading } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  if (isLoading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.kind !== 'customer') return <Navigate to="/console" replace />;
  const selected = location.pathname.startsWith('/portal/organisation') ? 'organisation' : 'home';
  return (
    <Layout style={{ minHeight: '100vh', background: '#f4f7f5' }}>
      <Layout.Header
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
        <UserMenu me={me} base="/portal" />
      </Layout.Header>
      <nav aria-label={t('nav.main')}>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          onClick={({ key }) => navigate(key === 'home' ? '/portal' : `/portal/${key}`)}
          items={[
            { key: 'home', label: <span data-testid="nav-portal-home">{t('nav.home')}</span> },
            {
              key: 'organisation',
              label: <span data-testid="nav-organisation">{t('nav.organisation')}</span>,
            },
          ]}
        />
      </nav>
      <Layout.Content style={{ padding: 16, maxWidth: 1100, width: '100%', margin: '0 auto' }}>
        <main>
          <Outlet />
        </main>
      </Layout.Content>
    </Layout>
  );
}
