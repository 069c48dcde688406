import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { useFocusableScrollRegions } from '../components/scrollable-regions.ts';

/**
 * antd's theme, locale and message/modal context. Only the screens behind the login wrap themselves
 * in it (the layouts and the standalone 404), so the login page loads no antd at all.
 */
export function AntShell({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  useFocusableScrollRegions();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      // Secondary text darker than antd's default, for WCAG AA contrast.
      theme={{
        token: {
          colorPrimary: '#1d4ed8',
          colorLink: '#1d4ed8',
          borderRadius: 6,
          colorTextSecondary: '#4b5563',
          colorTextDescription: '#4b5563',
          colorTextTertiary: '#5b6472',
          // Placeholders (4.8:1 on white) and disabled text: antd's defaults fail axe's contrast check.
          colorTextPlaceholder: '#6b7280',
          // Danger buttons and error text (antd's #ff4d4f is 3.3:1 on white).
          colorError: '#cf1322',
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
