import { Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/me-query.ts';

export function ConsoleHomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <h1 className="page-title">{t('home.welcome', { name: me.displayName })}</h1>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>{t('home.yourRoles')}</Typography.Paragraph>
        {me.roles.map((role) => (
          <Tag key={role} color="blue" data-testid={`role-${role}`}>
            {t(`roles.${role}`)}
          </Tag>
        ))}
      </Card>
      <Row gutter={[16, 16]}>
        {me.roles.map((role) => (
          <Col key={role} xs={24} md={12}>
            <Card title={t(`roles.${role}`)}>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                {t(`roleDuties.${role}`)}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
