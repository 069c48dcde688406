import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { useFocusableScrollRegions } from '../components/scrollable-regions.ts';
// antd's styles as one prebuilt stylesheet (zero-runtime mode below) instead of generated in the browser
// on each screen's first render, then the app's rules, which override some of antd's.
import 'antd/dist/antd.css';
import './shell.css';

/**
 * antd's theme, locale and message/modal context. The theme's tokens reach antd's stylesheet as CSS
 * variables; its component styles are not generated at run time (`zeroRuntime`), which took most of
 * a screen's first render. Only the screens behind the login wrap themselves
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
        zeroRuntime: true,
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
