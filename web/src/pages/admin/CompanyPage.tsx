import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCsrfToken } from '../../api/client.ts';
import { useCompanyProfile } from '../../features/company/company-profile-query.ts';
import { useSaveCompanyProfile } from '../../features/company/company-profile-save-mutation.ts';
import { LabelSettingsCard } from './LabelSettingsCard.tsx';

/** The company's letterhead: the name and logo printed at the top of repair reports and archives. */
export function CompanyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const profile = useCompanyProfile();
  const save = useSaveCompanyProfile();
  const [name, setName] = useState('');
  const [logoFileId, setLogoFileId] = useState<string | null>(null);
  useEffect(() => {
    if (profile.data) {
      setName(profile.data.name);
      setLogoFileId(profile.data.logoFileId);
    }
  }, [profile.data]);
  if (!profile.data) return null;
  const current = profile.data;

  const upload = async (file: Blob) => {
    const form = new FormData();
    form.append('file', file);
    const res = await fetch('/api/v1/files', {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { 'x-csrf-token': getCsrfToken() },
    });
    const body = await res.json();
    if (!res.ok) return void message.error(body.detail ?? res.statusText);
    if (!['image/png', 'image/jpeg'].includes(body.contentType))
      return void message.error(t('company.logoType'));
    setLogoFileId(body.id);
  };

  return (
    <>
      <h1 className="page-title">{t('company.title')}</h1>
      <Card size="small" style={{ maxWidth: 640 }}>
        <Form layout="vertical">
          <Form.Item label={t('company.name')} required help={t('company.nameHelp')} htmlFor="company-name">
            <Input
              id="company-name"
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
              data-testid="company-name"
            />
          </Form.Item>
          <Form.Item label={t('company.logo')} help={t('company.logoHelp')}>
            <Space align="center" wrap>
              {logoFileId ? (
                <img
                  src={`/api/v1/files/${logoFileId}/content`}
                  alt={t('company.logo')}
                  style={{ maxHeight: 48, maxWidth: 160, border: '1px solid #e5e7eb' }}
                />
              ) : (
                <span style={{ color: '#4b5563' }}>{t('company.noLogo')}</span>
              )}
              <Upload
                accept="image/png,image/jpeg"
                showUploadList={false}
                customRequest={({ file }) => void upload(file as Blob)}
              >
                <Button icon={<UploadOutlined />} data-testid="company-logo-upload">
                  {t('company.uploadLogo')}
                </Button>
              </Upload>
              {logoFileId && <Button onClick={() => setLogoFileId(null)}>{t('company.removeLogo')}</Button>}
            </Space>
          </Form.Item>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={!name.trim() || (name === current.name && logoFileId === current.logoFileId)}
            onClick={() =>
              save.mutate(
                { version: current.version, name: name.trim(), logoFileId },
                {
                  onSuccess: () => message.success(t('company.saved')),
                  onError: (err) => message.error(err.message),
                },
              )
            }
            data-testid="company-save"
          >
            {t('company.save')}
          </Button>
        </Form>
      </Card>
      <LabelSettingsCard />
    </>
  );
}
