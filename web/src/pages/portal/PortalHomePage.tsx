import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/me-query.ts';
import { ChatStart } from './ChatStart.tsx';
import { PortalWorkbench } from './PortalWorkbench.tsx';

export function PortalHomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <h1 className="page-title" data-testid="portal-welcome">
        {t('portal.welcome', { organisation: me.customerName ?? '' })}
      </h1>
      <div className="workbench">
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('portal.intro')}</Typography.Paragraph>
        <PortalWorkbench />
        <ChatStart />
      </div>
    </>
  );
}
