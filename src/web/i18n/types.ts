export type Locale = 'zh-CN' | 'zh-TW' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'zh-TW', 'en'];
/** The screen's locale until one is chosen, and the fallback for a missing word. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';
type Tree = { [k: string]: string | Tree };
/** One capability's strings in every locale (nested keys, e.g. people.teamName). */
export type Messages = Record<Locale, Tree>;

/** Each language named in its own script, as a language menu shows it (not translated). */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };
