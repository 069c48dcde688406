import { BellOutlined, DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TMe } from '../../../common/api.ts';
import { useLogoutMutation } from '../features/auth/session-logout-mutation.ts';

export function UserMenu({ me, base }: { me: TMe; base: '/console' | '/portal' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogoutMutation();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'profile',
            icon: <UserOutlined />,
            label: <span data-testid="menu-profile">{t('nav.profile')}</span>,
          },
          ...(me.kind === 'staff'
            ? [
                {
                  key: 'notifications',
                  icon: <BellOutlined />,
                  label: <span data-testid="menu-notifications">{t('notifications.preferences.menu')}</span>,
                },
              ]
            : []),
          {
            key: 'password',
            icon: <LockOutlined />,
            label: <span data-testid="menu-password">{t('nav.changePassword')}</span>,
          },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: <span data-testid="menu-logout">{t('nav.logout')}</span>,
          },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate(`${base}/profile`);
          if (key === 'password') navigate(`${base}/profile#password`);
          if (key === 'notifications') navigate(`${base}/profile#notifications`);
          if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login') });
        },
      }}
    >
      <Button
        type="text"
        data-testid="user-menu"
        aria-label={`${me.displayName} · ${t('nav.userMenu')}`}
        style={{ color: 'inherit' }}
      >
        <UserOutlined /> <span className="user-name">{me.displayName}</span> <DownOutlined />
      </Button>
    </Dropdown>
  );
}
