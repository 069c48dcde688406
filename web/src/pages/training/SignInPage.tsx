// The room's QR code opens this on a trainee's phone: name and phone, and they are signed in; then on
// to the exam on the same phone.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useOrganisationTime } from '../../components/organisation-time.ts';
import { PhoneShell } from './PhoneShell.tsx';

export function SignInPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { dateTime } = useOrganisationTime();
  const url = `/api/v1/public/training/sign-in/${encodeURIComponent(token)}`;
  const page = useQuery({
    queryKey: ['training', 'sign-in', token],
    queryFn: () => api.get<{ courseTitle: string; venue: string; startsAt: string; endsAt: string }>(url),
    retry: false,
  });
  const signIn = useMutation({
    mutationFn: (body: { name: string; phone: string }) =>
      api.post<{ traineeName: string; examToken: string }>(url, body, false),
  });
  const body = () => {
    if (page.isLoading) return <Spin />;
    if (page.error || !page.data)
      return <Alert type="error" showIcon message={t('training.signIn.invalid')} />;
    if (signIn.data)
      return (
        <Result
          status="success"
          title={
            <span data-testid="sign-in-done">
              {t('training.signIn.done', { name: signIn.data.traineeName })}
            </span>
          }
          extra={
            <Button
              type="primary"
              size="large"
              data-testid="sign-in-to-exam"
              onClick={() => navigate(`/t/exam/${signIn.data.examToken}`)}
            >
              {t('training.signIn.toExam')}
            </Button>
          }
        />
      );
    return (
      <>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {page.data.courseTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {dateTime(page.data.startsAt)} · {page.data.venue}
        </Typography.Paragraph>
        <Form
          layout="vertical"
          onFinish={(v) => signIn.mutate(v, { onError: (e) => void message.error(e.message) })}
        >
          <Form.Item name="name" label={t('training.signIn.name')} rules={[{ required: true }]}>
            <Input size="large" autoComplete="name" data-testid="sign-in-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('training.signIn.phone')} rules={[{ required: true }]}>
            <Input size="large" type="tel" autoComplete="tel" data-testid="sign-in-phone" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={signIn.isPending}
            data-testid="sign-in-submit"
          >
            {t('training.signIn.submit')}
          </Button>
        </Form>
      </>
    );
  };
  return <PhoneShell title={t('training.signIn.title')}>{body()}</PhoneShell>;
}
