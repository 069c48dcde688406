import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useMe } from '../../features/auth/me-query.ts';
import { useLoginMutation } from '../../features/auth/session-login-mutation.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLoginMutation();
  const [error, setError] = useState<string | null>(null);
  if (me) return <Navigate to={me.kind === 'customer' ? '/portal' : '/console'} replace />;

  const onFinish = (values: { username: string; password: string }) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (user) => navigate(user.kind === 'customer' ? '/portal' : '/console', { replace: true }),
      onError: (err) => {
        if (err instanceof ApiError && err.status === 429) {
          setError(t('login.rateLimited', { seconds: err.retryAfter ?? 60 }));
        } else if (err instanceof ApiError && err.status === 401) {
          setError(t('login.wrongCredentials'));
        } else {
          setError(err instanceof Error ? err.message : String(err));
        }
      },
    });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0f2a5f, #1d4ed8)',
      }}
    >
      <header style={{ display: 'flex', justifyContent: 'flex-end', padding: 12 }}>
        <LanguageSwitch />
      </header>
      <main style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <Card style={{ width: '100%', maxWidth: 400 }}>
          <h1 style={{ fontSize: 22, margin: '0 0 4px' }}>{t('app.name')}</h1>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
              role="alert"
            />
          )}
          <Form layout="vertical" onFinish={onFinish} requiredMark={false} name="login">
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                data-testid="login-username"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </div>
  );
}
