import {
  AlertOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  BookOutlined,
  BranchesOutlined,
  CarOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  LineChartOutlined,
  MailOutlined,
  MenuOutlined,
  MessageOutlined,
  PhoneOutlined,
  ProjectOutlined,
  ReadOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShoppingCartOutlined,
  SmileOutlined,
  TeamOutlined,
  ToolOutlined,
  TrophyOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { TPermission } from '../../../../common/roles.ts';
import { GlobalSearch } from '../../components/GlobalSearch.tsx';
import { useKeyboardShortcuts } from '../../components/keyboard-shortcuts.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { ShortcutHelp } from '../../components/ShortcutHelp.tsx';
import { UserMenu } from '../../components/UserMenu.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useLiveUpdates } from '../../features/live/live-updates.ts';
import { NotificationBell } from '../../features/notifications/NotificationBell.tsx';

interface NavItem {
  key: string;
  path: string;
  icon: React.ReactNode;
  label: string;
  permission?: TPermission;
}

const NAV: NavItem[] = [
  { key: 'home', path: '/console', icon: <HomeOutlined />, label: 'nav.home' },
  {
    key: 'tickets',
    path: '/console/tickets',
    icon: <CustomerServiceOutlined />,
    label: 'nav.tickets',
    permission: 'tickets.read',
  },
  {
    key: 'jobs',
    path: '/console/jobs',
    icon: <CarOutlined />,
    label: 'nav.jobs',
    permission: 'workorders.work',
  },
  {
    key: 'dispatch',
    path: '/console/dispatch',
    icon: <ScheduleOutlined />,
    label: 'nav.dispatch',
    permission: 'workorders.dispatch',
  },
  {
    key: 'followups',
    path: '/console/followups',
    icon: <PhoneOutlined />,
    label: 'followups.nav',
    permission: 'followups.work',
  },
  {
    key: 'maintenance',
    path: '/console/maintenance',
    icon: <SafetyCertificateOutlined />,
    label: 'nav.maintenance',
    permission: 'maintenance.read',
  },
  {
    key: 'analytics',
    path: '/console/analytics',
    icon: <LineChartOutlined />,
    label: 'analytics.nav',
    permission: 'analytics.read',
  },
  {
    key: 'performance',
    path: '/console/performance',
    icon: <TrophyOutlined />,
    label: 'measures.perfNav',
    permission: 'analytics.performance',
  },
  {
    // The key is the path under /console (the raw-text scan visits each menu item's path by it).
    key: 'analytics/reports',
    path: '/console/analytics/reports',
    icon: <FileTextOutlined />,
    label: 'reports.nav',
    permission: 'reports.read',
  },
  {
    key: 'surveys',
    path: '/console/surveys',
    icon: <SmileOutlined />,
    label: 'surveys.nav',
    permission: 'surveys.read',
  },
  {
    key: 'knowledge',
    path: '/console/knowledge',
    icon: <BookOutlined />,
    label: 'knowledge.nav',
    permission: 'knowledge.read',
  },
  {
    key: 'training',
    path: '/console/training',
    icon: <ReadOutlined />,
    label: 'training.nav',
    permission: 'training.read',
  },
  {
    key: 'training-analysis',
    path: '/console/training-analysis',
    icon: <LineChartOutlined />,
    label: 'roleDashboards.nav.training',
    permission: 'training.manage',
  },
  {
    key: 'returns',
    path: '/console/returns',
    icon: <RollbackOutlined />,
    label: 'returns.nav',
    permission: 'returns.read',
  },
  {
    key: 'complaints',
    path: '/console/complaints',
    icon: <CommentOutlined />,
    label: 'complaints.nav',
    permission: 'complaints.read',
  },
  {
    key: 'quality',
    path: '/console/quality',
    icon: <AlertOutlined />,
    label: 'quality.nav',
    permission: 'quality.read',
  },
  {
    key: 'quality-analysis',
    path: '/console/quality-analysis',
    icon: <LineChartOutlined />,
    label: 'roleDashboards.nav.quality',
    permission: 'quality.read',
  },
  {
    key: 'engineers',
    path: '/console/engineers',
    icon: <IdcardOutlined />,
    label: 'nav.engineers',
    permission: 'workorders.dispatch',
  },
  {
    key: 'customers',
    path: '/console/customers',
    icon: <TeamOutlined />,
    label: 'nav.customers',
    permission: 'customers.read',
  },
  {
    key: 'projects',
    path: '/console/projects',
    icon: <ProjectOutlined />,
    label: 'nav.projects',
    permission: 'registry.read',
  },
  {
    key: 'assets',
    path: '/console/assets',
    icon: <ToolOutlined />,
    label: 'nav.equipment',
    permission: 'registry.read',
  },
  {
    key: 'products',
    path: '/console/products',
    icon: <AppstoreOutlined />,
    label: 'nav.products',
    permission: 'registry.read',
  },
  {
    key: 'parts',
    path: '/console/parts',
    icon: <ToolOutlined />,
    label: 'nav.parts',
    permission: 'parts.read',
  },
  {
    key: 'stock',
    path: '/console/stock',
    icon: <InboxOutlined />,
    label: 'nav.stock',
    permission: 'parts.read',
  },
  {
    key: 'parts-analysis',
    path: '/console/parts-analysis',
    icon: <LineChartOutlined />,
    label: 'roleDashboards.nav.parts',
    permission: 'parts.manage',
  },
  {
    key: 'replenishment',
    path: '/console/replenishment',
    icon: <ShoppingCartOutlined />,
    label: 'nav.replenishment',
    permission: 'stock.read_all',
  },
  {
    key: 'import',
    path: '/console/import',
    icon: <UploadOutlined />,
    label: 'nav.import',
    permission: 'imports.run',
  },
  {
    key: 'canned-replies',
    path: '/console/canned-replies',
    icon: <MessageOutlined />,
    label: 'nav.cannedReplies',
    permission: 'canned_replies.manage',
  },
  {
    key: 'routing',
    path: '/console/routing',
    icon: <BranchesOutlined />,
    label: 'nav.routing',
    permission: 'routing.manage',
  },
  {
    key: 'sla',
    path: '/console/sla',
    icon: <FieldTimeOutlined />,
    label: 'nav.sla',
    permission: 'sla.read',
  },
  {
    key: 'webhooks',
    path: '/console/webhooks',
    icon: <ApiOutlined />,
    label: 'nav.webhooks',
    permission: 'webhooks.manage',
  },
  {
    key: 'notification-defaults',
    path: '/console/notification-defaults',
    icon: <BellOutlined />,
    label: 'orgSettings.nav',
    permission: 'settings.manage',
  },
  {
    key: 'mail-log',
    path: '/console/mail-log',
    icon: <MailOutlined />,
    label: 'nav.mailLog',
    permission: 'mail_log.manage',
  },
  {
    key: 'users',
    path: '/console/users',
    icon: <UserOutlined />,
    label: 'nav.users',
    permission: 'users.read',
  },
  {
    key: 'api-tokens',
    path: '/console/api-tokens',
    icon: <KeyOutlined />,
    label: 'nav.apiTokens',
    permission: 'api_tokens.manage',
  },
  {
    key: 'roles',
    path: '/console/roles',
    icon: <SafetyCertificateOutlined />,
    label: 'nav.roles',
    permission: 'roles.read',
  },
  {
    key: 'audit',
    path: '/console/audit',
    icon: <AuditOutlined />,
    label: 'nav.audit',
    permission: 'audit.read',
  },
  {
    key: 'company',
    path: '/console/company',
    icon: <BankOutlined />,
    label: 'nav.company',
    permission: 'settings.manage',
  },
];

export function ConsoleLayout() {
  const { t } = useTranslation();
  const { data: me, isLoading } = useMe();
  useLiveUpdates(Boolean(me));
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  useKeyboardShortcuts({ '?': () => setHelpOpen(true) });
  if (isLoading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.kind === 'customer') return <Navigate to="/portal" replace />;

  const visible = NAV.filter((n) => !n.permission || me.permissions.includes(n.permission));
  const selected = [...visible].reverse().find((n) => location.pathname.startsWith(n.path))?.key ?? 'home';
  const items: MenuProps['items'] = visible.map((n) => ({
    key: n.key,
    icon: n.icon,
    label: <span data-testid={`nav-${n.key}`}>{t(n.label)}</span>,
  }));
  const onClick: MenuProps['onClick'] = ({ key }) => {
    const item = visible.find((n) => n.key === key);
    if (item) navigate(item.path);
    setDrawerOpen(false);
  };
  const isMobile = !screens.md;
  const menu = (
    <nav aria-label={t('nav.main')}>
      <Menu
        mode="inline"
        selectedKeys={[selected]}
        items={items}
        onClick={onClick}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          paddingInline: isMobile ? 8 : 24,
          background: '#0f2a5f',
          color: '#fff',
        }}
      >
        {isMobile && (
          <Button
            type="text"
            aria-label={t('nav.openMenu')}
            data-testid="nav-toggle"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
          />
        )}
        <div
          style={{
            fontWeight: 600,
            fontSize: isMobile ? 15 : 17,
            flex: 1,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {t('app.consoleTitle')}
        </div>
        <GlobalSearch compact={isMobile} />
        <LanguageSwitch />
        <NotificationBell base="/console" />
        <UserMenu me={me} base="/console" />
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t('nav.main')}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider width={220} theme="light">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <main>
            <Outlet />
          </main>
          <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
