import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../features/auth/me-query.ts';
import { useWorkbench } from '../../features/workbench/workbench-query.ts';
import { FiguresSection } from './workbench/FiguresSection.tsx';
import {
  DeskSection,
  JobsSection,
  ManagerSection,
  SessionsSection,
  StockSection,
  TeamSection,
} from './workbench/StaffSections.tsx';

/** 工作台: each role lands on its own work; every figure is live and opens the list behind it. */
export function ConsoleHomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const wb = useWorkbench();
  if (!me) return null;
  const w = wb.data;
  const empty = w && !w.desk && !w.team && !w.jobs && !w.manager && !w.stock && !w.sessions;
  return (
    <div className="workbench">
      <div className="workbench-head">
        <h1 className="page-title">{t('home.welcome', { name: me.displayName })}</h1>
        {me.permissions.includes('tickets.create') && !w?.jobs && (
          <Link to="/console/tickets/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="wb-quick-entry">
              {t('workbench.quickEntry')}
            </Button>
          </Link>
        )}
      </div>
      {wb.isError && <Alert type="error" title={t('workbench.loadFailed')} />}
      {wb.isLoading && <Skeleton active />}
      {w?.jobs && <JobsSection jobs={w.jobs} />}
      {w?.desk && <DeskSection desk={w.desk} />}
      {w?.sessions && <SessionsSection sessions={w.sessions} />}
      {w?.team && <TeamSection team={w.team} />}
      {w?.manager && <ManagerSection manager={w.manager} />}
      {w?.figures && <FiguresSection figures={w.figures} />}
      {w?.stock && <StockSection stock={w.stock} />}
      {empty && (
        <Card>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('home.yourRoles')}</Typography.Paragraph>
          {me.roles.map((role) => (
            <Tag key={role} color="blue" data-testid={`role-${role}`}>
              {t(`roles.${role}`)}
            </Tag>
          ))}
          {me.roles.map((role) => (
            <Typography.Paragraph key={role} style={{ marginTop: 8, marginBottom: 0 }}>
              {t(`roleDuties.${role}`)}
            </Typography.Paragraph>
          ))}
        </Card>
      )}
    </div>
  );
}
