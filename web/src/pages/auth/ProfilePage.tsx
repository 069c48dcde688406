import { App, Button, Card, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../app/i18n.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useMe } from '../../features/auth/me-query.ts';
import { useChangePasswordMutation } from '../../features/auth/password-change-mutation.ts';
import { useUpdateProfileMutation } from '../../features/auth/profile-update-mutation.ts';
import { NotificationPreferencesCard } from '../../features/notifications/NotificationPreferencesCard.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [profileForm] = Form.useForm();
  const [passwordForm] = Form.useForm();
  const update = useUpdateProfileMutation();
  const change = useChangePasswordMutation();
  useEffect(() => {
    if (me) profileForm.setFieldsValue({ displayName: me.displayName, email: me.email, locale: me.locale });
  }, [me, profileForm]);
  if (!me) return null;

  return (
    <>
      <h1 className="page-title">{t('nav.profile')}</h1>
      <Card title={t('profile.details')} style={{ maxWidth: 560, marginBottom: 16 }}>
        <Form
          form={profileForm}
          layout="vertical"
          onFinish={(v) =>
            update.mutate(
              { displayName: v.displayName, email: v.email || null, locale: v.locale },
              {
                onSuccess: (saved) => {
                  changeLanguage(saved.locale);
                  message.success(t('common.saved'));
                },
                onError: (err) => message.error(applyServerErrors(profileForm, err)),
              },
            )
          }
        >
          <Form.Item label={t('profile.username')} htmlFor="profile-username">
            <Input id="profile-username" value={me.username} disabled />
          </Form.Item>
          <Form.Item label={t('profile.displayName')} name="displayName" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('profile.email')} name="email" rules={[{ type: 'email' }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('common.language')} name="locale">
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      {me.kind === 'staff' && <NotificationPreferencesCard />}
      <Card title={t('nav.changePassword')} style={{ maxWidth: 560 }} id="password">
        <Form
          form={passwordForm}
          layout="vertical"
          onFinish={(v) =>
            change.mutate(
              { currentPassword: v.currentPassword, newPassword: v.newPassword },
              {
                onSuccess: (r) => {
                  passwordForm.resetFields();
                  message.success(t('profile.passwordChanged', { count: r.endedSessions }));
                },
                onError: (err) => message.error(applyServerErrors(passwordForm, err)),
              },
            )
          }
        >
          <Form.Item label={t('profile.currentPassword')} name="currentPassword" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t('profile.newPassword')}
            name="newPassword"
            rules={[{ required: true }, { min: 10, message: t('profile.passwordTooShort') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('profile.confirmPassword')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('profile.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('nav.changePassword')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
