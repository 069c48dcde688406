import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, LANGUAGE_KEY, type Language } from '../../../common/languages.ts';
import { zhCN } from './locales/zh-CN.ts';

export { LANGUAGE_KEY, type Language };

export function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  return isLanguage(saved) ? saved : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/**
 * Switches to `lang`, loading its texts first. English is its own chunk, loaded only by those who
 * read it: the entry (and so the login page and every first screen) carries Chinese alone.
 */
async function switchLanguage(lang: Language) {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./locales/en.ts');
    i18n.addResourceBundle('en', 'translation', en);
  }
  document.documentElement.lang = lang;
  // the server writes the pages it fills (the ticket list's first page) in the same language
  // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server
  document.cookie = `${LANGUAGE_KEY}=${lang}; path=/; max-age=31536000; samesite=lax`;
  await i18n.changeLanguage(lang);
}

/** The saved language, ready before the first render (main.tsx). */
export function startLanguage(): Promise<void> {
  return switchLanguage(initialLanguage());
}

export function changeLanguage(lang: Language) {
  localStorage.setItem(LANGUAGE_KEY, lang);
  void switchLanguage(lang);
}

document.documentElement.lang = i18n.language;
export default i18n;
