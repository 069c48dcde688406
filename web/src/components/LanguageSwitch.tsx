import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../app/i18n.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      data-testid="language-switch"
      aria-label={t('common.language')}
      size="small"
      value={i18n.language as Language}
      onChange={(lang: Language) => changeLanguage(lang)}
      suffixIcon={<GlobalOutlined />}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      style={{ width: 110 }}
      popupMatchSelectWidth={false}
    />
  );
}
