// Certificates issued: PDFs in both languages, the public verification page, revocation.
import { App, Button, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCertificate } from '../../../../common/training-api.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { useCertificates, useRevoke } from '../../features/training/certificates-query.ts';

export function certificateState(c: TCertificate): 'valid' | 'revoked' | 'expired' {
  if (c.revokedAt) return 'revoked';
  if (c.expiresAt && Date.parse(c.expiresAt) <= Date.now()) return 'expired';
  return 'valid';
}

export function CertificatesTab({ canRevoke = true }: { canRevoke?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { date } = useOrganisationTime();
  const certificates = useCertificates();
  const revoke = useRevoke();
  const [revoking, setRevoking] = useState<TCertificate | null>(null);
  const [reason, setReason] = useState('');
  return (
    <>
      <Table
        rowKey="id"
        loading={certificates.isLoading}
        dataSource={certificates.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('training.certificate.number'), dataIndex: 'number' },
          { title: t('training.certificate.holder'), dataIndex: 'holderName' },
          { title: t('training.certificate.course'), dataIndex: 'courseTitle' },
          { title: t('training.certificate.issuedAt'), render: (_, c) => date(c.issuedAt) },
          {
            title: t('training.certificate.expiresAt'),
            render: (_, c) => (c.expiresAt ? date(c.expiresAt) : t('training.certificate.noExpiry')),
          },
          {
            title: t('training.certificate.state'),
            render: (_, c) => {
              const s = certificateState(c);
              return <Tag color={s === 'valid' ? 'green' : 'red'}>{t(`training.certificateState.${s}`)}</Tag>;
            },
          },
          {
            title: '',
            render: (_, c) => (
              <Space wrap>
                <a href={`/api/v1/training/certificates/${c.id}/pdf?lang=zh-CN`}>
                  {t('training.certificate.pdfZh')}
                </a>
                <a href={`/api/v1/training/certificates/${c.id}/pdf?lang=en`}>
                  {t('training.certificate.pdfEn')}
                </a>
                <a href={`/t/verify/${c.verificationCode}`} target="_blank" rel="noreferrer">
                  {t('training.certificate.verify')}
                </a>
                {canRevoke && !c.revokedAt && (
                  <Button size="small" danger onClick={() => setRevoking(c)}>
                    {t('training.certificate.revoke')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(revoking)}
        title={t('training.certificate.revoke')}
        onCancel={() => setRevoking(null)}
        okButtonProps={{ disabled: !reason.trim(), loading: revoke.isPending }}
        onOk={() =>
          revoking &&
          revoke.mutate(
            { id: revoking.id, reason },
            {
              onSuccess: () => (setRevoking(null), setReason('')),
              onError: (e) => void message.error(e.message),
            },
          )
        }
      >
        <Input.TextArea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('training.certificate.revokeReason')}
          aria-label={t('training.certificate.revokeReason')}
        />
      </Modal>
    </>
  );
}
