export type Locale = 'zh-CN' | 'zh-TW' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'zh-TW', 'en'];
type Tree = { [k: string]: string | Tree };
/** One capability's strings in every locale (nested keys, e.g. people.teamName). */
export type Messages = Record<Locale, Tree>;
