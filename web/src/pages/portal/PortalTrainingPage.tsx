// The portal's user classes (the spring and autumn public sessions): seats left, enrolment (a seat or
// the waiting list), cancelling, and the organisation's certificates.
import { App, Button, Card, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCertificates } from '../../features/training/certificates-query.ts';
import {
  type TPortalSession,
  useEnrol,
  useEnrolmentCancel,
  usePortalSessions,
} from '../../features/training/portal-training-query.ts';
import { usePortalDate } from './portal-dates.ts';

function SessionCard({ s }: { s: TPortalSession }) {
  const { t } = useTranslation();
  const portalDate = usePortalDate();
  const { message } = App.useApp();
  const enrol = useEnrol();
  const cancel = useEnrolmentCancel();
  const [form] = Form.useForm();
  return (
    <Card size="small" title={s.courseTitle} data-testid="portal-training-session">
      <Typography.Paragraph>
        {portalDate(s.startsAt)} · {s.venue}
        <br />
        {t('training.portal.seatsLeft', { n: s.seatsLeft, limit: s.seatLimit })}
      </Typography.Paragraph>
      {s.mine.length > 0 && (
        <Space direction="vertical" style={{ marginBottom: 8 }}>
          {s.mine.map((m) => (
            <Space key={m.traineeId} wrap>
              {m.name}
              <Tag color={m.status === 'enrolled' ? 'green' : 'orange'}>
                {t(`training.traineeStatus.${m.status}`)}
              </Tag>
              <Button size="small" onClick={() => cancel.mutate(m.traineeId)}>
                {t('training.portal.cancel')}
              </Button>
            </Space>
          ))}
        </Space>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          enrol.mutate(
            { sessionId: s.id, name: v.name, phone: v.phone },
            {
              onSuccess: () => (form.resetFields(), void message.success(t('training.portal.enrolled'))),
              onError: (e) => void message.error(e.message),
            },
          )
        }
      >
        <Form.Item name="name" label={t('training.signIn.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('training.signIn.phone')} rules={[{ required: true }]}>
          <Input type="tel" />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={enrol.isPending}>
          {t('training.portal.enrol')}
        </Button>
      </Form>
    </Card>
  );
}

export function PortalTrainingPage() {
  const { t } = useTranslation();
  const sessions = usePortalSessions();
  const certificates = useCertificates();
  return (
    <>
      <h1 className="page-title">{t('training.portal.title')}</h1>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 12 }}>
        {(sessions.data ?? []).map((s) => (
          <SessionCard key={s.id} s={s} />
        ))}
      </div>
      {sessions.data?.length === 0 && <Empty description={t('training.portal.empty')} />}
      <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('training.portal.certificates')}</h2>
      <Space direction="vertical" style={{ width: '100%' }}>
        {(certificates.data ?? []).map((c) => (
          <Card size="small" key={c.id}>
            {c.holderName} · {c.courseTitle} · {c.number} ·{' '}
            <a href={`/t/verify/${c.verificationCode}`}>{t('training.certificate.verify')}</a>
          </Card>
        ))}
      </Space>
    </>
  );
}
