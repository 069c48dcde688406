// The public certificate check (no login): one certificate by the code in its link.
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { PhoneShell } from './PhoneShell.tsx';

interface Verification {
  number: string;
  holderName: string;
  courseTitle: string;
  issuedAt: string;
  expiresAt: string | null;
  issuer: string;
  state: 'valid' | 'revoked' | 'expired';
}

export function VerifyPage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['training', 'verify', code],
    queryFn: () => api.get<Verification>(`/api/v1/public/training/certificates/${encodeURIComponent(code)}`),
    retry: false,
  });
  const date = (v: string) => new Date(v).toLocaleDateString(i18n.language);
  const c = q.data;
  return (
    <PhoneShell title={t('training.verify.title')}>
      {q.isLoading && <Spin />}
      {q.error && (
        <Alert type="error" showIcon message={t('training.verify.notFound')} data-testid="verify-not-found" />
      )}
      {c && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('training.certificate.state')}>
            <Tag color={c.state === 'valid' ? 'green' : 'red'} data-testid="verify-state">
              {t(`training.certificateState.${c.state}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('training.certificate.holder')}>
            <span data-testid="verify-holder">{c.holderName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('training.certificate.course')}>{c.courseTitle}</Descriptions.Item>
          <Descriptions.Item label={t('training.certificate.number')}>
            <span data-testid="verify-number">{c.number}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('training.certificate.issuedAt')}>{date(c.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('training.certificate.expiresAt')}>
            {c.expiresAt ? date(c.expiresAt) : t('training.certificate.noExpiry')}
          </Descriptions.Item>
          <Descriptions.Item label={t('training.verify.issuer')}>{c.issuer}</Descriptions.Item>
        </Descriptions>
      )}
    </PhoneShell>
  );
}
