import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './types';
import { loadFontsFor } from '../fonts';
import { applyScript } from '../script';
import { loadMessages, startMessages } from './bundles';

/**
 * A locale's messages when i18next first needs them (issue 16): the screen's locale and the zh-CN fallback at start,
 * another on a switch. In the build only zh-CN is in the entry; the others are chunks fetched when chosen
 * (bundles.ts): from source (tests, the dev server) every locale is there at once, merged on use. A first render in
 * a locale chosen earlier waits for its chunk (react-i18next suspends until it is loaded): no zh-CN words first.
 */
const messagesOnUse: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (!(LOCALES as string[]).includes(language)) return callback(null, {});
    const now = startMessages(language as Locale);
    if (now) return callback(null, now);
    loadMessages(language as Locale).then(
      (m) => callback(null, m),
      (e: unknown) => callback(e as Error, null),
    );
  },
};

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('cf.locale')) as Locale | null;

void i18n
  .use(messagesOnUse)
  .use(initReactI18next)
  .init({
    lng: saved && LOCALES.includes(saved) ? saved : DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
  });

// the page's language drives the font choice (styles.css :lang) and screen readers
if (typeof document !== 'undefined') {
  document.documentElement.lang = i18n.language;
  loadFontsFor(i18n.language as Locale);
  void applyScript(i18n.language as Locale);
}

export function setLocale(l: Locale) {
  localStorage.setItem('cf.locale', l);
  document.documentElement.lang = l;
  loadFontsFor(l);
  void applyScript(l);
  return i18n.changeLanguage(l);
}

export { i18n, LOCALES, type Locale };
