import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../i18n/index';
import { LOCALE_NAMES } from '../i18n/types';

/** The screen's language: on the sign-in form, in the top bar and on the wallboard's kiosk view. */
export function LanguageSelect({ onLocale }: { onLocale: (l: Locale) => void }) {
  const { i18n } = useTranslation();
  return (
    <select aria-label="language" value={i18n.language} onChange={(e) => onLocale(e.target.value as Locale)}>
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
