import type { Locale } from './i18n/types';

/**
 * The CJK font a locale draws with, shipped with the app (Fontsource, in unicode-range slices so a page
 * fetches only the characters it shows). Its CSS is loaded when the locale is chosen, not with the page,
 * so neither script's font rules block the first paint; text shows in a fallback font until it swaps.
 * English screens still show Chinese user data, in the Simplified font.
 */
const FONT_CSS: Record<Locale, () => Promise<unknown>> = {
  'zh-CN': () => import('@fontsource/noto-sans-sc/400.css'),
  'zh-TW': () => import('@fontsource/noto-sans-tc/400.css'),
  en: () => import('@fontsource/noto-sans-sc/400.css'),
};

export function loadFontsFor(locale: Locale): void {
  void FONT_CSS[locale]().catch(() => {
    // a font that did not arrive leaves the system fonts in place; nothing to tell the user
  });
}
