import { Card, Descriptions, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/me-query.ts';
import { useCustomer } from '../../features/customers/customer-query.ts';

export function PortalOrganisationPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const customer = useCustomer(me?.customerId);
  if (customer.isLoading || !customer.data) return <Spin />;
  const c = customer.data;
  return (
    <>
      <h1 className="page-title">{t('nav.organisation')}</h1>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('customers.name')}>{c.name}</Descriptions.Item>
          <Descriptions.Item label={t('customers.contactName')}>{c.contactName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.contactPhone')}>{c.contactPhone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.contactEmail')}>{c.contactEmail ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.address')}>{c.address ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
