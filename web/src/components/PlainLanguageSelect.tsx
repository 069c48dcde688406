import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../app/i18n.ts';

/** The language choice as a native select: for screens that load no antd (the login page). */
export function PlainLanguageSelect({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <select
      className={className}
      data-testid="login-language"
      aria-label={t('common.language')}
      value={i18n.language as Language}
      onChange={(e) => changeLanguage(e.target.value as Language)}
    >
      <option value="zh-CN">中文</option>
      <option value="en">English</option>
    </select>
  );
}
