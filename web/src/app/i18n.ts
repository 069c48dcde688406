import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { zhCN } from './locales/zh-CN.ts';

export const LANGUAGE_KEY = 'aftercare.language';
export type Language = 'zh-CN' | 'en';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function changeLanguage(lang: Language) {
  localStorage.setItem(LANGUAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

document.documentElement.lang = i18n.language;
export default i18n;
