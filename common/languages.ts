// The languages of the user interface, and the name under which the web app keeps the reader's choice
// (localStorage, mirrored into a cookie the server reads for the pages it fills). No zod here: the
// login page's code imports it.
export type Language = 'zh-CN' | 'en';
export const LANGUAGE_KEY = 'aftercare.language';
export const isLanguage = (value: unknown): value is Language => value === 'zh-CN' || value === 'en';
